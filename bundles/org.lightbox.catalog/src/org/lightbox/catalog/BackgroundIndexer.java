package org.lightbox.catalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.lightbox.dicom.core.Attributes;

/**
 * Catalogues files the store has already made durable, on one thread of its own, a burst of them per transaction.
 * This takes the catalog off the path between "data set received" and "success sent": the file on disk is the
 * durable record, and the recovery scan catalogues any file a crash left without rows. The queue is bounded, so a
 * catalog slower than the network holds the receivers back instead of filling the memory.
 */
final class BackgroundIndexer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BackgroundIndexer.class.getName());
    /** Enough to amortise a commit; small enough that a batch failure costs little to redo one by one. */
    private static final int MAX_BATCH = 64;
    private static final int CAPACITY = 512;
    /**
     * How long a batch waits for more files while they keep coming (in steps of {@value #LINGER_STEP} ms: a longer
     * pause ends the wait), unless someone awaits the
     * catalog: a sender streams about one image a millisecond, and each batch costs its own look-ups, counter
     * updates and commit, so ten instances per batch instead of one or two saves a fifth of the indexer's work.
     */
    private static final int LINGER_MILLIS = 10;
    private static final int LINGER_STEP = 2;

    record Task(Attributes dataset, StoredFile file, Path path, IndexingListener listener) {
    }

    private static final Task END = new Task(null, null, null, null);
    /** Put in the queue by {@link #await()}: wakes a lingering batch at once (a release waits for it). */
    private static final Task NUDGE = new Task(null, null, null, null);

    private final FileStore store;
    private final Catalog catalog;
    private final BlockingQueue<Task> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private final Object progress = new Object();
    private long submitted; // guarded by progress
    private long finished; // guarded by progress
    private volatile int awaiting; // callers in await(): the batch being gathered goes at once
    private volatile boolean failures;
    private boolean closed; // guarded by progress

    BackgroundIndexer(FileStore store, Catalog catalog) {
        this.store = store;
        this.catalog = catalog;
        this.thread = new Thread(this::run, "lightbox-indexer " + store.root().getFileName());
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a placed file; waits while the queue is full. Counted once it is queued, so an interrupted wait leaves
     * nothing for {@link #await()} to wait for (the store's lock keeps {@code close()} out meanwhile).
     */
    void submit(Task t) throws InterruptedException {
        synchronized (progress) {
            if (closed) {
                throw new IllegalStateException("the indexer of " + store.root() + " is closed");
            }
        }
        queue.put(t);
        synchronized (progress) {
            submitted++; // the indexer may already have finished it: await() only needs finished >= submitted
        }
    }

    /** Waits until everything submitted before this call is catalogued (or failed). */
    void await() {
        synchronized (progress) {
            long target = submitted;
            boolean interrupted = false;
            awaiting++;
            try {
                if (finished < target) {
                    queue.offer(NUDGE); // a full queue needs no nudge: the batch is not waiting for more
                }
                while (finished < target) {
                    try {
                        progress.wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // the caller's reads must not run ahead of the catalog
                    }
                }
            } finally {
                awaiting--;
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once some file could not be catalogued (the store then asks for a full recovery scan). */
    boolean hadFailures() {
        return failures;
    }

    private void run() {
        List<Task> batch = new ArrayList<>(MAX_BATCH);
        boolean end = false;
        while (!end) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() ends the loop, after the queue is empty
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            linger(batch);
            end = batch.removeIf(t -> t == END); // by identity: the two markers are equal records
            batch.removeIf(t -> t == NUDGE);
            if (!batch.isEmpty()) {
                try {
                    index(batch);
                } catch (RuntimeException | Error e) {
                    // the thread must live on, and the batch count as finished, or every release would wait for
                    // ever; the store is then not marked clean, so the next start's full scan catalogues the files
                    failures = true;
                    LOG.log(System.Logger.Level.ERROR, "the indexer failed on " + batch.size() + " file(s); the "
                            + "next start's recovery scan catalogues them: " + e, e);
                } finally {
                    synchronized (progress) {
                        finished += batch.size();
                        progress.notifyAll();
                    }
                }
            }
            batch.clear();
        }
    }

    /** Gathers more of a stream of files into the batch, for at most {@link #LINGER_MILLIS}. */
    private void linger(List<Task> batch) {
        for (int waited = 0; waited < LINGER_MILLIS && batch.size() < MAX_BATCH && awaiting == 0
                && !holdsMarker(batch); waited += LINGER_STEP) {
            Task t;
            try {
                t = queue.poll(LINGER_STEP, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (t == null) {
                return; // the stream paused: nothing is gained by waiting longer
            }
            batch.add(t);
            queue.drainTo(batch, MAX_BATCH - batch.size());
        }
    }

    private static boolean holdsMarker(List<Task> batch) {
        for (Task t : batch) {
            if (t == END || t == NUDGE) {
                return true;
            }
        }
        return false;
    }

    private void index(List<Task> batch) {
        List<Attributes> datasets = new ArrayList<>(batch.size());
        List<StoredFile> files = new ArrayList<>(batch.size());
        for (Task t : batch) {
            datasets.add(t.dataset());
            files.add(t.file());
        }
        List<IndexedInstance> indexed;
        try {
            indexed = catalog.indexAll(datasets, files);
        } catch (CatalogException | RuntimeException e) {
            if (batch.size() > 1) {
                for (Task t : batch) { // find the culprit; the others go in on their own
                    index(List.of(t));
                }
                return;
            }
            Task t = batch.get(0);
            failures = true;
            CatalogException cause = e instanceof CatalogException c ? c
                    : new CatalogException("cannot catalogue " + t.path() + ": " + e, e);
            LOG.log(System.Logger.Level.WARNING, "{0} is stored but not catalogued; the next start's recovery scan"
                    + " tries again: {1}", t.path(), cause.getMessage());
            notifyFailed(t, cause);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Task t = batch.get(i);
            IndexedInstance ii = indexed.get(i);
            try {
                store.deleteReplaced(ii);
                t.listener().indexed(new StoredInstance(ii, t.file(), t.path()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "an indexing listener failed: " + e, e);
            }
        }
    }

    private static void notifyFailed(Task t, CatalogException cause) {
        try {
            t.listener().failed(t.path(), cause);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "an indexing listener failed: " + e, e);
        }
    }

    /** Catalogues what is queued, then stops the thread. */
    @Override
    public void close() {
        synchronized (progress) {
            if (closed) {
                return;
            }
            closed = true;
        }
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(END);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
