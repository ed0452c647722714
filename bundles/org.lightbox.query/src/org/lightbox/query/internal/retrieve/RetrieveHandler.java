package org.lightbox.query.internal.retrieve;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.InstanceOutcome;
import org.lightbox.catalog.StoredInstance;
import org.lightbox.config.RetrieveMethod;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.query.Cancellation;
import org.lightbox.query.QueryRetrieveScu;
import org.lightbox.query.RetrieveListener;
import org.lightbox.query.RetrieveOutcome;
import org.lightbox.query.RetrieveProgress;
import org.lightbox.query.transfer.RetrieveJob;
import org.lightbox.query.transfer.TransferAttempt;
import org.lightbox.query.transfer.TransferException;
import org.lightbox.query.transfer.TransferHandler;

/**
 * Runs queued retrieves: C-MOVE to our node or C-GET into our store, as the source AE is configured. Sub-operation
 * counts become the job's progress; a stop request sends C-CANCEL. A peer that cannot be reached, or that fails
 * the whole retrieve, is tried again with the queue's backoff. A retrieve that brought part of what it asked for is
 * not repeated automatically: the peer would send everything again and the store would keep second copies (the
 * seed's duplicate policy); the job fails with the failed instances listed, for the user to retry. A refusal that
 * cannot change by itself (unknown destination, an identifier the peer cannot use) fails the job at once.
 */
public final class RetrieveHandler implements TransferHandler {
    private final QueryRetrieveScu scu;
    private final FileStore store;
    private final ToLongFunction<String> receivedFrom;

    /**
     * @param receivedFrom bytes our node has received so far from a calling AE title (what a C-MOVE to it
     *                     brings is counted there, not on the retrieve's own association); 0 when unknown
     */
    public RetrieveHandler(QueryRetrieveScu scu, FileStore store, ToLongFunction<String> receivedFrom) {
        this.scu = scu;
        this.store = store;
        this.receivedFrom = receivedFrom;
    }

    @Override
    public String type() {
        return RetrieveJob.TYPE;
    }

    @Override
    public void run(TransferAttempt attempt) throws Exception {
        RetrieveJob job = RetrievePayload.decode(attempt.payload());
        Cancellation cancel = new Cancellation();
        attempt.onStop(cancel::cancel);
        AtomicLong bytes = new AtomicLong(attempt.bytesSoFar());
        boolean move = job.source().retrieve() != RetrieveMethod.GET;
        long movedBefore = move ? receivedFrom.applyAsLong(job.source().aeTitle()) : 0;
        RetrieveListener progress = new RetrieveListener() {
            @Override
            public void progress(RetrieveProgress p) {
                if (move) {
                    bytes.set(attempt.bytesSoFar() + receivedFrom.applyAsLong(job.source().aeTitle()) - movedBefore);
                }
                attempt.progress(p.completed() + p.failed() + p.warning(), p.total(), bytes.get());
            }

            @Override
            public void received(StoredInstance s) {
                bytes.addAndGet(s.file().size());
            }

            @Override
            public void refused(String sopInstanceUid, String reason) {
                try {
                    attempt.record(new InstanceOutcome(attempt.jobId(), null, sopInstanceUid, null,
                            InstanceOutcome.Result.FAILED, 0, reason, Instant.now()));
                } catch (Exception e) {
                    // the outcome list is a convenience; the retrieve's own status says it failed
                }
            }
        };
        RetrieveOutcome o = scu.retrieve(job.source(), job.request(), store, progress, cancel);
        if (move) {
            store.awaitIndexing(); // the node reports an instance once it is catalogued
            bytes.set(attempt.bytesSoFar() + receivedFrom.applyAsLong(job.source().aeTitle()) - movedBefore);
        }
        RetrieveProgress p = o.progress();
        attempt.progress(p.completed() + p.failed() + p.warning(), Math.max(p.total(), p.completed()), bytes.get());
        if (o.complete() || o.cancelled() && attempt.stopRequested()) {
            return;
        }
        for (String uid : o.failedSopInstanceUids()) {
            attempt.record(new InstanceOutcome(attempt.jobId(), null, uid, null, InstanceOutcome.Result.FAILED, 0,
                    "sub-operation failed at " + job.source().aeTitle(), Instant.now()));
        }
        int code = o.status().code();
        boolean permanent = code == Status.MOVE_DESTINATION_UNKNOWN || code == Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS
                || code == Status.CANNOT_UNDERSTAND || p.completed() + p.warning() > 0;
        throw new TransferException(o.describe(), !permanent);
    }
}
