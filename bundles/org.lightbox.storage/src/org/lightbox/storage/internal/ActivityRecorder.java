package org.lightbox.storage.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.lightbox.catalog.ActivityLog;
import org.lightbox.catalog.AssociationEvent;
import org.lightbox.catalog.CatalogException;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationAbortedException;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.dicom.net.pdu.AAssociateRj;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.storage.NodeEvent;

/**
 * Turns the server's association events into the catalog's association log and the node's events, and closes
 * the receive log of an association when it ends.
 */
public final class ActivityRecorder implements AssociationListener {
    private static final System.Logger LOG = System.getLogger(ActivityRecorder.class.getName());

    private final ActivityLog log;
    private final NodeEvents events;
    private final ReceiveLog receives;
    /**
     * Requests not yet accepted or rejected: a rejected association never learns its request otherwise. Weak, so
     * that a connection that broke during negotiation leaves nothing behind.
     */
    private final Map<Association, AAssociateRq> requests = Collections.synchronizedMap(new WeakHashMap<>());

    public ActivityRecorder(ActivityLog log, NodeEvents events, ReceiveLog receives) {
        this.log = log;
        this.events = events;
        this.receives = receives;
    }

    @Override
    public void requested(Association a, AAssociateRq rq) {
        requests.put(a, rq);
    }

    @Override
    public void accepted(Association a) {
        requests.remove(a);
        NodeEvent.Peer peer = peer(a, a.request());
        record(peer, AssociationEvent.Outcome.ACCEPTED, null);
        events.fire(new NodeEvent.AssociationAccepted(Instant.now(), peer));
    }

    @Override
    public void rejected(Association a, AAssociateRj rj) {
        NodeEvent.Peer peer = peer(a, requests.remove(a));
        String reason = rj.describe();
        record(peer, AssociationEvent.Outcome.REJECTED, reason);
        events.fire(new NodeEvent.AssociationRejected(Instant.now(), peer, reason));
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
        NodeEvent.Peer peer = peer(a, a.request());
        record(peer, released ? AssociationEvent.Outcome.RELEASED : AssociationEvent.Outcome.ABORTED, detail);
        events.fire(new NodeEvent.AssociationEnded(Instant.now(), peer, released, detail));
    }

    private void record(NodeEvent.Peer p, AssociationEvent.Outcome outcome, String detail) {
        try {
            log.log(new AssociationEvent(0, Instant.now(), p.outbound() ? AssociationEvent.Direction.OUTBOUND
                    : AssociationEvent.Direction.INBOUND, p.callingAet(),
                    p.calledAet(), p.remoteHost(), p.remotePort(), outcome, detail));
        } catch (CatalogException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, p.association() + ": cannot write the association log: "
                    + e.getMessage());
            events.fire(new NodeEvent.Failure(Instant.now(), "association log", p.association() + ": " + e.getMessage()));
        }
    }

    static NodeEvent.Peer peer(Association a, AAssociateRq rq) {
        InetSocketAddress remote = remote(a);
        String host = remote != null ? remote.getHostString() : null;
        int port = remote != null ? remote.getPort() : 0;
        if (remote == null) {
            // before acceptance the label names the peer: "A7 from 10.0.0.5:40122"
            String label = a.label();
            int from = label.indexOf(" from ");
            int colon = label.lastIndexOf(':');
            if (from > 0 && colon > from) {
                host = label.substring(from + 6, colon);
                try {
                    port = Integer.parseInt(label.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = 0;
                }
            }
        }
        return new NodeEvent.Peer(a.label(), rq == null ? null : rq.callingAeTitle(),
                rq == null ? null : rq.calledAeTitle(), host, port, a.isRequestor());
    }

    /** The peer's address, or null before the association was established. */
    static InetSocketAddress remote(Association a) {
        try {
            return a.request() == null ? null : a.remoteAddress();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
