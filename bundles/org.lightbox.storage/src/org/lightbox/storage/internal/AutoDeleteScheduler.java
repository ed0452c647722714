package org.lightbox.storage.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.lightbox.catalog.AutoDelete;
import org.lightbox.catalog.AutoDeleteReport;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.DeletedStudy;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.RetentionPolicy;
import org.lightbox.catalog.StudyState;
import org.lightbox.config.AutoDeleteRules;
import org.lightbox.storage.NodeEvent;

/**
 * Runs the auto-delete rules on one background thread: at start-up, every configured interval, and soon after an
 * association that stored instances (runs requested meanwhile coalesce into one). Pinned and protected studies are
 * never deleted (the catalog's rule); every deletion is in the catalog's deletion log and reported as an event.
 */
public final class AutoDeleteScheduler implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AutoDeleteScheduler.class.getName());

    private final AutoDelete autoDelete;
    private final AutoDeleteRules rules;
    private final NodeEvents events;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean requested = new AtomicBoolean();

    public AutoDeleteScheduler(FileStore store, AutoDeleteRules rules, NodeEvents events) {
        this.autoDelete = new AutoDelete(store, policy(rules));
        this.rules = rules;
        this.events = events;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lightbox-auto-delete");
            t.setDaemon(true);
            return t;
        });
    }

    /** The catalog's policy for the configured rules. */
    public static RetentionPolicy policy(AutoDeleteRules r) {
        RetentionPolicy p = RetentionPolicy.NONE
                .withMaxAge(r.maxAgeDays() > 0 ? Duration.ofDays(r.maxAgeDays()) : null,
                        r.ageBasis() == AutoDeleteRules.AgeBasis.LAST_ACCESS ? RetentionPolicy.AgeBasis.LAST_ACCESS
                                : RetentionPolicy.AgeBasis.RECEIVED)
                .withMinFreeBytes(r.minFreeMegabytes() * 1024 * 1024)
                .withMaxStoreBytes(r.maxStoreMegabytes() * 1024 * 1024);
        Set<StudyState> states = EnumSet.noneOf(StudyState.class);
        for (AutoDeleteRules.StudyState s : r.onlyStates()) {
            states.add(StudyState.valueOf(s.name()));
        }
        return p.withDeletableStates(states).withDeleteOnceCommitted(r.deleteOnceCommitted());
    }

    /** Runs once now (in the background) and then every interval. Does nothing when no rule is active. */
    public void start() {
        if (!rules.isActive()) {
            return;
        }
        long every = TimeUnit.MINUTES.toMillis(rules.intervalMinutes());
        timer.scheduleWithFixedDelay(this::runQuietly, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Asks for a run soon, e.g. after receptions filled the disk; requests made meanwhile coalesce. */
    public void requestRun() {
        if (rules.isActive() && requested.compareAndSet(false, true)) {
            try {
                timer.schedule(() -> {
                    requested.set(false);
                    runQuietly();
                }, 2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                requested.set(false); // closing
            }
        }
    }

    /** Runs the rules now on the calling thread. */
    public synchronized AutoDeleteReport runNow() throws CatalogException, IOException {
        AutoDeleteReport report = autoDelete.run();
        if (!report.deleted().isEmpty()) {
            List<String> uids = new ArrayList<>();
            long bytes = 0;
            for (DeletedStudy d : report.deleted()) {
                uids.add(d.studyUid());
                bytes += d.bytes();
            }
            events.fire(new NodeEvent.StudiesDeleted(Instant.now(), uids, bytes, report.deleted().get(0).reason()
                    + (uids.size() > 1 ? " (and " + (uids.size() - 1) + " more)" : "")));
        }
        return report;
    }

    private void runQuietly() {
        try {
            runNow();
        } catch (CatalogException | IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "auto-delete failed: " + e.getMessage());
            events.fire(new NodeEvent.Failure(Instant.now(), "auto-delete", e.getMessage()));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
