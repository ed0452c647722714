package org.lightbox.catalog;

/** Where a transfer queue job is. */
public enum JobState {
    /** Waiting for its next attempt time. */
    PENDING,
    /** Claimed by a worker. */
    RUNNING,
    /** Held by the user: not claimed until resumed; a running worker stops at the next instance. */
    PAUSED,
    COMPLETED,
    /** Given up: no more attempts. */
    FAILED,
    CANCELED;

    /** True for COMPLETED, FAILED and CANCELED. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELED;
    }
}
