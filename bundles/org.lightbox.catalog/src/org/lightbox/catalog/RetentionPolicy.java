package org.lightbox.catalog;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The auto-delete rules (the seed keeps temporary storage). A study is a candidate when it is not protected, not
 * pinned, and (if {@code deletableStates} is not empty) in one of those states, e.g. only once it was sent or
 * committed elsewhere. Candidates are deleted oldest first: those older than {@code maxAge}, then as many as needed
 * to bring the free disk space up to {@code minFreeBytes} and the store down to {@code maxStoreBytes}. With
 * {@code deleteOnceCommitted}, a study is deleted as soon as another node committed to keep all of it (state
 * COMMITTED), whatever its age and the space left.
 *
 * @param maxAge          delete candidates older than this; {@code null}: no age rule
 * @param ageBasis        whether age counts from reception or from the last access
 * @param minFreeBytes    keep at least this much free disk space; 0: no rule
 * @param maxStoreBytes   keep the store at most this large (a quota); 0: no rule
 * @param deletableStates the states a study must be in to be deleted; empty: any state
 * @param deleteOnceCommitted delete committed studies at once (the seed's "delete once committed")
 */
public record RetentionPolicy(Duration maxAge, AgeBasis ageBasis, long minFreeBytes, long maxStoreBytes,
        Set<StudyState> deletableStates, boolean deleteOnceCommitted) {

    /** What a study's age counts from. */
    public enum AgeBasis {
        RECEIVED, LAST_ACCESS
    }

    /** No rules: nothing is deleted automatically. */
    public static final RetentionPolicy NONE = new RetentionPolicy(null, AgeBasis.RECEIVED, 0, 0,
            EnumSet.noneOf(StudyState.class), false);

    public RetentionPolicy {
        Objects.requireNonNull(ageBasis, "ageBasis");
        if (maxAge != null && maxAge.isNegative() || minFreeBytes < 0 || maxStoreBytes < 0) {
            throw new IllegalArgumentException("negative retention limit");
        }
        deletableStates = deletableStates.isEmpty() ? EnumSet.noneOf(StudyState.class) : EnumSet.copyOf(deletableStates);
    }

    /** Without the "delete once committed" rule. */
    public RetentionPolicy(Duration maxAge, AgeBasis ageBasis, long minFreeBytes, long maxStoreBytes,
            Set<StudyState> deletableStates) {
        this(maxAge, ageBasis, minFreeBytes, maxStoreBytes, deletableStates, false);
    }

    public RetentionPolicy withMaxAge(Duration age, AgeBasis basis) {
        return new RetentionPolicy(age, basis, minFreeBytes, maxStoreBytes, deletableStates, deleteOnceCommitted);
    }

    public RetentionPolicy withMinFreeBytes(long bytes) {
        return new RetentionPolicy(maxAge, ageBasis, bytes, maxStoreBytes, deletableStates, deleteOnceCommitted);
    }

    public RetentionPolicy withMaxStoreBytes(long bytes) {
        return new RetentionPolicy(maxAge, ageBasis, minFreeBytes, bytes, deletableStates, deleteOnceCommitted);
    }

    public RetentionPolicy withDeletableStates(Set<StudyState> states) {
        return new RetentionPolicy(maxAge, ageBasis, minFreeBytes, maxStoreBytes, states, deleteOnceCommitted);
    }

    public RetentionPolicy withDeleteOnceCommitted(boolean delete) {
        return new RetentionPolicy(maxAge, ageBasis, minFreeBytes, maxStoreBytes, deletableStates, delete);
    }

    /** True when {@code state} allows deletion under this policy. */
    public boolean allows(StudyState state) {
        return deletableStates.isEmpty() || deletableStates.contains(state);
    }
}
