package org.lightbox.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the send log: a study (or part of it) sent to another node.
 *
 * @param id             the log key (0 before it is logged)
 * @param time           when it ended
 * @param callingAet     our AE title
 * @param destinationAet the receiver's AE title
 * @param remoteHost     the receiver's address
 * @param patientId      Patient ID
 * @param patientName    Patient's Name
 * @param studyUid       Study Instance UID
 * @param instances      instances sent
 * @param failed         instances that failed
 * @param bytes          bytes sent
 * @param outcome        success, warning or failure
 * @param status         the final DIMSE status, or {@code null}
 * @param jobId          the transfer queue job, or {@code null}
 * @param detail         an error or remark; may be {@code null}
 */
public record SendEvent(long id, Instant time, String callingAet, String destinationAet, String remoteHost,
        String patientId, String patientName, String studyUid, int instances, int failed, long bytes,
        TransferOutcome outcome, Integer status, Long jobId, String detail) {

    public SendEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
    }
}
