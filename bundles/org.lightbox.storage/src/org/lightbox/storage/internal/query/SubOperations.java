package org.lightbox.storage.internal.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.dicom.net.DimseRequest;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.ErrorComment;
import org.lightbox.dicom.net.dimse.FailedSopInstanceList;
import org.lightbox.dicom.net.dimse.Status;

/**
 * The sub-operation counts of one C-MOVE or C-GET (PS3.4 C.4.2.1.5, C.4.3.1.4): pending responses while it runs,
 * and the final status with the Failed SOP Instance UID List.
 */
final class SubOperations {
    private final DimseRequest rq;
    private int remaining;
    private int completed;
    private int failed;
    private int warnings;
    private final List<String> failedUids = new ArrayList<>();

    SubOperations(DimseRequest rq, int total) {
        this.rq = rq;
        this.remaining = total;
    }

    void completed() {
        remaining--;
        completed++;
    }

    void warning() {
        remaining--;
        warnings++;
    }

    void failed(String sopInstanceUid) {
        remaining--;
        failed++;
        failedUids.add(sopInstanceUid);
    }

    int completedCount() {
        return completed;
    }

    int failedCount() {
        return failed;
    }

    int warningCount() {
        return warnings;
    }

    List<String> failedUids() {
        return List.copyOf(failedUids);
    }

    /** Sends a pending response with the counts so far. */
    void pending() throws IOException {
        CommandSet p = rq.newResponse(Status.PENDING);
        counts(p, true);
        rq.respond(p, null);
    }

    private void counts(CommandSet c, boolean withRemaining) {
        if (withRemaining) {
            c.setInt(CommandTag.NumberOfRemainingSuboperations, remaining);
        }
        c.setInt(CommandTag.NumberOfCompletedSuboperations, completed);
        c.setInt(CommandTag.NumberOfFailedSuboperations, failed);
        c.setInt(CommandTag.NumberOfWarningSuboperations, warnings);
    }

    /**
     * The final status: success; B000 when some sub-operations failed or had warnings; A702 when all failed; cancel
     * (with the remaining count) after a C-CANCEL.
     */
    int finalStatus(boolean cancelled) {
        if (cancelled) {
            return Status.CANCEL;
        }
        if (failed > 0 && completed == 0 && warnings == 0) {
            return Status.OUT_OF_RESOURCES_SUB_OPERATIONS;
        }
        return failed > 0 || warnings > 0 ? Status.SUB_OPERATIONS_COMPLETE_WITH_FAILURES : Status.SUCCESS;
    }

    /**
     * Sends the final response, then has {@code record} log and report the retrieve with its status; that happens
     * also when the requester has gone and the response cannot be sent (the failure is thrown afterwards).
     */
    void respondFinal(boolean cancelled, String comment, java.util.function.IntConsumer record) throws IOException {
        IOException unanswered = null;
        try {
            respondFinal(cancelled, comment);
        } catch (IOException e) {
            unanswered = e;
        }
        record.accept(finalStatus(cancelled));
        if (unanswered != null) {
            throw unanswered;
        }
    }

    /** Sends the final response; returns its status. */
    int respondFinal(boolean cancelled, String comment) throws IOException {
        int status = finalStatus(cancelled);
        CommandSet f = rq.newResponse(status);
        counts(f, cancelled);
        if (comment != null && status != Status.SUCCESS) {
            f.setString(CommandTag.ErrorComment, ErrorComment.fit(comment));
        }
        rq.respond(f, failedUids.isEmpty() ? null : FailedSopInstanceList.writer(failedUids));
        return status;
    }
}
