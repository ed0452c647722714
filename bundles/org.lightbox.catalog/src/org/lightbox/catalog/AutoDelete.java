package org.lightbox.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Applies a {@link RetentionPolicy} to a file store: deletes candidate studies by age, then by free space and
 * quota, oldest first. A pinned study (being read or sent) or a protected one is never deleted; each deletion is
 * logged in the catalog's deletion log with the rule that caused it. Run it periodically and after receptions.
 */
public final class AutoDelete {

    private static final System.Logger LOG = System.getLogger(AutoDelete.class.getName());

    private final FileStore store;
    private final RetentionPolicy policy;
    private final LongSupplier freeSpace;
    private final Clock clock;

    public AutoDelete(FileStore store, RetentionPolicy policy) {
        this(store, policy, () -> {
            try {
                return store.usableSpace();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Clock.systemUTC());
    }

    /** With the free-space measurement and the clock given (tests). */
    public AutoDelete(FileStore store, RetentionPolicy policy, LongSupplier freeSpace, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.freeSpace = freeSpace;
        this.clock = clock;
    }

    public AutoDeleteReport run() throws CatalogException, IOException {
        Catalog catalog = store.catalog();
        List<StudyRecord> candidates = new ArrayList<>();
        List<StudyRecord> committed = new ArrayList<>();
        for (StudyRecord s : catalog.allStudies()) {
            if (s.isProtected()) {
                continue;
            }
            if (policy.deleteOnceCommitted() && s.state() == StudyState.COMMITTED) {
                committed.add(s); // the rule names its state: it applies whatever the deletable states are
            } else if (policy.allows(s.state())) { // pinned ones are tried and reported as skipped
                candidates.add(s);
            }
        }
        candidates.sort(Comparator.comparing(this::basis).thenComparing(StudyRecord::studyUid));
        committed.sort(Comparator.comparing(StudyRecord::studyUid));
        List<DeletedStudy> deleted = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<StudyRecord> remaining = new ArrayList<>();
        for (StudyRecord s : committed) {
            if (delete(s, "auto-delete: committed by another node (delete once committed)", deleted, skipped) == 0
                    && skipped.contains(s.studyUid())) {
                remaining.add(s); // pinned now: it still counts for the space rules below
            }
        }
        Instant now = clock.instant();
        for (StudyRecord s : candidates) {
            if (policy.maxAge() != null && basis(s).isBefore(now.minus(policy.maxAge()))) {
                delete(s, "auto-delete: " + (policy.ageBasis() == RetentionPolicy.AgeBasis.RECEIVED ? "received "
                        : "last accessed ") + basis(s) + ", older than " + policy.maxAge(), deleted, skipped);
            } else {
                remaining.add(s);
            }
        }
        long used = store.usedBytes();
        long free = freeSpace.getAsLong();
        for (StudyRecord s : remaining) {
            boolean overQuota = policy.maxStoreBytes() > 0 && used > policy.maxStoreBytes();
            boolean lowSpace = policy.minFreeBytes() > 0 && free < policy.minFreeBytes();
            if (!overQuota && !lowSpace) {
                break;
            }
            String why = overQuota ? "auto-delete: store " + used + " bytes over its quota of " + policy.maxStoreBytes()
                    : "auto-delete: free space " + free + " bytes below " + policy.minFreeBytes();
            long freed = delete(s, why, deleted, skipped);
            if (freed > 0) {
                used -= freed; // the catalogued sizes: no need to sum the whole store again
                free = freeSpace.getAsLong();
            }
        }
        return new AutoDeleteReport(deleted, skipped, store.usedBytes(), freeSpace.getAsLong());
    }

    private Instant basis(StudyRecord s) {
        return policy.ageBasis() == RetentionPolicy.AgeBasis.RECEIVED ? s.received() : s.lastAccess();
    }

    /** Deletes a study; returns the bytes freed (0 when it was in use or already gone). */
    private long delete(StudyRecord s, String reason, List<DeletedStudy> deleted, List<String> skipped)
            throws CatalogException, IOException {
        try {
            DeletedStudy d = store.deleteStudy(s.studyUid(), reason);
            if (d.instances() > 0) {
                deleted.add(d);
            }
            return d.bytes();
        } catch (StudyInUseException e) {
            LOG.log(System.Logger.Level.DEBUG, "auto-delete skips {0}: {1}", s.studyUid(), e.getMessage());
            skipped.add(s.studyUid());
            return 0;
        }
    }
}
