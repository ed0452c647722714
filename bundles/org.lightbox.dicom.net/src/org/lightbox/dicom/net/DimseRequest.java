package org.lightbox.dicom.net;

import java.io.IOException;
import java.io.InputStream;

import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.DataWriter;

/** One incoming DIMSE request as a {@link DimseService} sees it, and the way to answer it. */
public interface DimseRequest {

    Association association();

    int presentationContextId();

    /** The transfer syntax of the data set (the presentation context's). */
    String transferSyntax();

    CommandSet command();

    /**
     * The request's data set, or {@code null} if none. For C-STORE it streams from the network and is valid only
     * during {@link DimseService#onRequest}; otherwise it is in memory.
     */
    InputStream dataSet();

    /** True after the requestor sent C-CANCEL-RQ for this message (C-FIND, C-MOVE, C-GET). */
    boolean isCancelled();

    /** A response command prefilled with command field, message id responded to, SOP class/instance and status. */
    CommandSet newResponse(int status);

    /**
     * Sends a response; pending statuses may be sent any number of times before exactly one final one.
     *
     * @param data the response data set (e.g. a C-FIND match) or {@code null}
     */
    void respond(CommandSet response, DataWriter data) throws IOException;

    default void respond(int status) throws IOException {
        respond(newResponse(status), null);
    }
}
