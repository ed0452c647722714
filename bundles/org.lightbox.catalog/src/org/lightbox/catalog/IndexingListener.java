package org.lightbox.catalog;

import java.nio.file.Path;

/**
 * Hears how a file committed with {@link IncomingFile#commitThenIndex} was catalogued. Called on the store's
 * indexing thread: keep it short.
 */
public interface IndexingListener {

    /** The instance is in the catalog now (queries see it). */
    void indexed(StoredInstance instance);

    /**
     * The file is stored but the catalog refused it (the cause says why). It stays in the store, and the store is
     * not marked as cleanly shut down, so the next start's recovery scan tries again.
     */
    void failed(Path file, CatalogException cause);
}
