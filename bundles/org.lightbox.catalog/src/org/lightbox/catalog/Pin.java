package org.lightbox.catalog;

/**
 * A hold on a study while it is read or sent: auto-delete and explicit deletion leave a pinned study alone.
 * Close it when done (try-with-resources); closing twice is harmless.
 */
public interface Pin extends AutoCloseable {

    /** The pinned study. */
    String studyUid();

    @Override
    void close();
}
