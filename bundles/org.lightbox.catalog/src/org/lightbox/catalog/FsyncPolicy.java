package org.lightbox.catalog;

/**
 * When the file store forces received files to disk. A process crash (kill -9) loses nothing under any policy:
 * the data is in the operating system's cache. The policies differ on power loss or an operating system crash.
 */
public enum FsyncPolicy {
    /**
     * Every file is forced before its rename, its directory after; then the catalog commits (which forces the
     * database log). An acknowledged instance survives power loss. The default.
     */
    ALWAYS,
    /**
     * Files are forced in groups: by {@link FileStore#sync()} (the storage service calls it when an association
     * ends) and automatically every {@link StoreSettings#batchSize()} files. Power loss may lose instances
     * acknowledged since the last sync; the recovery scan then removes their catalog rows.
     */
    BATCH,
    /** Never forced by Lightbox: left to the operating system. */
    NEVER
}
