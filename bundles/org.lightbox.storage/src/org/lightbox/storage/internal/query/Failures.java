package org.lightbox.storage.internal.query;

import java.io.IOException;

import org.lightbox.dicom.net.DimseRequest;
import org.lightbox.dicom.net.DimseStatusException;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.ErrorComment;

/** Final failure responses with an error comment and, when known, the offending element. */
final class Failures {

    private Failures() {
    }

    private static final System.Logger LOG = System.getLogger(Failures.class.getName());

    static void respond(DimseRequest rq, DimseStatusException e) throws IOException {
        LOG.log(System.Logger.Level.INFO, "{0}: {1} refused, status {2}: {3}", rq.association().label(),
                rq.command().commandField(), String.format("%04XH", e.status()), e.getMessage());
        CommandSet rsp = rq.newResponse(e.status());
        String comment = e.getMessage();
        if (comment != null && !comment.isEmpty()) {
            rsp.setString(CommandTag.ErrorComment, ErrorComment.fit(comment));
        }
        if (e instanceof Identifiers.OffendingElement o) {
            rsp.setTags(CommandTag.OffendingElement, o.tag());
        }
        rq.respond(rsp, null);
    }
}
