package org.lightbox.query.transfer;

/**
 * Carries out jobs of one type for the {@link TransferQueue} ("send" is built in; a retrieve handler adds "move" or
 * "get"). One attempt per call: return normally when the work is done (or when {@link TransferAttempt#stopRequested}
 * told it to stop), throw when the attempt failed. A {@link TransferException} that is not retryable fails the job
 * for good; any other exception makes the queue retry with backoff.
 */
public interface TransferHandler {

    /** The job type this handler runs, at most 32 characters. */
    String type();

    /** Runs one attempt of a job. */
    void run(TransferAttempt attempt) throws Exception;
}
