package org.lightbox.config;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The node's auto-delete rules (the seed keeps temporary storage). A study that is protected, or being read or
 * sent, is never deleted. Candidates are deleted oldest first: those older than {@code maxAgeDays}, then as many as
 * needed to keep {@code minFreeMegabytes} free on the disk and the store under {@code maxStoreMegabytes}.
 *
 * @param maxAgeDays        delete studies older than this many days; 0: no age rule
 * @param ageBasis          whether the age counts from reception or from the last access
 * @param minFreeMegabytes  keep at least this much free disk space (MB); 0: no rule
 * @param maxStoreMegabytes keep the store at most this large (MB); 0: no quota
 * @param onlyStates        delete only studies in these states (e.g. only once sent); empty: any state
 * @param intervalMinutes   how often the rules run (they also run at start-up and after receptions)
 * @param deleteOnceCommitted delete a study as soon as another node committed to keep all of it
 */
public record AutoDeleteRules(int maxAgeDays, AgeBasis ageBasis, long minFreeMegabytes, long maxStoreMegabytes,
        Set<StudyState> onlyStates, int intervalMinutes, boolean deleteOnceCommitted) {

    /** What a study's age counts from. */
    public enum AgeBasis {
        RECEIVED, LAST_ACCESS
    }

    /** The study states a rule may require (as the catalog records them). */
    public enum StudyState {
        RECEIVED, SENT, COMMITTED
    }

    /** No rules: nothing is deleted automatically; checked hourly should rules be added. */
    /** The largest space limit, in megabytes (MiB) whose byte count a long holds (8 EiB). */
    public static final long MAX_MEGABYTES = Long.MAX_VALUE / (1024 * 1024);

    public static final AutoDeleteRules NONE = new AutoDeleteRules(0, AgeBasis.RECEIVED, 0, 0, Set.of(), 60, false);

    public AutoDeleteRules {
        Objects.requireNonNull(ageBasis, "ageBasis");
        if (maxAgeDays < 0) {
            throw new IllegalArgumentException("auto-delete age " + maxAgeDays + " days is negative");
        }
        if (minFreeMegabytes < 0 || maxStoreMegabytes < 0) {
            throw new IllegalArgumentException("auto-delete space limits must not be negative");
        }
        // in bytes they must fit a long: a larger value would wrap round and delete studies
        if (minFreeMegabytes > MAX_MEGABYTES) {
            throw new IllegalArgumentException("min-free-mb " + minFreeMegabytes + " is more than the largest "
                    + "possible, " + MAX_MEGABYTES + " MB");
        }
        if (maxStoreMegabytes > MAX_MEGABYTES) {
            throw new IllegalArgumentException("max-store-mb " + maxStoreMegabytes + " is more than the largest "
                    + "possible, " + MAX_MEGABYTES + " MB");
        }
        if (intervalMinutes < 1) {
            throw new IllegalArgumentException("auto-delete interval must be at least 1 minute, not "
                    + intervalMinutes);
        }
        onlyStates = onlyStates.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(onlyStates));
    }

    /** Without the "delete once committed" rule. */
    public AutoDeleteRules(int maxAgeDays, AgeBasis ageBasis, long minFreeMegabytes, long maxStoreMegabytes,
            Set<StudyState> onlyStates, int intervalMinutes) {
        this(maxAgeDays, ageBasis, minFreeMegabytes, maxStoreMegabytes, onlyStates, intervalMinutes, false);
    }

    /** True when at least one rule can delete something. */
    public boolean isActive() {
        return maxAgeDays > 0 || minFreeMegabytes > 0 || maxStoreMegabytes > 0 || deleteOnceCommitted;
    }

    public AutoDeleteRules withMaxAgeDays(int days, AgeBasis basis) {
        return new AutoDeleteRules(days, basis, minFreeMegabytes, maxStoreMegabytes, onlyStates, intervalMinutes,
                deleteOnceCommitted);
    }

    public AutoDeleteRules withMinFreeMegabytes(long mb) {
        return new AutoDeleteRules(maxAgeDays, ageBasis, mb, maxStoreMegabytes, onlyStates, intervalMinutes,
                deleteOnceCommitted);
    }

    public AutoDeleteRules withMaxStoreMegabytes(long mb) {
        return new AutoDeleteRules(maxAgeDays, ageBasis, minFreeMegabytes, mb, onlyStates, intervalMinutes,
                deleteOnceCommitted);
    }

    public AutoDeleteRules withOnlyStates(Set<StudyState> states) {
        return new AutoDeleteRules(maxAgeDays, ageBasis, minFreeMegabytes, maxStoreMegabytes, states,
                intervalMinutes, deleteOnceCommitted);
    }

    public AutoDeleteRules withIntervalMinutes(int minutes) {
        return new AutoDeleteRules(maxAgeDays, ageBasis, minFreeMegabytes, maxStoreMegabytes, onlyStates, minutes,
                deleteOnceCommitted);
    }

    public AutoDeleteRules withDeleteOnceCommitted(boolean delete) {
        return new AutoDeleteRules(maxAgeDays, ageBasis, minFreeMegabytes, maxStoreMegabytes, onlyStates,
                intervalMinutes, delete);
    }
}
