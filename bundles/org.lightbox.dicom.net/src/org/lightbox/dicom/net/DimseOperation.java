package org.lightbox.dicom.net;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import org.lightbox.dicom.net.dimse.DimseResponse;

/** A request in flight: its message id, the future of its final response, and cancellation (C-CANCEL-RQ). */
public interface DimseOperation {

    int messageId();

    CompletableFuture<DimseResponse> future();

    /** Sends C-CANCEL-RQ; the final response (status Cancel, or whatever the SCP had already) still arrives. */
    void cancel() throws IOException;

    /**
     * Waits for the final response, reading the association's input on this thread while no other thread does.
     *
     * @throws IllegalStateException when called from a callback running on the association's reading turn
     */
    DimseResponse await() throws IOException;
}
