package org.lightbox.dicom.net;

import java.io.IOException;

import org.lightbox.dicom.net.pdu.AAbort;

/**
 * The association ended abnormally: an A-ABORT from either side (with source and reason), a lost transport
 * connection, or a protocol violation that made us abort.
 */
public class AssociationAbortedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient AAbort abort;
    private final boolean byPeer;

    public AssociationAbortedException(String message, AAbort abort, boolean byPeer, Throwable cause) {
        super(message, cause);
        this.abort = abort;
        this.byPeer = byPeer;
    }

    /** The A-ABORT sent or received, or {@code null} when the transport was lost without one. */
    public AAbort abort() {
        return abort;
    }

    /** True when the peer aborted or closed the connection, false when we did. */
    public boolean byPeer() {
        return byPeer;
    }
}
