package org.lightbox.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * How one instance of a transfer queue job fared, as the queue records it: a retry skips what arrived, the
 * Activity view lists what failed and why.
 *
 * @param jobId          the job
 * @param studyUid       Study Instance UID
 * @param sopInstanceUid SOP Instance UID
 * @param sopClassUid    SOP Class UID
 * @param result         sent, sent with a warning, or failed
 * @param bytes          bytes sent
 * @param reason         why it failed (or the warning); {@code null} on success
 * @param time           when it was recorded
 */
public record InstanceOutcome(long jobId, String studyUid, String sopInstanceUid, String sopClassUid, Result result,
        long bytes, String reason, Instant time) {

    /** The outcome of one instance. */
    public enum Result {
        SENT, WARNING, FAILED;

        /** True when the instance arrived (with or without a warning). */
        public boolean arrived() {
            return this != FAILED;
        }
    }

    public InstanceOutcome {
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(time, "time");
    }
}
