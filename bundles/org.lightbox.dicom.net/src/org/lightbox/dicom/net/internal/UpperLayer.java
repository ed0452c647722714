package org.lightbox.dicom.net.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.lightbox.dicom.net.AssociationAbortedException;
import org.lightbox.dicom.net.AssociationRejectedException;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.internal.AssociationStateMachine.Action;
import org.lightbox.dicom.net.internal.AssociationStateMachine.Event;
import org.lightbox.dicom.net.internal.AssociationStateMachine.State;
import org.lightbox.dicom.net.pdu.AAbort;
import org.lightbox.dicom.net.pdu.AAssociateAc;
import org.lightbox.dicom.net.pdu.AAssociateRj;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PduDecoder;
import org.lightbox.dicom.net.pdu.PduEncoder;
import org.lightbox.dicom.net.pdu.PduFormatException;
import org.lightbox.dicom.net.pdu.PduReader;
import org.lightbox.dicom.net.pdu.PduType;

/**
 * One transport connection driven by the PS3.8 state machine: performs the actions the machine chooses
 * (send PDUs, start ARTIM, close) and hands P-DATA values up one PDV at a time. Exactly one thread reads
 * ({@link #next}); any thread may send P-DATA, release or abort.
 */
public final class UpperLayer {
    private static final System.Logger LOG = System.getLogger(UpperLayer.class.getName());

    /** Results of {@link #next()}. */
    public static final int CLOSED = 0;
    public static final int PDV = 1;
    public static final int RELEASE_INDICATION = 2;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final PduReader reader;
    private final AssociationStateMachine fsm;
    private final ConnectionOptions options;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String label;
    private volatile AssociationAbortedException failure;
    private volatile boolean released;
    private long peerMaxPdu;

    /** The P-DATA-TF PDU being taken apart; valid until the next call of next(). */
    private final PdvCursor pdv = new PdvCursor();

    private UpperLayer(Socket socket, ConnectionOptions options, boolean requestor, String label) throws IOException {
        this.socket = socket;
        this.options = options;
        this.label = label;
        this.fsm = new AssociationStateMachine(requestor);
        // buffered: a PDU header and its body (and often the next PDU) arrive in one read system call
        this.in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
        this.reader = new PduReader(in, label, options.maxPduReceive());
    }

    // ---------------------------------------------------------------- establishment

    /**
     * Requestor side: Evt1/AE-1 connect, Evt2/AE-2 send the request, then wait for the answer (Sta5).
     *
     * @throws AssociationRejectedException on A-ASSOCIATE-RJ (AE-4)
     * @throws AssociationAbortedException on A-ABORT, a lost connection, an invalid answer or the timeout
     */
    public static UpperLayer requestAssociation(ConnectionOptions o, String host, int port, AAssociateRq rq,
            String label) throws IOException {
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
        ul.fsm.fire(Event.EVT1);
        ul.fsm.fire(Event.EVT2);
        ul.writePdu(PduEncoder.encode(rq));
        ul.awaitAssociateResponse(rq);
        return ul;
    }

    /** Acceptor side: Evt5/AE-5, the connection is open and the ARTIM timer runs until A-ASSOCIATE-RQ arrives. */
    public static UpperLayer accepted(Socket s, ConnectionOptions o, String label) throws IOException {
        TransportSockets.configure(s, o);
        s = TransportSockets.wrapTls(s, o.tls(), null, s.getPort(), false);
        UpperLayer ul = new UpperLayer(s, o, false, label);
        synchronized (ul.fsm) {
            ul.fsm.fire(Event.EVT5);
        }
        s.setSoTimeout(o.artimTimeoutMillis());
        return ul;
    }

    private AAssociateAc awaitAssociateResponse(AAssociateRq rq) throws IOException {
        socket.setSoTimeout(options.associationTimeoutMillis());
        int type;
        try {
            type = reader.read();
        } catch (SocketTimeoutException e) {
            throw localAbort("no A-ASSOCIATE response within " + options.associationTimeoutMillis() + " ms");
        } catch (PduReader.TruncatedPduException | EOFException | SocketException e) {
            throw transportClosed(e);
        } catch (PduFormatException e) {
            throw invalidPdu(e);
        }
        switch (type) {
            case PduType.A_ASSOCIATE_AC: {
                AAssociateAc ac;
                try {
                    ac = PduDecoder.decodeAssociateAc(reader.body(), reader.length(), label);
                    AssociationNegotiation.checkAcceptance(rq, ac, label);
                } catch (PduFormatException e) {
                    throw invalidPdu(e);
                }
                fire(Event.EVT3);
                this.acceptance = ac;
                established(ac.userInformation().maxPduLength());
                return ac;
            }
            case PduType.A_ASSOCIATE_RJ: {
                AAssociateRj rj;
                try {
                    rj = PduDecoder.decodeAssociateRj(reader.body(), reader.length(), label);
                } catch (PduFormatException e) {
                    throw invalidPdu(e);
                }
                fire(Event.EVT4); // AE-4
                closeSocket();
                throw new AssociationRejectedException(label, rj);
            }
            default:
                throw unexpectedPdu(type);
        }
    }

    private AAssociateAc acceptance;

    /** The A-ASSOCIATE-AC this requestor received. */
    public AAssociateAc acceptance() {
        return acceptance;
    }

    /**
     * Acceptor side in Sta2: reads the A-ASSOCIATE-RQ (Evt6, AE-6). A protocol version without bit 0 is rejected
     * by the provider itself (the "otherwise" branch of AE-6) and reported as an exception.
     */
    public AAssociateRq receiveAssociateRq() throws IOException {
        int type;
        try {
            type = reader.read();
        } catch (SocketTimeoutException e) {
            fire(Event.EVT18); // AA-2
            closeSocket();
            throw fail(label + ": ARTIM timer expired before A-ASSOCIATE-RQ", null, false, e);
        } catch (PduReader.TruncatedPduException | EOFException | SocketException e) {
            fire(Event.EVT17); // AA-5
            closeSocket();
            throw fail(label + ": connection closed before A-ASSOCIATE-RQ", null, true, e);
        } catch (PduFormatException e) {
            throw invalidPdu(e);
        }
        if (type != PduType.A_ASSOCIATE_RQ) {
            throw unexpectedPdu(type);
        }
        AAssociateRq rq;
        try {
            rq = PduDecoder.decodeAssociateRq(reader.body(), reader.length(), label);
        } catch (PduFormatException e) {
            throw invalidPdu(e);
        }
        fire(Event.EVT6); // AE-6: ARTIM stops
        socket.setSoTimeout(0);
        if ((rq.protocolVersion() & 1) == 0) {
            AAssociateRj rj = new AAssociateRj(AAssociateRj.RESULT_PERMANENT, AAssociateRj.SOURCE_SERVICE_PROVIDER_ACSE,
                    AAssociateRj.REASON_PROTOCOL_VERSION_NOT_SUPPORTED);
            synchronized (fsm) {
                fsm.rejectedByProvider();
            }
            writePdu(PduEncoder.encode(rj));
            awaitClose();
            throw new AssociationRejectedException(label, rj);
        }
        return rq;
    }

    /** Evt7/AE-7: sends the acceptance; the association is established (Sta6). */
    public void accept(AAssociateAc ac, long peerMaxPdu) throws IOException {
        fire(Event.EVT7);
        this.acceptance = ac;
        writePdu(PduEncoder.encode(ac));
        established(peerMaxPdu);
    }

    /** Evt8/AE-8: sends the rejection and waits (ARTIM) for the requestor to close. */
    public void reject(AAssociateRj rj) throws IOException {
        fire(Event.EVT8);
        try {
            writePdu(PduEncoder.encode(rj));
        } finally {
            awaitClose();
        }
    }

    private void established(long peerMax) throws IOException {
        this.peerMaxPdu = peerMax;
        socket.setSoTimeout(options.idleTimeoutMillis());
    }

    /** Bytes of data one PDV may carry towards the peer: its maximum (or our cap) minus the PDV header. */
    public int maxFragmentLength() {
        long max = peerMaxPdu == 0 ? options.maxPduSendCap() : Math.min(peerMaxPdu, options.maxPduSendCap());
        return (int) Math.max(max - 6, 64);
    }

    // ---------------------------------------------------------------- data transfer

    /**
     * Reads until the next PDV, a release indication or the end. Returns {@link #PDV} (then the {@code pdv*}
     * accessors describe it), {@link #RELEASE_INDICATION} (answer with {@link #releaseResponse()}) or
     * {@link #CLOSED} after an orderly release.
     *
     * @throws AssociationAbortedException when the association ends any other way
     */
    public int next() throws IOException {
        while (true) {
            if (pdv.hasNext()) {
                try {
                    pdv.next(label);
                } catch (PduFormatException e) {
                    throw protocolError(e);
                }
                return PDV;
            }
            int type;
            try {
                type = reader.read();
            } catch (SocketTimeoutException e) {
                if (state() == State.STA13) {
                    fire(Event.EVT18);
                    closeSocket();
                    return endOrFailure();
                }
                throw localAbort("no PDU from peer within the idle timeout of " + options.idleTimeoutMillis() + " ms");
            } catch (PduReader.TruncatedPduException | EOFException | SocketException e) {
                if (state() == State.STA13 || state() == State.STA1) {
                    fireIfLegal(Event.EVT17);
                    closeSocket();
                    return endOrFailure();
                }
                throw transportClosed(e);
            } catch (PduFormatException e) {
                throw invalidPdu(e);
            }
            switch (type) {
                case PduType.P_DATA_TF: {
                    Action a = fire(Event.EVT10);
                    if (a == Action.DT_2 || a == Action.AR_6) {
                        pdv.reset(reader.body(), reader.length());
                        if (reader.length() == 0) {
                            throw protocolError(new PduFormatException(label, type, 6,
                                    AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF without a PDV"));
                        }
                    } else {
                        afterUnexpected(a, type);
                    }
                    break;
                }
                case PduType.A_RELEASE_RQ: {
                    Action a = fire(Event.EVT12);
                    if (a == Action.AR_2) {
                        return RELEASE_INDICATION;
                    } else if (a == Action.AR_8) {
                        if (fsm.isRequestor()) {
                            // release collision, requestor side: answer at once (Evt14/AR-9) and wait for RP
                            fire(Event.EVT14);
                            writePdu(PduEncoder.releaseRp());
                        }
                        // acceptor side (Sta10) waits for the requestor's A-RELEASE-RP first
                    } else {
                        afterUnexpected(a, type);
                    }
                    break;
                }
                case PduType.A_RELEASE_RP: {
                    Action a = fire(Event.EVT13);
                    if (a == Action.AR_3) {
                        released = true;
                        closeSocket();
                        return CLOSED;
                    } else if (a == Action.AR_10) {
                        released = true;
                        fire(Event.EVT14); // AR-4
                        writePdu(PduEncoder.releaseRp());
                        socket.setSoTimeout(options.artimTimeoutMillis());
                    } else {
                        afterUnexpected(a, type);
                    }
                    break;
                }
                case PduType.A_ABORT: {
                    AAbort ab;
                    try {
                        ab = PduDecoder.decodeAbort(reader.body(), reader.length(), label);
                    } catch (PduFormatException e) {
                        throw invalidPdu(e);
                    }
                    Action a = fire(Event.EVT16);
                    if (a == Action.AA_2) {
                        closeSocket();
                        return endOrFailure();
                    }
                    // record the cause before closing, so a concurrent writer reports the abort, not a broken pipe
                    AssociationAbortedException f = fail(label + ": aborted by peer: " + ab.describe(), ab, true, null);
                    closeSocket();
                    throw f;
                }
                default: {
                    Event e = type == PduType.A_ASSOCIATE_RQ ? Event.EVT6
                            : type == PduType.A_ASSOCIATE_AC ? Event.EVT3 : Event.EVT4;
                    afterUnexpected(fire(e), type);
                }
            }
        }
    }

    private int endOrFailure() throws AssociationAbortedException {
        if (failure != null && !released) {
            throw failure;
        }
        return CLOSED;
    }

    private void afterUnexpected(Action a, int type) throws IOException {
        if (a == Action.AA_6) {
            return; // Sta13: ignore
        }
        if (a == Action.AA_7) {
            sendAbortQuietly(AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU));
            return;
        }
        // AA-8 (or AA-1 in Sta2): abort, the peer broke the protocol
        AAbort ab = a == Action.AA_1 ? AAbort.byUser() : AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU);
        sendAbortQuietly(ab);
        drainAndClose();
        throw fail(label + ": unexpected " + PduType.name(type) + " in " + state().label() + ", sent " + ab.describe(),
                ab, false, null);
    }

    public int pdvContextId() {
        return pdv.contextId;
    }

    public boolean pdvCommand() {
        return pdv.command;
    }

    public boolean pdvLast() {
        return pdv.last;
    }

    public byte[] pdvBuffer() {
        return pdv.buffer();
    }

    public int pdvOffset() {
        return pdv.offset;
    }

    public int pdvLength() {
        return pdv.length;
    }

    /** Sends one complete P-DATA-TF PDU (Evt9: DT-1 or AR-7). */
    public void sendPData(byte[] b, int len) throws IOException {
        synchronized (fsm) {
            if (!fsm.canSendData()) {
                AssociationAbortedException f = failure;
                if (f != null) {
                    throw f;
                }
                throw new IOException(label + ": cannot send data in " + fsm.state().label() + " ("
                        + fsm.state().description + ")");
            }
            fsm.fire(Event.EVT9);
        }
        writePdu(b, 0, len);
    }

    // ---------------------------------------------------------------- release and abort

    /** Evt14 after a release indication: AR-4 sends A-RELEASE-RP; the reader then waits for the close. */
    public void releaseResponse() throws IOException {
        fire(Event.EVT14);
        released = true;
        writePdu(PduEncoder.releaseRp());
        socket.setSoTimeout(options.artimTimeoutMillis());
    }

    /**
     * Evt11/AR-1: sends A-RELEASE-RQ; the reading thread completes the release. Waits up to the ARTIM time for
     * the end and aborts if the peer does not answer.
     */
    public void release() throws IOException {
        fire(Event.EVT11);
        writePdu(PduEncoder.releaseRq());
        try {
            if (!closed.await(Math.max(options.artimTimeoutMillis(), 1000), TimeUnit.MILLISECONDS)) {
                abort(AAbort.byUser(), "no A-RELEASE-RP within the ARTIM time");
                throw fail(label + ": no A-RELEASE-RP, aborted", AAbort.byUser(), false, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(label + ": interrupted while releasing", e);
        }
        if (!released && failure != null) {
            throw failure;
        }
    }

    /** Evt15/AA-1 from any thread: sends A-ABORT, half-closes, and closes for good when ARTIM expires. */
    public void abort(AAbort ab, String why) {
        synchronized (fsm) {
            if (AssociationStateMachine.actionFor(fsm.state(), Event.EVT15) == null) {
                return; // nothing left to abort
            }
            fsm.fire(Event.EVT15);
            if (failure == null) {
                failure = new AssociationAbortedException(label + ": aborted locally: " + why, ab, false, null);
            }
        }
        sendAbortQuietly(ab);
        try {
            socket.shutdownOutput();
        } catch (IOException | UnsupportedOperationException e) {
            closeSocket();
        }
        CompletableFuture.delayedExecutor(options.artimTimeoutMillis(), TimeUnit.MILLISECONDS).execute(this::closeSocket);
    }

    /** Wraps a protocol violation found above the PDU level (DIMSE framing) into AA-8. */
    public AssociationAbortedException protocolError(PduFormatException e) {
        try {
            return invalidPdu(e);
        } catch (IOException x) {
            return failure;
        }
    }

    private AssociationAbortedException invalidPdu(PduFormatException e) throws AssociationAbortedException {
        if (e instanceof PduReader.TruncatedPduException) {
            return transportClosed(e);
        }
        AAbort ab = AAbort.byProvider(e.abortReason());
        Action a = fireIfLegal(Event.EVT19);
        if (a == Action.AA_1) {
            ab = AAbort.byUser();
        }
        if (a != null && a != Action.AA_6) {
            sendAbortQuietly(ab);
        }
        LOG.log(System.Logger.Level.WARNING, "{0}; sent {1}", e.getMessage(), ab.describe());
        drainAndClose();
        return fail(e.getMessage(), ab, false, e);
    }

    private AssociationAbortedException unexpectedPdu(int type) throws IOException {
        Event e;
        switch (type) {
            case PduType.A_ASSOCIATE_RQ: e = Event.EVT6; break;
            case PduType.A_ASSOCIATE_AC: e = Event.EVT3; break;
            case PduType.A_ASSOCIATE_RJ: e = Event.EVT4; break;
            case PduType.P_DATA_TF: e = Event.EVT10; break;
            case PduType.A_RELEASE_RQ: e = Event.EVT12; break;
            case PduType.A_RELEASE_RP: e = Event.EVT13; break;
            default: e = Event.EVT16;
        }
        Action a = fire(e);
        if (a == Action.AA_2 || a == Action.AA_3) {
            AAbort ab = null;
            try {
                ab = PduDecoder.decodeAbort(reader.body(), reader.length(), label);
            } catch (PduFormatException ignored) {
                // the abort itself was malformed: close anyway
            }
            closeSocket();
            return fail(label + ": aborted by peer" + (ab == null ? "" : ": " + ab.describe()), ab, true, null);
        }
        try {
            afterUnexpected(a, type);
        } catch (AssociationAbortedException x) {
            return x;
        }
        return fail(label + ": unexpected " + PduType.name(type), null, false, null);
    }

    private AssociationAbortedException transportClosed(Exception e) {
        fireIfLegal(Event.EVT17); // AA-4 / AA-5
        AssociationAbortedException f = fail(label + ": connection closed by peer without release (" + e.getMessage()
                + ")", null, true, e);
        closeSocket();
        return f;
    }

    private AssociationAbortedException localAbort(String why) {
        AAbort ab = AAbort.byUser();
        fireIfLegal(Event.EVT15);
        sendAbortQuietly(ab);
        drainAndClose();
        return fail(label + ": " + why + "; aborted", ab, false, null);
    }

    private AssociationAbortedException fail(String message, AAbort ab, boolean byPeer, Throwable cause) {
        synchronized (fsm) {
            if (failure == null) {
                failure = new AssociationAbortedException(message, ab, byPeer, cause);
            }
            return failure;
        }
    }

    private void sendAbortQuietly(AAbort ab) {
        byte[] b = PduEncoder.encode(ab);
        try {
            // a writer blocked on a full socket must not keep the abort from going out for long
            if (writeLock.tryLock(2, TimeUnit.SECONDS)) {
                try {
                    out.write(b);
                    out.flush();
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (IOException | InterruptedException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: could not send A-ABORT: {1}", label, e.toString());
        }
    }

    /** Sta13: read and discard until the peer closes or ARTIM expires, then close. Bounded in time and bytes. */
    private void drainAndClose() {
        try {
            socket.setSoTimeout(Math.min(options.artimTimeoutMillis(), 2000));
            byte[] sink = new byte[8192];
            long budget = 1 << 20;
            while (budget > 0) {
                int r = in.read(sink);
                if (r < 0) {
                    break;
                }
                budget -= r;
            }
        } catch (IOException e) {
            // timeout or reset: either way the connection is finished
        }
        fireIfLegal(Event.EVT17);
        closeSocket();
    }

    private void awaitClose() {
        drainAndClose();
    }

    // ---------------------------------------------------------------- plumbing

    private Action fire(Event e) throws AssociationAbortedException {
        synchronized (fsm) {
            try {
                return fsm.fire(e);
            } catch (AssociationStateMachine.IllegalTransitionException x) {
                if (failure != null) {
                    throw failure;
                }
                throw new IllegalStateException(label + ": " + x.getMessage(), x);
            }
        }
    }

    private Action fireIfLegal(Event e) {
        synchronized (fsm) {
            return AssociationStateMachine.actionFor(fsm.state(), e) == null ? null : fsm.fire(e);
        }
    }

    public State state() {
        synchronized (fsm) {
            return fsm.state();
        }
    }

    private void writePdu(byte[] b) throws IOException {
        writePdu(b, 0, b.length);
    }

    private void writePdu(byte[] b, int off, int len) throws IOException {
        writeLock.lock();
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            // the reading thread usually knows why the connection broke (an A-ABORT); give it a moment to say so
            try {
                closed.await(Math.min(options.artimTimeoutMillis(), 2000), TimeUnit.MILLISECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
            AssociationAbortedException f = failure;
            if (f != null) {
                throw f;
            }
            throw new IOException(label + ": sending " + PduType.name(b[off]) + " failed: " + e.getMessage(), e);
        } finally {
            writeLock.unlock();
        }
    }

    public void closeSocket() {
        TransportSockets.closeQuietly(socket);
        closed.countDown();
    }

    /** True once the transport connection is closed. */
    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** Waits for the transport to close. */
    public boolean awaitClosed(long millis) throws InterruptedException {
        return closed.await(millis, TimeUnit.MILLISECONDS);
    }

    public AssociationAbortedException failure() {
        return failure;
    }

    public boolean isReleased() {
        return released;
    }

    public String label() {
        return label;
    }

    public void label(String l) {
        this.label = l;
        reader.association(l);
    }

    public Socket socket() {
        return socket;
    }

    public void maxPduReceive(long max) {
        reader.maxPDataLength(max);
    }
}
