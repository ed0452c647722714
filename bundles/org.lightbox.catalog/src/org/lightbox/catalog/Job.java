package org.lightbox.catalog;

import java.time.Instant;

/**
 * A transfer queue job as stored.
 *
 * @param id          the job key
 * @param type        what kind of work ("send", "move", ...; the queue's own vocabulary)
 * @param state       where it is
 * @param description a line for the user
 * @param payload     the queue's own encoding of what to do; may be {@code null}
 * @param attempts    attempts started so far
 * @param nextAttempt when it may run (again)
 * @param done        progress: units done
 * @param total       progress: units in all (0 when unknown)
 * @param bytes       progress: bytes transferred so far
 * @param error       the last error, or {@code null}
 * @param owner       the worker that claimed it, or {@code null}
 * @param created     when it was submitted
 * @param updated     when it last changed
 */
public record Job(long id, String type, JobState state, String description, byte[] payload, int attempts,
        Instant nextAttempt, int done, int total, long bytes, String error, String owner, Instant created, Instant updated) {
}
