package org.lightbox.dicom.net.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.RandomAccessFile;
import java.nio.file.FileSystems;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationAbortedException;
import org.lightbox.dicom.net.DicomServiceRegistry;
import org.lightbox.dicom.net.DimseOperation;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.dicom.net.DimseStatusException;
import org.lightbox.dicom.net.MessageProgress;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.DimseFormatException;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.dimse.ErrorComment;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAbort;
import org.lightbox.dicom.net.pdu.PduFormatException;
import org.lightbox.dicom.net.pdu.PduType;

/**
 * DIMSE over one established association: sends messages (command, then data set) and reads them, one message per
 * turn of the {@link ReadingRole}: reassembles commands, hands responses to waiting requests and requests to the
 * registry's services. A synchronous caller reads its own response; the background loop ({@link #run}) reads the
 * rest.
 */
public final class DimseChannel {
    private static final System.Logger LOG = System.getLogger(DimseChannel.class.getName());
    /** Commands are small; anything larger is hostile. */
    private static final int MAX_COMMAND_LENGTH = 1 << 20;
    /** Data sets other than C-STORE's are held in memory (identifiers, N-* attribute lists). */
    private static final int MAX_BUFFERED_DATA_SET = 64 << 20;

    private final Association association;
    private final UpperLayer ul;
    private final DicomServiceRegistry registry;
    private final Executor executor;
    private final AssociationEvents events;
    private final ReentrantLock sendLock = new ReentrantLock();
    private final PDataOutputStream pout;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Integer, IncomingRequest> inFlight = new ConcurrentHashMap<>();
    private final ReadingRole role;
    /** Reassembles a command; a turn ends at message boundaries only, so it is empty between turns. */
    private final ByteArrayOutputStream cmdBuf = new ByteArrayOutputStream(512);
    private volatile boolean releasing;
    private volatile AssociationAbortedException endFailure;

    public DimseChannel(Association association, UpperLayer ul, DicomServiceRegistry registry, Executor executor,
            AssociationEvents events) {
        this.association = association;
        this.ul = ul;
        this.registry = registry;
        this.executor = executor;
        this.events = events;
        this.pout = new PDataOutputStream(ul);
        this.role = new ReadingRole(this::unattendedWork, association.isRequestor());
        ul.keepOpenWhile(() -> !inFlight.isEmpty());
    }

    Association association() {
        return association;
    }

    String label() {
        return ul.label();
    }

    /** Something to read that no synchronous caller will: an asynchronous request, or the association ending. */
    private boolean unattendedWork() {
        if (releasing || ul.state() != AssociationStateMachine.State.STA6) {
            return true;
        }
        for (Pending p : pending.values()) {
            if (!p.synchronous) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- sending

    /**
     * Sends one message: the command, then (if {@code data} is not null) its data set. If the data set fails after
     * part of the message went out, the peer waits for a rest that never comes: the association is aborted.
     */
    public void send(int pcid, CommandSet cmd, DataWriter data) throws IOException {
        cmd.hasDataSet(data != null);
        byte[] c = cmd.encode();
        String ts = association.transferSyntax(pcid);
        LongConsumer progress = progress(cmd, true);
        sendLock.lock();
        try {
            pout.begin(pcid, true, null);
            pout.write(c, 0, c.length);
            pout.finish(data != null);
            if (data != null) {
                pout.begin(pcid, false, progress);
                if (data instanceof DataWriter.FileRegion f && f.file().getFileSystem() == FileSystems.getDefault()) {
                    // RandomAccessFile: a read is one native call, where a FileChannel read runs a long Java path
                    // (temporary direct buffer, interruptible blocking) once per PDU, costly until compiled
                    try (RandomAccessFile in = new RandomAccessFile(f.file().toFile(), "r")) {
                        pout.transferFrom(in, f.offset(), f.length(), f.file().toString());
                    }
                } else {
                    data.writeTo(pout, ts);
                }
                pout.finish(false);
            }
        } catch (IOException | RuntimeException e) {
            if (!pout.abandon()) {
                ul.abort(AAbort.byUser(), "message " + cmd.commandField().label() + " only partly sent: " + e);
                role.wake();
            }
            throw e;
        } finally {
            sendLock.unlock();
        }
        if (progress != null) {
            fireComplete(cmd, true, -1);
        }
    }

    private LongConsumer progress(CommandSet cmd, boolean outgoing) {
        if (events.isEmpty()) {
            return null;
        }
        int id = cmd.commandField().isResponse() ? cmd.messageIdBeingRespondedTo() : cmd.messageId();
        CommandField f = cmd.commandField();
        String iuid = cmd.sopInstanceUid();
        return bytes -> events.fire(l -> l.progress(association, new MessageProgress(id, f, iuid, outgoing, bytes, false)));
    }

    private void fireComplete(CommandSet cmd, boolean outgoing, long bytes) {
        int id = cmd.commandField().isResponse() ? cmd.messageIdBeingRespondedTo() : cmd.messageId();
        events.fire(l -> l.progress(association,
                new MessageProgress(id, cmd.commandField(), cmd.sopInstanceUid(), outgoing, bytes, true)));
    }

    /** Registers the request as pending, sends it and returns the operation to wait on or cancel. */
    public DimseOperation invoke(int pcid, CommandSet rq, DataWriter data, Consumer<DimseResponse> onPending) {
        Pending p = invoke(pcid, rq, data, onPending, false);
        role.wake(); // its responses are for the background reader
        return p;
    }

    /** Sends the request and reads until its final response, on the calling thread when it can. */
    public DimseResponse invokeAndAwait(int pcid, CommandSet rq, DataWriter data, Consumer<DimseResponse> onPending)
            throws IOException {
        role.refuseNestedWait(ul.label());
        role.synchronousActivity();
        try {
            return invoke(pcid, rq, data, onPending, true).await();
        } finally {
            role.synchronousActivity();
        }
    }

    private Pending invoke(int pcid, CommandSet rq, DataWriter data, Consumer<DimseResponse> onPending,
            boolean synchronous) {
        Pending p = new Pending(pcid, rq.messageId(), onPending, synchronous);
        AssociationAbortedException f = ul.failure();
        if (f != null) {
            p.future.completeExceptionally(f);
            return p;
        }
        pending.put(p.messageId, p);
        try {
            send(pcid, rq, data);
        } catch (IOException | RuntimeException e) {
            pending.remove(p.messageId);
            p.future.completeExceptionally(e);
        }
        if (ul.isClosed() || role.isEnded()) {
            failPending(); // the association may have ended before we registered
        }
        return p;
    }

    /** Orderly release: the background reader takes the remaining turns and completes it. */
    public void release() throws IOException {
        releasing = true;
        role.wake();
        ul.release();
    }

    /** A-ABORT from the application. */
    public void abort(String why) {
        ul.abort(AAbort.byUser(), why);
        role.wake();
    }

    /** A-ABORT from the application, closing the transport after at most {@code closeAfterMillis}. */
    public void abort(String why, int closeAfterMillis) {
        ul.abort(AAbort.byUser(), why, closeAfterMillis);
        role.wake();
    }

    private final class Pending implements DimseOperation {
        final int pcid;
        final int messageId;
        final Consumer<DimseResponse> onPending;
        /** Invoked by a blocking call, whose caller reads the responses itself. */
        final boolean synchronous;
        final CompletableFuture<DimseResponse> future = new CompletableFuture<>();

        Pending(int pcid, int messageId, Consumer<DimseResponse> onPending, boolean synchronous) {
            this.pcid = pcid;
            this.messageId = messageId;
            this.onPending = onPending;
            this.synchronous = synchronous;
        }

        @Override
        public int messageId() {
            return messageId;
        }

        @Override
        public CompletableFuture<DimseResponse> future() {
            return future;
        }

        @Override
        public void cancel() throws IOException {
            // checked under the send lock: the next request of a caller taking one operation at a time goes out
            // after this one's final response completed the future, so a C-CANCEL either precedes that request on
            // the wire or is not sent; it never lands inside the next operation (dcmtk aborts the association
            // when a C-CANCEL for another message arrives while it serves one)
            sendLock.lock();
            try {
                if (future.isDone()) {
                    return;
                }
                CommandSet c = new CommandSet();
                c.setInt(CommandTag.CommandField, CommandField.C_CANCEL_RQ.code);
                c.setInt(CommandTag.MessageIDBeingRespondedTo, messageId);
                send(pcid, c, null);
            } finally {
                sendLock.unlock();
            }
        }

        /** Waits for the final response, reading the association's messages itself whenever no one else does. */
        @Override
        public DimseResponse await() throws IOException {
            if (!future.isDone()) {
                role.awaitingBegins();
                try {
                    while (!future.isDone()) {
                        if (role.takeTurnOrWait(future::isDone, ul.label())) {
                            readTurn();
                        } else if (role.isEnded() && !future.isDone()) {
                            failPending();
                        }
                    }
                } finally {
                    role.awaitingEnds();
                }
            }
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException(ul.label() + ": interrupted waiting for message " + messageId);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                throw new IOException(ul.label() + ": message " + messageId + " failed: " + c, c);
            }
        }
    }

    // ---------------------------------------------------------------- receiving

    /**
     * The background reading loop: takes the turns no caller takes, until the association has ended; returns
     * {@code null} after a release, otherwise the failure.
     */
    public AssociationAbortedException run() {
        while (role.awaitBackgroundTurn()) {
            readTurn();
        }
        return endFailure;
    }

    /** One turn: reads and dispatches one message, or the association's end. */
    private void readTurn() {
        try {
            if (!readMessage()) {
                role.end();
            }
        } catch (Error e) {
            end(ul.failure());
            role.end();
            throw e;
        } finally {
            role.endTurn();
        }
    }

    /** Reads up to the next complete message and dispatches it; false when the association has ended instead. */
    private boolean readMessage() {
        int cmdPcid = -1;
        try {
            while (true) {
                int r = ul.next();
                if (r == UpperLayer.CLOSED) {
                    end(null);
                    return false;
                }
                if (r == UpperLayer.RELEASE_INDICATION) {
                    awaitInFlight();
                    events.fire(l -> l.releasing(association));
                    ul.releaseResponse();
                    continue;
                }
                int pcid = ul.pdvContextId();
                if (association.transferSyntax(pcid) == null) {
                    throw protocolError("PDV on presentation context " + pcid + ", which is not accepted");
                }
                if (!ul.pdvCommand()) {
                    throw protocolError("data fragment on presentation context " + pcid + " without a command");
                }
                if (cmdPcid != -1 && cmdPcid != pcid) {
                    throw protocolError("command fragments on presentation contexts " + cmdPcid + " and " + pcid);
                }
                if (cmdBuf.size() + ul.pdvLength() > MAX_COMMAND_LENGTH) {
                    throw protocolError("command set longer than " + MAX_COMMAND_LENGTH + " bytes");
                }
                cmdBuf.write(ul.pdvBuffer(), ul.pdvOffset(), ul.pdvLength());
                cmdPcid = pcid;
                if (!ul.pdvLast()) {
                    continue;
                }
                CommandSet cmd;
                try {
                    byte[] b = cmdBuf.toByteArray();
                    cmd = CommandSet.decode(b, 0, b.length, ul.label() + ": command on context " + pcid);
                } catch (DimseFormatException e) {
                    throw ul.protocolError(new PduFormatException(ul.label(), PduType.P_DATA_TF, 0,
                            AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, e.getMessage()));
                } finally {
                    cmdBuf.reset();
                }
                dispatch(pcid, cmd);
                return true;
            }
        } catch (AssociationAbortedException e) {
            end(e);
            return false;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, ul.label() + ": association failed", e);
            ul.abort(AAbort.byProvider(AAbort.REASON_NOT_SPECIFIED), e.toString());
            AssociationAbortedException f = ul.failure();
            end(f != null ? f : new AssociationAbortedException(ul.label() + ": " + e, null, false, e));
            return false;
        }
    }

    /** The association has ended: close, fail what waits for a response, tell running services to stop. */
    private void end(AssociationAbortedException failure) {
        endFailure = failure;
        ul.closeSocket();
        failPending();
        for (IncomingRequest i : inFlight.values()) {
            i.cancelled = true;
        }
    }

    private AssociationAbortedException protocolError(String problem) {
        return ul.protocolError(new PduFormatException(ul.label(), PduType.P_DATA_TF, 0,
                AAbort.REASON_UNEXPECTED_PDU_PARAMETER, problem));
    }

    private void failPending() {
        AssociationAbortedException f = ul.failure();
        IOException cause = f != null ? f : new IOException(ul.label() + ": association released before the response");
        for (Pending p : pending.values()) {
            pending.remove(p.messageId);
            p.future.completeExceptionally(cause);
        }
    }

    private void dispatch(int pcid, CommandSet cmd) throws IOException {
        CommandField f = cmd.commandField();
        if (f.isResponse()) {
            byte[] data = null;
            if (cmd.hasDataSet()) {
                data = new PdvInputStream(ul, pcid, progress(cmd, false)).readAll(MAX_BUFFERED_DATA_SET, f.label() + " data set");
            }
            Pending p = pending.get(cmd.messageIdBeingRespondedTo());
            if (p == null) {
                LOG.log(System.Logger.Level.WARNING, "{0}: {1} for unknown message id {2} ignored", ul.label(), f.label(),
                        cmd.messageIdBeingRespondedTo());
                return;
            }
            DimseResponse rsp = new DimseResponse(pcid, association.transferSyntax(pcid), cmd, data);
            if (Status.kindOf(cmd.status()) == Status.Kind.PENDING) {
                if (p.onPending != null) {
                    try {
                        p.onPending.accept(rsp);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, ul.label() + ": pending-response callback failed", e);
                    }
                }
            } else {
                pending.remove(p.messageId);
                p.future.complete(rsp);
            }
            return;
        }
        if (f == CommandField.C_CANCEL_RQ) {
            IncomingRequest i = inFlight.get(cmd.messageIdBeingRespondedTo());
            if (i != null) {
                i.cancelled = true;
            }
            if (cmd.hasDataSet()) {
                new PdvInputStream(ul, pcid, null).drain();
            }
            return;
        }
        String misplaced = misplacedSopClass(pcid, cmd);
        DimseService service = misplaced != null || registry == null ? null : registry.lookup(cmd.sopClassUid(), f);
        if (service == null) {
            refuse(pcid, cmd, misplaced != null ? misplaced : "no service for " + f.label());
            return;
        }
        if (f == CommandField.C_STORE_RQ) {
            // streaming path: the service reads the data set while the fragments arrive
            PdvInputStream in = cmd.hasDataSet() ? new PdvInputStream(ul, pcid, progress(cmd, false)) : null;
            IncomingRequest r = new IncomingRequest(this, pcid, cmd, in);
            Exception err = call(service, r);
            if (in != null) {
                in.drain();
            }
            if (!events.isEmpty()) {
                fireComplete(cmd, false, -1);
            }
            finish(r, err);
            return;
        }
        byte[] data = cmd.hasDataSet()
                ? new PdvInputStream(ul, pcid, progress(cmd, false)).readAll(MAX_BUFFERED_DATA_SET, f.label() + " data set")
                : null;
        IncomingRequest r = new IncomingRequest(this, pcid, cmd, data == null ? null : new ByteArrayInputStream(data));
        inFlight.put(cmd.messageId(), r);
        try {
            executor.execute(() -> {
                try {
                    finish(r, call(service, r));
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "{0}: could not answer {1}: {2}", ul.label(), f.label(), e);
                } finally {
                    inFlight.remove(cmd.messageId());
                    synchronized (inFlight) {
                        inFlight.notifyAll();
                    }
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(cmd.messageId());
            finish(r, new DimseStatusException(Status.OUT_OF_RESOURCES, "server is shutting down"));
        }
    }

    /**
     * The Error Comment for a request whose SOP class does not belong on its presentation context (PS3.7 9.1: the
     * Affected SOP Class UID is the context's abstract syntax), or null when it does or names none.
     */
    private String misplacedSopClass(int pcid, CommandSet cmd) {
        String sop = cmd.sopClassUid();
        String context = association.abstractSyntax(pcid);
        if (sop == null || context == null || AbstractSyntaxCheck.fits(sop, context)) {
            return null;
        }
        LOG.log(System.Logger.Level.INFO, "{0}: refusing {1} (message {2}): {3}", ul.label(),
                cmd.commandField().label(), cmd.messageId(), AbstractSyntaxCheck.describeFully(sop, pcid, context));
        return AbstractSyntaxCheck.describe(sop, pcid, context);
    }

    /**
     * Answers a request no service takes with "SOP class not supported" (N-*: "no such SOP class"), after its data
     * set is read off the wire and dropped: the association goes on.
     */
    private void refuse(int pcid, CommandSet cmd, String why) throws IOException {
        if (cmd.hasDataSet()) {
            new PdvInputStream(ul, pcid, null).drain();
        }
        IncomingRequest r = new IncomingRequest(this, pcid, cmd, null);
        CommandSet rsp = r.newResponse(cmd.commandField().isNormalized() ? Status.NO_SUCH_SOP_CLASS
                : Status.SOP_CLASS_NOT_SUPPORTED);
        rsp.setString(CommandTag.ErrorComment, ErrorComment.fit(why));
        r.respond(rsp, null);
    }

    private Exception call(DimseService service, IncomingRequest r) {
        try {
            service.onRequest(r);
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    /** Sends the final response the service did not send itself. */
    private void finish(IncomingRequest r, Exception err) throws IOException {
        if (r.finalSent) {
            if (err != null) {
                LOG.log(System.Logger.Level.WARNING, ul.label() + ": service failed after responding", err);
            }
            return;
        }
        AssociationAbortedException f = ul.failure();
        if (f != null) {
            throw f;
        }
        int status;
        String comment;
        if (err == null) {
            status = Status.PROCESSING_FAILURE;
            comment = "service sent no response";
        } else if (err instanceof DimseStatusException dse) {
            status = dse.status();
            comment = dse.getMessage();
        } else {
            status = r.command.commandField() == CommandField.C_STORE_RQ ? Status.OUT_OF_RESOURCES : Status.PROCESSING_FAILURE;
            comment = err.getMessage() == null ? err.getClass().getSimpleName() : err.getMessage();
            LOG.log(System.Logger.Level.WARNING, ul.label() + ": " + r.command.commandField().label() + " failed", err);
        }
        CommandSet rsp = r.newResponse(status);
        if (comment != null) {
            rsp.setString(CommandTag.ErrorComment, ErrorComment.fit(comment));
        }
        r.respond(rsp, null);
    }

    private void awaitInFlight() throws InterruptedIOException {
        long deadline = System.currentTimeMillis() + 60_000;
        synchronized (inFlight) {
            while (!inFlight.isEmpty() && System.currentTimeMillis() < deadline) {
                try {
                    inFlight.wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException(ul.label() + ": interrupted during release");
                }
            }
        }
    }
}
