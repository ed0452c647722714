package org.lightbox.dicom.net.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.lightbox.dicom.net.AssociationAbortedException;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.internal.AssociationStateMachine.Action;
import org.lightbox.dicom.net.internal.AssociationStateMachine.Event;
import org.lightbox.dicom.net.internal.AssociationStateMachine.State;
import org.lightbox.dicom.net.pdu.AAbort;
import org.lightbox.dicom.net.pdu.AAssociateAc;
import org.lightbox.dicom.net.pdu.PduDecoder;
import org.lightbox.dicom.net.pdu.PduEncoder;
import org.lightbox.dicom.net.pdu.PduFormatException;
import org.lightbox.dicom.net.pdu.PduReader;
import org.lightbox.dicom.net.pdu.PduType;

/**
 * One transport connection driven by the PS3.8 state machine once {@link AssociationEstablishment} has set it up:
 * performs the actions the machine chooses (send PDUs, start ARTIM, close) in the data transfer and release
 * phases, and hands P-DATA values up one PDV at a time. One thread at a time reads ({@link #next}); any thread may
 * send P-DATA, release or abort.
 */
public final class UpperLayer {
    private static final System.Logger LOG = System.getLogger(UpperLayer.class.getName());

    /** Results of {@link #next()}. */
    public static final int CLOSED = 0;
    public static final int PDV = 1;
    public static final int RELEASE_INDICATION = 2;

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    final PduReader reader;
    final AssociationStateMachine fsm;
    final ConnectionOptions options;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile String label;
    private volatile AssociationAbortedException failure;
    private volatile boolean released;
    private long peerMaxPdu;
    private volatile AAssociateAc acceptance;

    /** True while the peer waits for us (we serve its request): then silence is not idleness. */
    private volatile BooleanSupplier serving = () -> false;

    /** The P-DATA-TF PDU being taken apart; valid until the next call of next(). */
    private final PdvCursor pdv = new PdvCursor();

    UpperLayer(Socket socket, ConnectionOptions options, boolean requestor, String label) throws IOException {
        this.socket = socket;
        this.options = options;
        this.label = label;
        this.fsm = new AssociationStateMachine(requestor);
        // unbuffered: the PDU reader buffers itself, reading several PDUs per system call
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.reader = new PduReader(in, label, options.maxPduReceive());
    }

    /** Sta6 reached (by either side): P-DATA may now flow, bounded by the peer's maximum PDU length. */
    void established(AAssociateAc ac, long peerMax) throws IOException {
        this.acceptance = ac;
        this.peerMaxPdu = peerMax;
        socket.setSoTimeout(options.idleTimeoutMillis());
    }

    /** The TLS protocol version of the connection (e.g. {@code TLSv1.3}), or {@code null} over plain TCP. */
    public String tlsProtocol() {
        return socket instanceof javax.net.ssl.SSLSocket ssl ? ssl.getSession().getProtocol() : null;
    }

    /** The A-ASSOCIATE-AC of this association (received as requestor, sent as acceptor). */
    public AAssociateAc acceptance() {
        return acceptance;
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
        // the P-DATA path stays small (it runs per PDU and is compiled early); the rest lives in other methods
        while (true) {
            if (pdv.hasNext()) {
                nextPdv();
                return PDV;
            }
            int type = readPdu();
            if (type == PduType.P_DATA_TF) {
                Action a = fire(Event.EVT10);
                if ((a == Action.DT_2 || a == Action.AR_6) && reader.length() > 0) {
                    pdv.reset(reader.buffer(), reader.offset(), reader.length());
                } else {
                    pDataNotTaken(a);
                }
                continue;
            }
            int r = type == TRANSPORT_ENDED ? endOrFailure() : controlPdu(type);
            if (r != READ_ON) {
                return r;
            }
        }
    }

    /** From {@link #readPdu}: the transport ended where the state machine expects it (Sta13, Sta1). */
    private static final int TRANSPORT_ENDED = -1;
    /** From {@link #controlPdu}: nothing for the caller yet, read the next PDU. */
    private static final int READ_ON = -1;

    private void nextPdv() throws AssociationAbortedException {
        try {
            pdv.next(label);
        } catch (PduFormatException e) {
            throw protocolError(e);
        }
    }

    /**
     * The idle timeout does not end the association while {@code serving} says a request of the peer is being
     * served: a C-MOVE requester sends nothing while the sub-operations to a slow destination take their time.
     * (Our own requests keep the timeout: a peer that never answers must not hold us forever.)
     */
    public void keepOpenWhile(BooleanSupplier serving) {
        this.serving = serving;
    }

    /** Reads a PDU, turning the transport's end, a timeout or a malformed header into the state machine's events. */
    private int readPdu() throws IOException {
        try {
            return readPduWaiting();
        } catch (PduReader.TruncatedPduException | EOFException | SocketException e) {
            if (state() == State.STA13 || state() == State.STA1) {
                fireIfLegal(Event.EVT17);
                closeSocket();
                return TRANSPORT_ENDED;
            }
            throw transportClosed(e);
        } catch (PduFormatException e) {
            throw invalidPdu(e);
        }
    }

    /** {@link PduReader#read()}, read again after a timeout while serving (the reader resumes where it was). */
    private int readPduWaiting() throws IOException {
        while (true) {
            try {
                return reader.read();
            } catch (SocketTimeoutException e) {
                if (state() == State.STA13) {
                    fire(Event.EVT18);
                    closeSocket();
                    return TRANSPORT_ENDED;
                }
                if (!serving.getAsBoolean()) {
                    throw localAbort("no PDU from peer within the idle timeout of " + options.idleTimeoutMillis()
                            + " ms");
                }
            }
        }
    }

    /** A P-DATA-TF that carries no PDV, or arrives where the state machine does not take data. */
    private void pDataNotTaken(Action a) throws IOException {
        if (a == Action.DT_2 || a == Action.AR_6) {
            throw protocolError(new PduFormatException(label, PduType.P_DATA_TF, 6,
                    AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "P-DATA-TF without a PDV"));
        }
        afterUnexpected(a, PduType.P_DATA_TF);
    }

    /** Release, abort and association PDUs: returns what {@link #next} returns, or {@link #READ_ON}. */
    private int controlPdu(int type) throws IOException {
        switch (type) {
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
                return READ_ON;
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
                return READ_ON;
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
                return READ_ON;
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
        // AA-8 (or AA-1 in Sta2): abort, the peer broke the protocol. In Sta2 too the A-ABORT says provider and
        // "unexpected PDU": it answers the peer's error (PS3.8 9.3.8), while AA-1's transition (Sta13, ARTIM) holds
        AAbort ab = AAbort.byProvider(AAbort.REASON_UNEXPECTED_PDU);
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

    /** Offset of the current PDV item in its PDU, for error messages. */
    public int pdvItemOffset() {
        return pdv.itemOffset;
    }

    public int pdvLength() {
        return pdv.length;
    }

    /**
     * Sends one or more complete P-DATA-TF PDUs in a single socket write (Evt9 once: DT-1 or AR-7; both leave the
     * state as it is, so a batch needs one check, not one per PDU).
     */
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
        abort(ab, why, options.artimTimeoutMillis());
    }

    /**
     * As {@link #abort(AAbort, String)}, but closes the transport after at most {@code closeAfterMillis} (capped by
     * ARTIM) if the peer has not closed it by then: when the application must end now (shutdown), a peer that
     * stalls in the middle of a message must not hold the reading thread for the ARTIM time. Closing the socket
     * is what unblocks a read waiting for that peer.
     */
    public void abort(AAbort ab, String why, int closeAfterMillis) {
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
        int linger = Math.max(0, Math.min(closeAfterMillis, options.artimTimeoutMillis()));
        CompletableFuture.delayedExecutor(linger, TimeUnit.MILLISECONDS).execute(this::closeSocket);
    }

    /** Wraps a protocol violation found above the PDU level (DIMSE framing) into AA-8. */
    public AssociationAbortedException protocolError(PduFormatException e) {
        try {
            return invalidPdu(e);
        } catch (IOException x) {
            return failure;
        }
    }

    AssociationAbortedException invalidPdu(PduFormatException e) throws AssociationAbortedException {
        if (e instanceof PduReader.TruncatedPduException) {
            return transportClosed(e);
        }
        // AA-8, or AA-1 in Sta2 (a malformed A-ASSOCIATE-RQ, bytes that are no PDU): either way the A-ABORT says
        // provider and why (PS3.8 9.3.8), since it answers the peer's error; AA-1's transition (Sta13, ARTIM) holds
        AAbort ab = AAbort.byProvider(e.abortReason());
        Action a = fireIfLegal(Event.EVT19);
        boolean sent = a != null && a != Action.AA_6;
        if (sent) {
            sendAbortQuietly(ab);
        }
        String message = e.getMessage() + (sent ? "; sent " + ab.describe() : "");
        LOG.log(System.Logger.Level.WARNING, message);
        drainAndClose();
        return fail(message, ab, false, e);
    }

    AssociationAbortedException unexpectedPdu(int type) throws IOException {
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

    AssociationAbortedException transportClosed(Exception e) {
        fireIfLegal(Event.EVT17); // AA-4 / AA-5
        AssociationAbortedException f = fail(label + ": connection closed by peer without release (" + e.getMessage()
                + ")", null, true, e);
        closeSocket();
        return f;
    }

    AssociationAbortedException localAbort(String why) {
        AAbort ab = AAbort.byUser();
        fireIfLegal(Event.EVT15);
        sendAbortQuietly(ab);
        drainAndClose();
        return fail(label + ": " + why + "; aborted", ab, false, null);
    }

    AssociationAbortedException fail(String message, AAbort ab, boolean byPeer, Throwable cause) {
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
    void drainAndClose() {
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

    // ---------------------------------------------------------------- plumbing

    Action fire(Event e) throws AssociationAbortedException {
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

    void writePdu(byte[] b) throws IOException {
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
