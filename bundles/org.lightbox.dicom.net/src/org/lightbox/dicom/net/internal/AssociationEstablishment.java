package org.lightbox.dicom.net.internal;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import org.lightbox.dicom.net.AssociationAbortedException;
import org.lightbox.dicom.net.AssociationRejectedException;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.internal.AssociationStateMachine.Event;
import org.lightbox.dicom.net.pdu.AAssociateAc;
import org.lightbox.dicom.net.pdu.AAssociateRj;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PduDecoder;
import org.lightbox.dicom.net.pdu.PduEncoder;
import org.lightbox.dicom.net.pdu.PduFormatException;
import org.lightbox.dicom.net.pdu.PduReader;
import org.lightbox.dicom.net.pdu.PduType;

/**
 * The establishment phase of PS3.8 (AE-1..AE-8) on one transport connection: the requestor connects, sends
 * A-ASSOCIATE-RQ and waits for the answer; the acceptor waits (ARTIM) for the request, then accepts or rejects.
 * Once established, the {@link UpperLayer} carries the association on.
 */
public final class AssociationEstablishment {
    private final UpperLayer ul;

    private AssociationEstablishment(UpperLayer ul) {
        this.ul = ul;
    }

    // ---------------------------------------------------------------- requestor

    /**
     * Requestor side: Evt1/AE-1 connect, Evt2/AE-2 send the request, then wait for the answer (Sta5).
     *
     * @throws AssociationRejectedException on A-ASSOCIATE-RJ (AE-4)
     * @throws AssociationAbortedException on A-ABORT, a lost connection, an invalid answer or the timeout
     */
    public static UpperLayer request(ConnectionOptions o, String host, int port, AAssociateRq rq, String label)
            throws IOException {
        Socket s = new Socket();
        TransportSockets.configure(s, o);
        try {
            s.connect(new InetSocketAddress(host, port), o.connectTimeoutMillis());
            s = TransportSockets.wrapTls(s, o.tls(), host, port, true);
        } catch (IOException e) {
            TransportSockets.closeQuietly(s);
            throw new IOException(label + ": cannot connect to " + host + ":" + port + ": " + e.getMessage(), e);
        }
        UpperLayer ul = new UpperLayer(s, o, true, label);
        ul.fire(Event.EVT1);
        ul.fire(Event.EVT2);
        ul.writePdu(PduEncoder.encode(rq));
        new AssociationEstablishment(ul).awaitAssociateResponse(rq);
        return ul;
    }

    private void awaitAssociateResponse(AAssociateRq rq) throws IOException {
        ul.socket.setSoTimeout(ul.options.associationTimeoutMillis());
        PduReader reader = ul.reader;
        int type;
        try {
            type = reader.read();
        } catch (SocketTimeoutException e) {
            throw ul.localAbort("no A-ASSOCIATE response within " + ul.options.associationTimeoutMillis() + " ms");
        } catch (PduReader.TruncatedPduException | EOFException | SocketException e) {
            throw ul.transportClosed(e);
        } catch (PduFormatException e) {
            throw ul.invalidPdu(e);
        }
        switch (type) {
            case PduType.A_ASSOCIATE_AC: {
                AAssociateAc ac;
                try {
                    ac = PduDecoder.decodeAssociateAc(reader.body(), reader.length(), ul.label());
                    AssociationNegotiation.checkAcceptance(rq, ac, ul.label());
                } catch (PduFormatException e) {
                    throw ul.invalidPdu(e);
                }
                ul.fire(Event.EVT3);
                ul.established(ac, ac.userInformation().maxPduLength());
                return;
            }
            case PduType.A_ASSOCIATE_RJ: {
                AAssociateRj rj;
                try {
                    rj = PduDecoder.decodeAssociateRj(reader.body(), reader.length(), ul.label());
                } catch (PduFormatException e) {
                    throw ul.invalidPdu(e);
                }
                ul.fire(Event.EVT4); // AE-4
                ul.closeSocket();
                throw new AssociationRejectedException(ul.label(), rj);
            }
            default:
                throw ul.unexpectedPdu(type);
        }
    }

    // ---------------------------------------------------------------- acceptor

    /**
     * Acceptor side: Evt5/AE-5, the connection is open and the ARTIM timer runs until A-ASSOCIATE-RQ arrives. With
     * TLS the handshake comes first, on the calling thread, each read bounded by the ARTIM timeout too.
     *
     * @throws TlsHandshakeException when the TLS handshake fails or times out
     */
    public static AssociationEstablishment accepted(Socket s, ConnectionOptions o, String label) throws IOException {
        TransportSockets.configure(s, o);
        if (o.tls() != null) {
            try {
                s = TransportSockets.wrapTls(s, o.tls(), null, s.getPort(), false, o.artimTimeoutMillis());
            } catch (IOException e) {
                throw new TlsHandshakeException(e, o.artimTimeoutMillis());
            }
        }
        UpperLayer ul = new UpperLayer(s, o, false, label);
        ul.fire(Event.EVT5);
        s.setSoTimeout(o.artimTimeoutMillis());
        return new AssociationEstablishment(ul);
    }

    /**
     * Acceptor side in Sta2: reads the A-ASSOCIATE-RQ (Evt6, AE-6). The caller checks
     * {@link #supportsProtocolVersion} before it asks the user, and answers with {@link #rejectByProvider} if not.
     */
    public AAssociateRq receiveRequest() throws IOException {
        PduReader reader = ul.reader;
        int type;
        try {
            type = reader.read();
        } catch (SocketTimeoutException e) {
            ul.fire(Event.EVT18); // AA-2
            ul.closeSocket();
            throw ul.fail(ul.label() + ": ARTIM timer expired before A-ASSOCIATE-RQ", null, false, e);
        } catch (PduReader.TruncatedPduException | EOFException | SocketException e) {
            ul.fire(Event.EVT17); // AA-5
            ul.closeSocket();
            throw ul.fail(ul.label() + ": connection closed before A-ASSOCIATE-RQ", null, true, e);
        } catch (PduFormatException e) {
            throw ul.invalidPdu(e);
        }
        if (type != PduType.A_ASSOCIATE_RQ) {
            throw ul.unexpectedPdu(type);
        }
        AAssociateRq rq;
        try {
            rq = PduDecoder.decodeAssociateRq(reader.body(), reader.length(), ul.label());
        } catch (PduFormatException e) {
            throw ul.invalidPdu(e);
        }
        ul.fire(Event.EVT6); // AE-6: ARTIM stops
        ul.socket.setSoTimeout(0);
        return rq;
    }

    /** AE-6: whether the request's protocol version has bit 0 set (version 1, the only one). */
    public static boolean supportsProtocolVersion(AAssociateRq rq) {
        return (rq.protocolVersion() & 1) != 0;
    }

    /**
     * The "otherwise" branch of AE-6: the provider itself sends the rejection (e.g. protocol version not supported)
     * without asking the user, then waits (ARTIM) for the requestor to close.
     */
    public void rejectByProvider(AAssociateRj rj) throws IOException {
        synchronized (ul.fsm) {
            ul.fsm.rejectedByProvider();
        }
        try {
            ul.writePdu(PduEncoder.encode(rj));
        } finally {
            ul.drainAndClose();
        }
    }

    /**
     * Evt7/AE-7: sends the acceptance; the association is established (Sta6) and P-DATA towards the peer is
     * bounded by {@code peerMaxPdu}. {@code ourMaxPdu} is the maximum the acceptance announces for receiving.
     */
    public UpperLayer accept(AAssociateAc ac, long ourMaxPdu, long peerMaxPdu) throws IOException {
        ul.maxPduReceive(ourMaxPdu);
        ul.fire(Event.EVT7);
        ul.writePdu(PduEncoder.encode(ac));
        ul.established(ac, peerMaxPdu);
        return ul;
    }

    /** Evt8/AE-8: sends the rejection and waits (ARTIM) for the requestor to close. */
    public void reject(AAssociateRj rj) throws IOException {
        ul.fire(Event.EVT8);
        try {
            ul.writePdu(PduEncoder.encode(rj));
        } finally {
            ul.drainAndClose();
        }
    }

    /** The connection being negotiated (for its label, socket and state). */
    public UpperLayer upperLayer() {
        return ul;
    }
}
