package org.lightbox.query.transfer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.CommitmentRecord;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.InstanceOutcome;
import org.lightbox.catalog.Job;
import org.lightbox.catalog.JobState;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.query.QueryRetrieveScu;
import org.lightbox.query.internal.commit.CommitmentReports;
import org.lightbox.query.internal.send.SendHandler;
import org.lightbox.query.internal.retrieve.RetrieveHandler;
import org.lightbox.query.internal.retrieve.RetrievePayload;
import org.lightbox.query.internal.send.SendPayload;
import org.lightbox.query.internal.transfer.QueueEngine;
import org.lightbox.storage.AssociationLogRecorder;

/**
 * The durable transfer queue: every send (and, through further {@link TransferHandler}s, every retrieve) is a job
 * in the catalog's job table, so jobs survive a restart and several workstations sharing a catalog share one
 * queue. Jobs report progress (instances done of total, bytes, MB/s), can be paused, resumed, canceled and
 * retried, and failed attempts are retried with exponential backoff. Per-instance outcomes and storage commitment
 * results are kept in the catalog's {@link org.lightbox.catalog.TransferRecords}.
 * <p>
 * The send handler is built in. Storage commitment reports that a peer sends on an association it opens to the
 * node are accepted by {@link #commitmentReportService()}, which the node registers for N-EVENT-REPORT of the
 * Storage Commitment Push Model class. Thread-safe.
 */
public final class TransferQueue implements AutoCloseable {

    private final Catalog catalog;
    private final QueueEngine engine;
    private final CommitmentReports reports;
    private volatile ToLongFunction<String> receivedFrom = aet -> 0;

    /**
     * A queue over the store's catalog; call {@link #start()} to run jobs. Every association a job opens is written
     * to the catalog's association log.
     */
    public TransferQueue(FileStore store, TransferQueueSettings settings) {
        this(store, settings, new AssociationLogRecorder(store.catalog().activityLog()));
    }

    /**
     * A queue whose associations go to {@code associationLog} (e.g. a
     * {@link org.lightbox.storage.LocalNode#associationLog()}, which also wakes the node's listeners).
     */
    public TransferQueue(FileStore store, TransferQueueSettings settings, AssociationListener associationLog) {
        this.catalog = store.catalog();
        this.engine = new QueueEngine(catalog, settings);
        this.reports = new CommitmentReports(catalog);
        engine.register(new SendHandler(store, settings, reports, associationLog));
        engine.register(new RetrieveHandler(new QueryRetrieveScu(settings.callingAet(), settings.connection())
                .withAssociationListener(associationLog), store, aet -> receivedFrom.applyAsLong(aet)));
    }

    /**
     * Tells the queue how many bytes the node of this process has received from a calling AE title, so C-MOVE jobs
     * to it show their volume and MB/s (the instances arrive on the node's associations, not the retrieve's).
     */
    public TransferQueue receivedBytes(ToLongFunction<String> counter) {
        receivedFrom = counter == null ? aet -> 0 : counter;
        return this;
    }

    /** Adds a handler for another job type (e.g. retrieve); jobs of unknown types wait in the table. */
    public TransferQueue register(TransferHandler handler) {
        engine.register(handler);
        return this;
    }

    /** Requeues the jobs this owner was running when the process ended, and starts running due jobs. */
    public void start() throws CatalogException {
        engine.start();
    }

    public void addListener(TransferListener l) {
        engine.addListener(l);
    }

    public void removeListener(TransferListener l) {
        engine.removeListener(l);
    }

    /** Queues a send; returns the job id. */
    public long submit(SendRequest request) throws CatalogException {
        return submit(SendRequest.TYPE, request.describe(), SendPayload.encode(request));
    }

    /** Queues a send under a name people recognise (patient, what, where); returns the job id. */
    public long submit(SendRequest request, String description) throws CatalogException {
        return submit(SendRequest.TYPE, description == null || description.isBlank() ? request.describe()
                : description.strip(), SendPayload.encode(request));
    }

    /** Queues a retrieve (C-MOVE to our node or C-GET, as the source is configured); returns the job id. */
    public long submit(RetrieveJob job) throws CatalogException {
        return submit(RetrieveJob.TYPE, job.describe(), RetrievePayload.encode(job));
    }

    /** Queues a job of any registered type with its handler's payload; returns the job id. */
    public long submit(String type, String description, byte[] payload) throws CatalogException {
        long id = catalog.jobs().submit(type, description, payload, null);
        engine.fireStored(id);
        engine.wake();
        return id;
    }

    public Optional<TransferJob> job(long id) throws CatalogException {
        return engine.job(id);
    }

    /** Jobs in one of {@code states} (all when empty), newest first; {@code limit} 0: all. */
    public List<TransferJob> jobs(Set<JobState> states, int limit) throws CatalogException {
        List<TransferJob> out = new ArrayList<>();
        for (Job j : catalog.jobs().list(states, limit)) {
            out.add(engine.view(j));
        }
        return out;
    }

    /** The instances of a job that failed, with the reason of each. */
    public List<InstanceOutcome> failures(long id) throws CatalogException {
        return catalog.transferRecords().failures(id);
    }

    /** The storage commitment records of a send job (empty when none was requested). */
    public List<CommitmentRecord> commitments(long id) throws CatalogException {
        return catalog.transferRecords().commitmentsOfJob(id);
    }

    /** Holds a pending or running job (a running one stops after the current instance). */
    public boolean pause(long id) throws CatalogException {
        return changed(id, catalog.jobs().pause(id), true);
    }

    /** Lets a paused job run again; it continues where it stopped. */
    public boolean resume(long id) throws CatalogException {
        return changed(id, catalog.jobs().resume(id), false);
    }

    /** Cancels a pending, running or paused job. */
    public boolean cancel(long id) throws CatalogException {
        return changed(id, catalog.jobs().cancel(id), true);
    }

    /** Runs a failed or canceled job again now, with a fresh count of attempts; what arrived is not sent again. */
    public boolean retry(long id) throws CatalogException {
        return changed(id, catalog.jobs().retry(id), false);
    }

    private boolean changed(long id, boolean changed, boolean stop) {
        if (changed) {
            if (stop) {
                engine.stop(id);
            }
            engine.fireStored(id);
            engine.wake();
        }
        return changed;
    }

    /**
     * Waits until the job is completed, failed, canceled or paused, or {@code timeout} passed; returns it as it
     * then is.
     */
    public TransferJob await(long id, Duration timeout) throws CatalogException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TransferJob j = job(id).orElseThrow(() -> new CatalogException("transfer job " + id + " does not exist"));
            if (j.state().isFinal() || j.state() == JobState.PAUSED || System.nanoTime() >= deadline) {
                return j;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /**
     * The N-EVENT-REPORT service of the Storage Commitment Push Model SCU: records reports that arrive on an
     * association the peer opened to the node. The node registers it for (1.2.840.10008.1.20.1, N-EVENT-REPORT-RQ).
     */
    public DimseService commitmentReportService() {
        return reports;
    }

    /** Stops running attempts (they are pending again) and the workers; the catalog stays open. */
    @Override
    public void close() {
        engine.close();
    }
}
