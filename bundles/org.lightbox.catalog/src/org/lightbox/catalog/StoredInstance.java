package org.lightbox.catalog;

import java.nio.file.Path;

/**
 * An instance the file store has durably stored and the catalog has committed: the storage service may now
 * answer success.
 *
 * @param indexed what the catalog recorded
 * @param file    the file as the catalog knows it
 * @param path    the absolute path of the file
 */
public record StoredInstance(IndexedInstance indexed, StoredFile file, Path path) {
}
