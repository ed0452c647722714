package org.lightbox.query.transfer;

import java.util.List;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.InstanceOutcome;

/** One attempt at a job, as the queue hands it to a {@link TransferHandler}. */
public interface TransferAttempt {

    long jobId();

    /** The handler's own encoding of what to do, as submitted. */
    byte[] payload();

    /** 1 for the first attempt (counted again from 1 after a manual retry). */
    int attempt();

    /** True when the queue gives up if this attempt fails. */
    boolean lastAttempt();

    /** Reports progress: units done of total and bytes transferred, counted over all attempts. */
    void progress(int done, int total, long bytes);

    /** The bytes the job transferred in earlier attempts. */
    long bytesSoFar();

    /** Records how one instance fared (replacing an earlier attempt's record of it). */
    void record(InstanceOutcome outcome) throws CatalogException;

    /** Every instance outcome recorded for this job so far, earlier attempts included. */
    List<InstanceOutcome> outcomes() throws CatalogException;

    /**
     * True once the job was paused or canceled, or the queue is closing: stop at the next instance boundary and
     * return.
     */
    boolean stopRequested();

    /** Runs {@code action} (e.g. aborting an association) as soon as a stop is requested; at most one at a time. */
    void onStop(Runnable action);
}
