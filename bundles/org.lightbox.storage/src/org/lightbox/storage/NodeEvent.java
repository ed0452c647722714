package org.lightbox.storage;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * What the node reports to its {@link NodeListener}s (the workbench's Activity view, the console of
 * {@code lightbox node}, audit). Every event says when it happened; those about an association carry its label
 * (e.g. {@code A12 CT1->LIGHTBOX}), which ties them together.
 */
public sealed interface NodeEvent {

    Instant time();

    /** One line for a console or log. */
    String describe();

    /** The node started or stopped listening. */
    record StateChanged(Instant time, Node.State state, String detail) implements NodeEvent {
        @Override
        public String describe() {
            return "node " + state.name().toLowerCase() + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /**
     * The association's label, AE titles and the peer's address; {@code outbound} when the node called the peer
     * (C-MOVE sub-operations, storage commitment reports on a new association).
     */
    record Peer(String association, String callingAet, String calledAet, String remoteHost, int remotePort,
            boolean outbound) {

        /** The peer of {@code a}: known from its request on, so also for one rejected or failed. */
        public static Peer of(Association a) {
            AAssociateRq rq = a.request();
            InetSocketAddress remote = a.remoteAddress();
            return new Peer(a.label(), rq == null ? null : rq.callingAeTitle(), rq == null ? null : rq.calledAeTitle(),
                    remote == null ? null : remote.getHostString(), remote == null ? 0 : remote.getPort(),
                    a.isRequestor());
        }

        @Override
        public String toString() {
            String calling = callingAet == null ? "?" : callingAet;
            String called = calledAet == null ? "?" : calledAet;
            return association + " (" + (outbound ? calling + " -> " + called + "@" + remoteHost + ":" + remotePort
                    : calling + "@" + remoteHost + ":" + remotePort + " -> " + called) + ")";
        }
    }

    record AssociationAccepted(Instant time, Peer peer) implements NodeEvent {
        @Override
        public String describe() {
            return "association accepted " + peer;
        }
    }

    /** The node refused an association request (unknown caller, wrong called AE title, limit reached, ...). */
    record AssociationRejected(Instant time, Peer peer, String reason) implements NodeEvent {
        @Override
        public String describe() {
            return "association rejected " + peer + ": " + reason;
        }
    }

    /**
     * The association ended: released in order, or aborted (by either side, or the connection was lost); for an
     * outbound one, also when it never came about (the connection failed: the detail says why).
     */
    record AssociationEnded(Instant time, Peer peer, boolean released, String detail) implements NodeEvent {
        @Override
        public String describe() {
            return "association " + (released ? "released " : "aborted ") + peer
                    + (detail == null || detail.isEmpty() ? "" : ": " + detail);
        }
    }

    /** An instance was stored and catalogued, and acknowledged with success. */
    record InstanceReceived(Instant time, String association, String callingAet, String sopClassUid,
            String sopInstanceUid, String studyUid, String patientId, String patientName, String transferSyntaxUid,
            long bytes, int duplicateNumber) implements NodeEvent {
        @Override
        public String describe() {
            return "received " + sopInstanceUid + " from " + callingAet + " (" + association + "), " + bytes
                    + " bytes, study " + studyUid + (duplicateNumber > 0 ? ", duplicate copy " + duplicateNumber : "");
        }
    }

    /** A C-STORE was answered with a failure status: nothing was stored. */
    record InstanceRefused(Instant time, String association, String callingAet, String sopInstanceUid, int status,
            String reason) implements NodeEvent {
        @Override
        public String describe() {
            return String.format("refused %s from %s (%s): status %04XH, %s", sopInstanceUid, callingAet, association,
                    status, reason);
        }
    }

    /** A C-FIND was answered, in {@code micros} from the request's arrival to the final response. */
    record QueryAnswered(Instant time, String association, String callingAet, String level, int matches,
            int status, long micros) implements NodeEvent {
        @Override
        public String describe() {
            return String.format("C-FIND %s level from %s (%s): %d match(es), status %04XH, %.1f ms", level,
                    callingAet, association, matches, status, micros / 1000.0);
        }
    }

    /** A C-MOVE or C-GET finished: its sub-operation counts and the instances that failed. */
    record RetrieveCompleted(Instant time, String association, String callingAet, String destinationAet,
            boolean get, int completed, int failed, int warnings, int status, List<String> failedInstances)
            implements NodeEvent {
        public RetrieveCompleted {
            failedInstances = List.copyOf(failedInstances);
        }

        @Override
        public String describe() {
            return String.format("%s for %s (%s) to %s: %d completed, %d failed, %d warning(s), status %04XH",
                    get ? "C-GET" : "C-MOVE", callingAet, association, destinationAet, completed, failed, warnings,
                    status);
        }
    }

    /** A storage commitment request was answered with an N-EVENT-REPORT (or could not be). */
    record CommitmentReported(Instant time, String requesterAet, String transactionUid, int committed, int failed,
            boolean sameAssociation, String error) implements NodeEvent {
        @Override
        public String describe() {
            if (error != null) {
                return "storage commitment " + transactionUid + " for " + requesterAet + " not reported: " + error;
            }
            return "storage commitment " + transactionUid + " for " + requesterAet + ": " + committed
                    + " committed, " + failed + " failed, reported on " + (sameAssociation ? "the same" : "a new")
                    + " association";
        }
    }

    /** Auto-delete removed studies. */
    record StudiesDeleted(Instant time, List<String> studyUids, long bytesFreed, String reason) implements NodeEvent {
        public StudiesDeleted {
            studyUids = List.copyOf(studyUids);
        }

        @Override
        public String describe() {
            // the studies by UID (the deletion log has them all, with patients), and the first one's rule
            String which = String.join(", ", studyUids.subList(0, Math.min(5, studyUids.size())))
                    + (studyUids.size() > 5 ? ", ..." : "");
            String why = reason.startsWith("auto-delete: ") ? reason.substring("auto-delete: ".length()) : reason;
            return "auto-delete removed " + studyUids.size() + " study(ies) (" + which + "), "
                    + StoreUsage.size(bytesFreed) + ": " + why;
        }
    }

    /** Something went wrong that no DIMSE status reports (the catalog's logs, auto-delete, forcing files, ...). */
    record Failure(Instant time, String where, String message) implements NodeEvent {
        @Override
        public String describe() {
            return "error in " + where + ": " + message;
        }
    }
}
