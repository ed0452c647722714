package org.lightbox.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the association log.
 *
 * @param id          the log key (0 before it is logged)
 * @param time        when it happened
 * @param direction   whether the peer called us or we called the peer
 * @param callingAet  Calling AE Title
 * @param calledAet   Called AE Title
 * @param remoteHost  the peer's address
 * @param remotePort  the peer's port, 0 when unknown
 * @param outcome     what happened to the association
 * @param detail      a reason, a rejection code, an error; may be {@code null}
 */
public record AssociationEvent(long id, Instant time, Direction direction, String callingAet, String calledAet,
        String remoteHost, int remotePort, Outcome outcome, String detail) {

    public enum Direction {
        INBOUND, OUTBOUND
    }

    public enum Outcome {
        ACCEPTED, REJECTED, RELEASED, ABORTED, FAILED
    }

    public AssociationEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(outcome, "outcome");
    }
}
