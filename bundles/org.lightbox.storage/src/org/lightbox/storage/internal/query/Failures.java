package org.lightbox.storage.internal.query;

import java.io.IOException;

import org.lightbox.dicom.net.DimseRequest;
import org.lightbox.dicom.net.DimseStatusException;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;

/** Final failure responses with an error comment and, when known, the offending element. */
final class Failures {

    private Failures() {
    }

    static void respond(DimseRequest rq, DimseStatusException e) throws IOException {
        CommandSet rsp = rq.newResponse(e.status());
        String comment = e.getMessage();
        if (comment != null && !comment.isEmpty()) {
            rsp.setString(CommandTag.ErrorComment, comment.length() > 64 ? comment.substring(0, 64) : comment);
        }
        if (e instanceof Identifiers.OffendingElement o) {
            rsp.setTags(CommandTag.OffendingElement, o.tag());
        }
        rq.respond(rsp, null);
    }
}
