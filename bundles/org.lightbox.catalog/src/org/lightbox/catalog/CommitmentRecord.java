package org.lightbox.catalog;

import java.time.Instant;

/**
 * Storage commitment of one instance sent to another node (PS3.4 annex J): asked for, confirmed, or refused with
 * the peer's Failure Reason.
 *
 * @param transactionUid the commitment request's Transaction UID
 * @param jobId          the transfer queue job that sent the instance, or {@code null}
 * @param remoteAet      the node asked to commit
 * @param studyUid       Study Instance UID
 * @param sopInstanceUid SOP Instance UID
 * @param sopClassUid    SOP Class UID
 * @param state          requested, committed or failed
 * @param failureReason  Failure Reason (0008,1197) when failed, else {@code null}
 * @param requested      when commitment was requested
 * @param updated        when the state last changed
 */
public record CommitmentRecord(String transactionUid, Long jobId, String remoteAet, String studyUid,
        String sopInstanceUid, String sopClassUid, State state, Integer failureReason, Instant requested,
        Instant updated) {

    /** Where a commitment request for one instance is. */
    public enum State {
        /** Asked for; no answer yet. */
        REQUESTED,
        /** The peer took over responsibility for the instance. */
        COMMITTED,
        /** The peer refused it. */
        FAILED
    }
}
