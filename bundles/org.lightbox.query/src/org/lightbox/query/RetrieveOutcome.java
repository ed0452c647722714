package org.lightbox.query;

import java.util.List;

import org.lightbox.config.RetrieveMethod;
import org.lightbox.dicom.net.dimse.Status;

/**
 * How a C-MOVE or C-GET ended.
 *
 * @param method        how it was retrieved
 * @param status        the final response's status: success, B000 (some sub-operations failed), FE00 (cancelled),
 *                      or a failure (e.g. A801 move destination unknown)
 * @param progress      the final counts
 * @param failedSopInstanceUids the Failed SOP Instance UID List (0008,0058) of the final response
 * @param cancelled     true when we asked to cancel
 * @param errorComment  the peer's Error Comment, or {@code null}
 */
public record RetrieveOutcome(RetrieveMethod method, Status status, RetrieveProgress progress,
        List<String> failedSopInstanceUids, boolean cancelled, String errorComment) {

    public RetrieveOutcome {
        failedSopInstanceUids = List.copyOf(failedSopInstanceUids);
    }

    /** True when everything asked for arrived: success without failed sub-operations. */
    public boolean complete() {
        return status.isSuccess() && progress.failed() == 0;
    }

    public String describe() {
        return (method == RetrieveMethod.GET ? "C-GET" : "C-MOVE") + " " + status + ": " + progress
                + (cancelled ? " (cancelled)" : "") + (errorComment != null ? " - " + errorComment : "");
    }
}
