package org.lightbox.query;

import org.lightbox.dicom.net.dimse.Status;

/**
 * How a C-FIND ended.
 *
 * @param status       the final response's status (success, cancel, or a failure)
 * @param matches      the matches delivered to the listener
 * @param cancelled    true when we asked to cancel (the peer may still have answered success)
 * @param errorComment the peer's Error Comment (0000,0902), or {@code null}
 */
public record FindOutcome(Status status, int matches, boolean cancelled, String errorComment) {

    /** True unless the peer reported a failure. */
    public boolean ok() {
        return !status.isFailure();
    }

    public String describe() {
        return matches + " match(es), " + status + (cancelled ? " (cancelled)" : "")
                + (errorComment != null ? ": " + errorComment : "");
    }
}
