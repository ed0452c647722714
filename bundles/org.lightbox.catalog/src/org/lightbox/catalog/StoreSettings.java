package org.lightbox.catalog;

import java.util.Objects;

/**
 * How the file store writes.
 *
 * @param fsync     when files are forced to disk
 * @param batchSize for {@link FsyncPolicy#BATCH}: force after this many unforced files
 * @param checksums compute a CRC32C of every received file and record it in the catalog
 */
public record StoreSettings(FsyncPolicy fsync, int batchSize, boolean checksums) {

    /** Force every file; batches of 100 for BATCH; checksums on. */
    public static final StoreSettings DEFAULT = new StoreSettings(FsyncPolicy.ALWAYS, 100, true);

    public StoreSettings {
        Objects.requireNonNull(fsync, "fsync");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize < 1");
        }
    }

    public StoreSettings withFsync(FsyncPolicy policy) {
        return new StoreSettings(policy, batchSize, checksums);
    }
}
