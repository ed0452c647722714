package org.lightbox.dicom.net;

import java.io.IOException;

import org.lightbox.dicom.net.pdu.AAssociateRj;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * Notification of what happens on associations, for logs, audit and activity views. Any number of listeners
 * may subscribe; they only watch (answering requests is a {@link DimseService}'s job). Callbacks run on the
 * association's thread: keep them short. An exception thrown by a listener is logged and otherwise ignored.
 */
public interface AssociationListener {

    /**
     * An A-ASSOCIATE-RQ arrived (acceptor side), before the policy decides; or we are about to send one (requestor
     * side), before the connection is made. From here on {@link Association#request()} gives the request, also
     * when the association is then rejected or fails; {@link Association#remoteAddress()} already names the peer.
     */
    default void requested(Association association, AAssociateRq request) {
    }

    /**
     * Requestor side: no association came about, and no answer either — the connection failed (refused, timed out,
     * TLS handshake) or the negotiation broke (abort, lost connection, no answer in time). A rejection is
     * {@link #rejected} instead. Acceptor side: an incoming connection ended before an association came about and
     * was neither accepted nor rejected: the TLS handshake failed, the peer closed the connection or stayed silent
     * (ARTIM) before its A-ASSOCIATE-RQ, or sent something else (bytes that are no PDU, another PDU, a malformed
     * request), which was answered with an A-ABORT. The cause says why, {@link Association#remoteAddress()} names the
     * peer, and {@link Association#request()} is {@code null} unless a valid request had been read.
     */
    default void failed(Association association, IOException cause) {
    }

    /** The association is established (either side). */
    default void accepted(Association association) {
    }

    /**
     * We rejected a request (acceptor side; {@link Association#rejectionDetail()} may say more) or were rejected
     * (requestor side).
     */
    default void rejected(Association association, AAssociateRj rejection) {
    }

    /**
     * The peer asked to release (acceptor side), every request is answered, and the A-RELEASE-RP has not been sent
     * yet: a listener that must finish work the peer may count on once released (catalogue what it stored) does it
     * here, and the peer waits for it.
     */
    default void releasing(Association association) {
    }

    /** The association ended by an orderly release. */
    default void released(Association association) {
    }

    /** The association ended by an abort or the loss of the connection. */
    default void aborted(Association association, AssociationAbortedException cause) {
    }

    /** Bytes of a message sent or received so far; called per PDU and once more with {@code complete} set. */
    default void progress(Association association, MessageProgress progress) {
    }
}
