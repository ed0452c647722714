package org.lightbox.query.transfer;

import java.time.Instant;

import org.lightbox.catalog.JobState;

/**
 * A job of the transfer queue as the Activity view and the command line show it.
 *
 * @param id                 the job key
 * @param type               "send", or a retrieve type
 * @param state              pending, running, paused, completed, failed or canceled
 * @param description        a line for the user
 * @param done               instances done (sent or failed)
 * @param total              instances in all (0 while unknown)
 * @param bytes              bytes transferred
 * @param megabytesPerSecond the current rate of a running job (10^6 bytes per second), else 0
 * @param attempts           attempts started (since the last manual retry)
 * @param nextAttempt        when a pending job runs (again)
 * @param error              the last error, or {@code null}
 * @param created            when it was submitted
 * @param updated            when it last changed
 */
public record TransferJob(long id, String type, JobState state, String description, int done, int total, long bytes,
        double megabytesPerSecond, int attempts, Instant nextAttempt, String error, Instant created, Instant updated) {

    /** One line: {@code #12 send RUNNING 3/10 1.2 MB 4.5 MB/s  description}. */
    public String describe() {
        StringBuilder sb = new StringBuilder().append('#').append(id).append(' ').append(type).append(' ')
                .append(state).append(' ').append(done).append('/').append(total).append(' ')
                .append(String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6));
        if (state == JobState.RUNNING) {
            sb.append(String.format(java.util.Locale.ROOT, " %.1f MB/s", megabytesPerSecond));
        }
        if (description != null) {
            sb.append("  ").append(description);
        }
        if (error != null && state != JobState.COMPLETED) {
            sb.append("  (").append(error).append(')');
        }
        return sb.toString();
    }
}
