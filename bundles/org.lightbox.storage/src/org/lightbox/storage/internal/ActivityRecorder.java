package org.lightbox.storage.internal;

import java.io.IOException;
import java.time.Instant;

import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationAbortedException;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.dicom.net.pdu.AAssociateRj;
import org.lightbox.storage.NodeEvent;

/**
 * Turns the node's association events into {@link NodeEvent}s and closes the receive log of an association when it
 * ends. The association log itself is written by {@link org.lightbox.storage.AssociationLogRecorder}, subscribed
 * before this one so that a listener woken by the event finds the line.
 */
public final class ActivityRecorder implements AssociationListener {

    private final NodeEvents events;
    private final ReceiveLog receives;

    public ActivityRecorder(NodeEvents events, ReceiveLog receives) {
        this.events = events;
        this.receives = receives;
    }

    @Override
    public void accepted(Association a) {
        events.fire(new NodeEvent.AssociationAccepted(Instant.now(), NodeEvent.Peer.of(a)));
    }

    @Override
    public void rejected(Association a, AAssociateRj rj) {
        String detail = a.rejectionDetail();
        events.fire(new NodeEvent.AssociationRejected(Instant.now(), NodeEvent.Peer.of(a),
                rj.describe() + (detail == null ? "" : " (" + detail + ")")));
    }

    /**
     * An association the node could not open, or a connection to the node that never became one (a malformed
     * request, bytes that are no PDU, closed or silent before its request, a failed TLS handshake), ends before it
     * began: told as ended (aborted), with the peer's address and the cause, so views of the log follow.
     */
    @Override
    public void failed(Association a, IOException cause) {
        events.fire(new NodeEvent.AssociationEnded(Instant.now(), NodeEvent.Peer.of(a), false,
                cause.getMessage()));
    }

    @Override
    public void released(Association a) {
        ended(a, true, null);
    }

    @Override
    public void aborted(Association a, AssociationAbortedException cause) {
        ended(a, false, cause.getMessage());
    }

    private void ended(Association a, boolean released, String detail) {
        receives.ended(a);
        events.fire(new NodeEvent.AssociationEnded(Instant.now(), NodeEvent.Peer.of(a), released, detail));
    }
}
