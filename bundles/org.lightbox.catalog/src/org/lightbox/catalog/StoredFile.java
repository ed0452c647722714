package org.lightbox.catalog;

import java.util.Objects;

/**
 * One stored file as the catalog records it.
 *
 * @param storeId           the file store holding it (several stores may share one catalog)
 * @param path              the path relative to the store root, with '/' separators
 * @param size              the file size in bytes
 * @param transferSyntaxUid the transfer syntax of the data set in the file
 * @param checksum          "CRC32C:xxxxxxxx", or {@code null} when the store does not compute checksums
 */
public record StoredFile(String storeId, String path, long size, String transferSyntaxUid, String checksum) {

    public StoredFile {
        Objects.requireNonNull(storeId, "storeId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        if (path.startsWith("/") || path.contains("\\") || path.contains("..")) {
            throw new IllegalArgumentException("not a safe relative store path: " + path);
        }
    }
}
