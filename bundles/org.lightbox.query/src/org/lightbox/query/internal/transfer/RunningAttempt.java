package org.lightbox.query.internal.transfer;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.InstanceOutcome;
import org.lightbox.catalog.Job;
import org.lightbox.catalog.JobState;
import org.lightbox.catalog.JobTable;
import org.lightbox.catalog.TransferRecords;
import org.lightbox.query.transfer.TransferAttempt;
import org.lightbox.query.transfer.TransferJob;

/**
 * One attempt of a claimed job: persists progress (throttled), records instance outcomes, measures the rate, and
 * notices a stop: asked in this process, or seen in the job table (a pause or cancel from another workstation).
 */
final class RunningAttempt implements TransferAttempt {
    private static final System.Logger LOG = System.getLogger(RunningAttempt.class.getName());
    private static final long PERSIST_NANOS = 250_000_000L;
    private static final long CHECK_NANOS = 1_000_000_000L;

    private final Job job;
    private final boolean last;
    private final JobTable jobs;
    private final TransferRecords records;
    private final Runnable changed;
    private final long started = System.nanoTime();
    private final AtomicReference<Runnable> onStop = new AtomicReference<>();
    private volatile boolean stop;
    private volatile int done;
    private volatile int total;
    private volatile long bytes;
    private long lastPersist;
    private long lastCheck = System.nanoTime();

    RunningAttempt(Job job, boolean last, JobTable jobs, TransferRecords records, Runnable changed) {
        this.job = job;
        this.last = last;
        this.jobs = jobs;
        this.records = records;
        this.changed = changed;
        this.done = job.done();
        this.total = job.total();
        this.bytes = job.bytes();
    }

    @Override
    public long jobId() {
        return job.id();
    }

    @Override
    public byte[] payload() {
        return job.payload() == null ? new byte[0] : job.payload().clone();
    }

    @Override
    public int attempt() {
        return job.attempts();
    }

    @Override
    public boolean lastAttempt() {
        return last;
    }

    @Override
    public long bytesSoFar() {
        return job.bytes();
    }

    @Override
    public void progress(int done, int total, long bytes) {
        this.done = done;
        this.total = total;
        this.bytes = bytes;
        long now = System.nanoTime();
        // the table is written a few times a second: a restart recounts from the instance outcomes anyway
        if (now - lastPersist >= PERSIST_NANOS || done >= total) {
            lastPersist = now;
            try {
                jobs.progress(job.id(), done, total, bytes);
            } catch (CatalogException e) {
                LOG.log(System.Logger.Level.WARNING, "job {0}: progress not recorded: {1}", job.id(), e.getMessage());
            }
        }
        changed.run();
    }

    @Override
    public void record(InstanceOutcome outcome) throws CatalogException {
        records.record(outcome);
    }

    @Override
    public List<InstanceOutcome> outcomes() throws CatalogException {
        return records.outcomes(job.id());
    }

    @Override
    public boolean stopRequested() {
        if (stop) {
            return true;
        }
        long now = System.nanoTime();
        if (now - lastCheck >= CHECK_NANOS) {
            lastCheck = now;
            try {
                JobState s = jobs.get(job.id()).map(Job::state).orElse(JobState.CANCELED);
                if (s != JobState.RUNNING) {
                    requestStop();
                }
            } catch (CatalogException e) {
                LOG.log(System.Logger.Level.DEBUG, "job {0}: state check failed: {1}", job.id(), e.getMessage());
            }
        }
        return stop;
    }

    @Override
    public void onStop(Runnable action) {
        onStop.set(action);
        if (stop && action != null) {
            action.run();
        }
    }

    /** Asks the handler to stop: the flag for its next check and the registered action (an abort) at once. */
    void requestStop() {
        stop = true;
        Runnable r = onStop.getAndSet(null);
        if (r != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "job {0}: stop action failed: {1}", job.id(), e.getMessage());
            }
        }
    }

    /** Writes the last progress reported (the table is written at most a few times a second meanwhile). */
    void flush() {
        try {
            jobs.progress(job.id(), done, total, bytes);
        } catch (CatalogException e) {
            LOG.log(System.Logger.Level.WARNING, "job {0}: progress not recorded: {1}", job.id(), e.getMessage());
        }
    }

    boolean stopped() {
        return stop;
    }

    /** The job as it runs: live counts and the rate of this attempt. */
    TransferJob view() {
        double seconds = Math.max((System.nanoTime() - started) / 1e9, 1e-3);
        double rate = Math.max(0, bytes - job.bytes()) / 1e6 / seconds;
        return new TransferJob(job.id(), job.type(), JobState.RUNNING, job.description(), done, total, bytes, rate,
                job.attempts(), job.nextAttempt(), job.error(), job.created(), job.updated());
    }
}
