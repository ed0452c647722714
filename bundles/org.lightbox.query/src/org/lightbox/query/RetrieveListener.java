package org.lightbox.query;

import org.lightbox.catalog.StoredInstance;

/**
 * Watches a retrieve. Called on the thread reading the association ({@link #received} on the store's indexing
 * thread): return quickly, and do not call back into the operation's association.
 */
public interface RetrieveListener {

    /** Does nothing. */
    RetrieveListener NONE = new RetrieveListener() {
    };

    /** A pending (or the final) response's sub-operation counts. */
    default void progress(RetrieveProgress p) {
    }

    /** C-GET: an instance was stored and is now catalogued (shortly after it was acknowledged). */
    default void received(StoredInstance instance) {
    }

    /** C-GET: an instance sent to us could not be stored (it counts as a failed sub-operation). */
    default void refused(String sopInstanceUid, String reason) {
    }
}
