package org.lightbox.query.internal.transfer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.Job;
import org.lightbox.catalog.JobState;
import org.lightbox.catalog.JobTable;
import org.lightbox.query.transfer.TransferException;
import org.lightbox.query.transfer.TransferHandler;
import org.lightbox.query.transfer.TransferJob;
import org.lightbox.query.transfer.TransferListener;
import org.lightbox.query.transfer.TransferQueueSettings;

/**
 * Runs the durable queue: one dispatcher thread claims due jobs (as this process's owner id) while a worker is
 * free and hands each to the handler of its type on a small pool; a failed attempt goes back to the table with its
 * backoff, or fails for good after the last attempt. On start the jobs this owner was running when the process
 * ended are pending again; on close running attempts are stopped and requeued, so nothing is lost either way.
 */
public final class QueueEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(QueueEngine.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Catalog catalog;
    private final JobTable jobs;
    private final TransferQueueSettings settings;
    private final Map<String, TransferHandler> handlers = new ConcurrentHashMap<>();
    private final Map<Long, RunningAttempt> running = new ConcurrentHashMap<>();
    private final List<TransferListener> listeners = new CopyOnWriteArrayList<>();
    private final Object wake = new Object();
    private volatile boolean open;
    private boolean woken;
    private ExecutorService workers;
    private Thread dispatcher;

    public QueueEngine(Catalog catalog, TransferQueueSettings settings) {
        this.catalog = catalog;
        this.jobs = catalog.jobs();
        this.settings = settings;
    }

    public void register(TransferHandler h) {
        if (handlers.putIfAbsent(h.type(), h) != null) {
            throw new IllegalStateException("a handler for job type '" + h.type() + "' is registered already");
        }
        wake();
    }

    public void addListener(TransferListener l) {
        listeners.add(l);
    }

    public void removeListener(TransferListener l) {
        listeners.remove(l);
    }

    /** Requeues what this owner left running and starts dispatching. */
    public synchronized void start() throws CatalogException {
        if (open) {
            return;
        }
        int requeued = jobs.requeue(settings.owner());
        if (requeued > 0) {
            LOG.log(System.Logger.Level.INFO, "transfer queue {0}: {1} interrupted jobs are pending again",
                    settings.owner(), requeued);
        }
        open = true;
        workers = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "lightbox-transfer-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        dispatcher = new Thread(this::dispatch, "lightbox-transfer-dispatch-" + THREADS.incrementAndGet());
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /** Wakes the dispatcher: a job was submitted, resumed or retried, or a worker became free. */
    public void wake() {
        synchronized (wake) {
            woken = true;
            wake.notifyAll();
        }
    }

    private void dispatch() {
        while (open) {
            try {
                while (open && running.size() < settings.workers() && !handlers.isEmpty()) {
                    Optional<Job> next = jobs.claimNext(settings.owner(), Set.copyOf(handlers.keySet()), Instant.now());
                    if (next.isEmpty()) {
                        break;
                    }
                    start(next.get());
                }
            } catch (CatalogException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "transfer queue: cannot claim jobs: {0}", e.getMessage());
            }
            synchronized (wake) {
                if (!woken && open) {
                    try {
                        wake.wait(settings.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
        }
    }

    private void start(Job job) {
        boolean last = !settings.retry().retriesAfter(job.attempts());
        RunningAttempt a = new RunningAttempt(job, last, jobs, catalog.transferRecords(), () -> fireRunning(job.id()));
        running.put(job.id(), a);
        try {
            workers.execute(() -> run(handlers.get(job.type()), job, a));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.remove(job.id()); // closing: close() requeues it
            return;
        }
        fire(a.view());
    }

    private void run(TransferHandler handler, Job job, RunningAttempt a) {
        try {
            handler.run(a);
            a.flush();
            if (!a.stopped()) {
                jobs.complete(job.id());
            }
        } catch (Throwable t) {
            failed(job, a, t);
        } finally {
            running.remove(job.id());
            fireStored(job.id());
            wake();
        }
    }

    private void failed(Job job, RunningAttempt a, Throwable t) {
        a.flush();
        String msg = t.getMessage() == null ? t.toString() : t.getMessage();
        if (a.stopped()) {
            LOG.log(System.Logger.Level.DEBUG, "job {0} stopped: {1}", job.id(), msg);
            return; // paused, canceled, or closing (requeued then)
        }
        boolean retry = !(t instanceof TransferException te && !te.retryable())
                && !(t instanceof Error) && settings.retry().retriesAfter(job.attempts());
        Instant at = retry ? Instant.now().plus(settings.retry().delayAfter(job.attempts())) : null;
        LOG.log(System.Logger.Level.INFO, "job {0} attempt {1} failed ({2}); {3}", job.id(), job.attempts(), msg,
                retry ? "retry at " + at : "giving up");
        try {
            jobs.fail(job.id(), msg, at);
        } catch (CatalogException e) {
            LOG.log(System.Logger.Level.WARNING, "job {0}: failure not recorded: {1}", job.id(), e.getMessage());
        }
    }

    /** Stops a running attempt of this process (after the table says paused or canceled). */
    public void stop(long id) {
        RunningAttempt a = running.get(id);
        if (a != null) {
            a.requestStop();
        }
    }

    /** The job with the live state of a running attempt here. */
    public Optional<TransferJob> job(long id) throws CatalogException {
        Optional<Job> j = jobs.get(id);
        return j.map(this::view);
    }

    public TransferJob view(Job j) {
        RunningAttempt a = running.get(j.id());
        if (a != null && j.state() == JobState.RUNNING) {
            return a.view();
        }
        return new TransferJob(j.id(), j.type(), j.state(), j.description(), j.done(), j.total(), j.bytes(), 0,
                j.attempts(), j.nextAttempt(), j.error(), j.created(), j.updated());
    }

    private void fireRunning(long id) {
        RunningAttempt a = running.get(id);
        if (a != null) {
            fire(a.view());
        }
    }

    /** Fires the job as stored (after a state change). */
    public void fireStored(long id) {
        try {
            jobs.get(id).ifPresent(j -> fire(view(j)));
        } catch (CatalogException e) {
            LOG.log(System.Logger.Level.DEBUG, "job {0}: cannot read for listeners: {1}", id, e.getMessage());
        }
    }

    private void fire(TransferJob j) {
        for (TransferListener l : listeners) {
            try {
                l.jobChanged(j);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "transfer listener failed: {0}", e.toString());
            }
        }
    }

    /** Stops the dispatcher and the attempts running here (within {@code grace}), then requeues them. */
    public void close(Duration grace) {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
        }
        wake();
        for (RunningAttempt a : running.values()) {
            a.requestStop();
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
            dispatcher.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            jobs.requeue(settings.owner());
        } catch (CatalogException e) {
            LOG.log(System.Logger.Level.WARNING, "transfer queue: running jobs not requeued (they are on the next "
                    + "start): {0}", e.getMessage());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
