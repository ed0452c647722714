package org.lightbox.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the receive log: instances of one study received on one association (or one instance, as the
 * storage service chooses).
 *
 * @param id          the log key (0 before it is logged)
 * @param time        when it happened
 * @param callingAet  the sender's AE title
 * @param calledAet   our AE title
 * @param remoteHost  the sender's address
 * @param patientId   Patient ID
 * @param patientName Patient's Name
 * @param studyUid    Study Instance UID
 * @param instances   instances received
 * @param bytes       bytes stored
 * @param outcome     success, warning or failure
 * @param status      the DIMSE status sent back, or {@code null}
 * @param detail      an error or remark; may be {@code null}
 */
public record ReceiveEvent(long id, Instant time, String callingAet, String calledAet, String remoteHost,
        String patientId, String patientName, String studyUid, int instances, long bytes, TransferOutcome outcome,
        Integer status, String detail) {

    public ReceiveEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
    }
}
