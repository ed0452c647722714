package org.lightbox.dicom.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.internal.AssociationEvents;
import org.lightbox.dicom.net.internal.DimseChannel;
import org.lightbox.dicom.net.internal.UpperLayer;
import org.lightbox.dicom.net.pdu.AAssociateAc;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PresentationContext;
import org.lightbox.dicom.net.pdu.PresentationContextResult;
import org.lightbox.dicom.net.pdu.RoleSelection;

/**
 * An established DICOM association, on either side. The requestor (SCU) side offers the DIMSE operations, each
 * blocking or asynchronous ({@code ...Async} returns a {@link DimseOperation}); both sides may release or abort.
 * A blocking call reads its response on the calling thread (no hand-off from a reading thread); the association's
 * reading thread takes everything else. Callbacks (pending responses, C-STOREs during a C-GET) run on whichever
 * thread reads: a blocking call made from one of them throws {@link IllegalStateException}, as it would wait for a
 * message only its own thread could read; use the asynchronous call there.
 * Incoming requests (on the SCP side, or C-STOREs during a C-GET) go to the {@link DicomServiceRegistry}.
 * Thread-safe: several threads may send requests on one association.
 */
public final class Association {
    private static final AtomicInteger SERIAL = new AtomicInteger();

    private final boolean requestor;
    private final AssociationEvents events;
    private final DicomServiceRegistry registry;
    private final Executor executor;
    private final AtomicInteger messageIds = new AtomicInteger();
    private final int serial = SERIAL.incrementAndGet();
    /** Whom the requestor calls, or whence the acceptor's connection came: known before the upper layer is. */
    private final InetSocketAddress peerAddress;
    private volatile String label;
    private volatile UpperLayer ul;
    private volatile DimseChannel channel;
    private volatile AAssociateRq request;
    private volatile AAssociateAc acceptance;
    private volatile String tlsProtocol;
    private volatile String rejectionDetail;
    private final CompletableFuture<AssociationAbortedException> end = new CompletableFuture<>();

    Association(boolean requestor, String peer, InetSocketAddress peerAddress, AssociationEvents events,
            DicomServiceRegistry registry, Executor executor) {
        this.requestor = requestor;
        this.peerAddress = peerAddress;
        this.events = events;
        this.registry = registry;
        this.executor = executor;
        this.label = "A" + serial + (requestor ? " to " : " from ") + peer;
    }

    /** The A-ASSOCIATE-RQ, as soon as it has arrived or is about to be sent (before any listener hears of it). */
    void requested(AAssociateRq rq) {
        this.request = rq;
    }

    /** Acceptor side: we are about to reject the request, for this reason in words (may be null). */
    void rejecting(String detail) {
        this.rejectionDetail = detail;
    }

    /** Called once the upper layer has established the association. */
    void established(UpperLayer upper, AAssociateRq rq, AAssociateAc ac) {
        this.ul = upper;
        this.request = rq;
        this.acceptance = ac;
        this.tlsProtocol = upper.tlsProtocol(); // read once: the session is still there to ask
        this.label = "A" + serial + " " + rq.callingAeTitle() + "->" + rq.calledAeTitle();
        upper.label(label);
        this.channel = new DimseChannel(this, upper, registry, executor, events);
    }

    /** Runs the reading loop on the calling thread until the association ends, then notifies listeners. */
    void serve() {
        AssociationAbortedException failure = channel.run();
        if (failure == null) {
            events.fire(l -> l.released(this));
        } else {
            events.fire(l -> l.aborted(this, failure));
        }
        end.complete(failure);
    }

    void label(String l) {
        this.label = l;
    }

    // ---------------------------------------------------------------- what was negotiated

    /** E.g. {@code A12 STORESCU->LIGHTBOX}; names the association in logs and errors. */
    /**
     * The order in which this process met its associations (an acceptor's is taken as the connection arrives, before
     * negotiation): a larger number came later.
     */
    public int serial() {
        return serial;
    }

    public String label() {
        return label;
    }

    public boolean isRequestor() {
        return requestor;
    }

    /**
     * The A-ASSOCIATE-RQ: known from when it arrived or was about to be sent, so also for an association that was
     * rejected or failed; {@code null} only before that (a connection that never sent one).
     */
    public AAssociateRq request() {
        return request;
    }

    public AAssociateAc acceptance() {
        return acceptance;
    }

    /**
     * Acceptor side, once {@link AssociationListener#rejected} is told: why the request was rejected, in words beyond
     * the A-ASSOCIATE-RJ's result, source and reason (e.g. {@code "node stopping"}); {@code null} if nothing more
     * is known.
     */
    public String rejectionDetail() {
        return rejectionDetail;
    }

    public String callingAeTitle() {
        return request.callingAeTitle();
    }

    public String calledAeTitle() {
        return request.calledAeTitle();
    }

    /** The peer's AE title: the called one for a requestor, the calling one for an acceptor. */
    public String remoteAeTitle() {
        return requestor ? request.calledAeTitle() : request.callingAeTitle();
    }

    /**
     * The peer's address: the connected socket's once established, before that the address called (requestor, as
     * given, possibly unresolved) or the address the connection came from (acceptor).
     */
    public InetSocketAddress remoteAddress() {
        UpperLayer u = ul;
        if (u != null && u.socket().getRemoteSocketAddress() instanceof InetSocketAddress connected) {
            return connected;
        }
        return peerAddress;
    }

    /**
     * The TLS protocol version the association runs over (e.g. {@code TLSv1.3}), or {@code null} over plain TCP or
     * before it is established.
     */
    public String tlsProtocol() {
        return tlsProtocol;
    }

    /** True while PDUs can flow (not yet released, aborted or closed). */
    public boolean isOpen() {
        return ul != null && !ul.isClosed();
    }

    /** The largest PDU we send: the peer's announced maximum, capped by our options. */
    public int maxFragmentLength() {
        return ul.maxFragmentLength();
    }

    /** The transfer syntax of an accepted presentation context, or {@code null}. */
    public String transferSyntax(int pcid) {
        AAssociateAc ac = acceptance;
        PresentationContextResult r = ac == null ? null : ac.presentationContextResult(pcid);
        return r != null && r.isAccepted() ? r.transferSyntax() : null;
    }

    public String abstractSyntax(int pcid) {
        PresentationContext pc = request.presentationContext(pcid);
        return pc == null ? null : pc.abstractSyntax();
    }

    /** The first accepted context for {@code abstractSyntax} with {@code transferSyntax} (any if null), or -1. */
    public int presentationContextId(String abstractSyntax, String transferSyntax) {
        for (PresentationContextResult r : acceptance.presentationContextResults()) {
            if (r.isAccepted() && abstractSyntax.equals(abstractSyntax(r.id()))
                    && (transferSyntax == null || transferSyntax.equals(r.transferSyntax()))) {
                return r.id();
            }
        }
        return -1;
    }

    /** The transfer syntaxes accepted for {@code abstractSyntax}, in context order. */
    public List<String> acceptedTransferSyntaxes(String abstractSyntax) {
        List<String> out = new ArrayList<>();
        for (PresentationContextResult r : acceptance.presentationContextResults()) {
            if (r.isAccepted() && abstractSyntax.equals(abstractSyntax(r.id())) && !out.contains(r.transferSyntax())) {
                out.add(r.transferSyntax());
            }
        }
        return out;
    }

    /** Why no context for {@code abstractSyntax} was accepted (the acceptor's result), or null if one was. */
    public String rejectionReason(String abstractSyntax) {
        String why = "not proposed";
        for (PresentationContextResult r : acceptance.presentationContextResults()) {
            if (abstractSyntax.equals(abstractSyntax(r.id()))) {
                if (r.isAccepted()) {
                    return null;
                }
                why = PresentationContextResult.describe(r.result());
            }
        }
        return why;
    }

    /** The role selection the acceptor answered for {@code sopClassUid}, or {@code null} (default roles). */
    public RoleSelection negotiatedRoles(String sopClassUid) {
        return acceptance.userInformation().roleSelection(sopClassUid);
    }

    public int nextMessageId() {
        return messageIds.updateAndGet(i -> i >= 0xFFFF ? 1 : i + 1);
    }

    // ---------------------------------------------------------------- DIMSE operations (SCU)

    /**
     * Sends any request on {@code pcid}; pending responses go to {@code onPending} on whichever thread reads
     * them.
     */
    public DimseOperation invoke(int pcid, CommandSet rq, DataWriter data, Consumer<DimseResponse> onPending) {
        return channel.invoke(pcid, rq, data, onPending);
    }

    /** A request ready to go: the blocking call sends it and reads its own response, the async call hands it off. */
    private record Prepared(int pcid, CommandSet command, DataWriter data, Consumer<DimseResponse> onPending) {
    }

    private DimseOperation async(Prepared p) {
        return channel.invoke(p.pcid, p.command, p.data, p.onPending);
    }

    private DimseResponse await(Prepared p) throws IOException {
        return channel.invokeAndAwait(p.pcid, p.command, p.data, p.onPending);
    }

    private int context(String sopClassUid) throws NoPresentationContextException {
        int pcid = presentationContextId(sopClassUid, null);
        if (pcid < 0) {
            throw new NoPresentationContextException(label + ": no accepted presentation context for " + sopClassUid
                    + " (" + rejectionReason(sopClassUid) + ")");
        }
        return pcid;
    }

    private CommandSet rq(CommandField f, String sopClassUid) {
        CommandSet c = CommandSet.request(f, nextMessageId());
        c.setString(f.isNormalized() && f != CommandField.N_CREATE_RQ && f != CommandField.N_EVENT_REPORT_RQ
                ? CommandTag.RequestedSOPClassUID : CommandTag.AffectedSOPClassUID, sopClassUid);
        return c;
    }

    private Prepared echoRq() throws NoPresentationContextException {
        String sop = DicomServiceRegistry.VERIFICATION;
        return new Prepared(context(sop), rq(CommandField.C_ECHO_RQ, sop), null, null);
    }

    public DimseOperation echoAsync() throws NoPresentationContextException {
        return async(echoRq());
    }

    /** C-ECHO; returns the status (success unless the peer says otherwise). */
    public Status echo() throws IOException {
        return await(echoRq()).status();
    }

    private Prepared storeRq(StoreRequest s) throws NoPresentationContextException {
        int pcid = presentationContextId(s.sopClassUid(), s.transferSyntax());
        if (pcid < 0) {
            String why = rejectionReason(s.sopClassUid());
            throw new NoPresentationContextException(label + ": no accepted presentation context for "
                    + s.sopClassUid() + " in " + s.transferSyntax() + (why != null ? " (" + why + ")"
                            : " (accepted: " + acceptedTransferSyntaxes(s.sopClassUid()) + ")"));
        }
        CommandSet c = rq(CommandField.C_STORE_RQ, s.sopClassUid());
        c.setString(CommandTag.AffectedSOPInstanceUID, s.sopInstanceUid());
        c.setInt(CommandTag.Priority, s.priority());
        if (s.moveOriginatorAeTitle() != null) {
            c.setString(CommandTag.MoveOriginatorApplicationEntityTitle, s.moveOriginatorAeTitle());
            c.setInt(CommandTag.MoveOriginatorMessageID, s.moveOriginatorMessageId());
        }
        return new Prepared(pcid, c, s.data(), null);
    }

    public DimseOperation storeAsync(StoreRequest s) throws NoPresentationContextException {
        return async(storeRq(s));
    }

    public DimseResponse store(StoreRequest s) throws IOException {
        return await(storeRq(s));
    }

    /** A C-FIND, C-MOVE or C-GET request at medium priority. */
    private Prepared queryRetrieveRq(CommandField f, String sopClassUid, String moveDestination, DataWriter keys,
            Consumer<DimseResponse> onPending) throws NoPresentationContextException {
        CommandSet c = rq(f, sopClassUid);
        c.setInt(CommandTag.Priority, CommandTag.PRIORITY_MEDIUM);
        if (moveDestination != null) {
            c.setString(CommandTag.MoveDestination, moveDestination);
        }
        return new Prepared(context(sopClassUid), c, keys, onPending);
    }

    /** C-FIND: every match arrives as a pending response at {@code onMatch}; returns the final response. */
    public DimseOperation findAsync(String sopClassUid, DataWriter keys, Consumer<DimseResponse> onMatch)
            throws NoPresentationContextException {
        return async(queryRetrieveRq(CommandField.C_FIND_RQ, sopClassUid, null, keys, onMatch));
    }

    public DimseResponse find(String sopClassUid, DataWriter keys, Consumer<DimseResponse> onMatch) throws IOException {
        return await(queryRetrieveRq(CommandField.C_FIND_RQ, sopClassUid, null, keys, onMatch));
    }

    /** C-MOVE to {@code destination}; pending responses carry the sub-operation counts. */
    public DimseOperation moveAsync(String sopClassUid, String destination, DataWriter keys,
            Consumer<DimseResponse> onPending) throws NoPresentationContextException {
        return async(queryRetrieveRq(CommandField.C_MOVE_RQ, sopClassUid, destination, keys, onPending));
    }

    public DimseResponse move(String sopClassUid, String destination, DataWriter keys,
            Consumer<DimseResponse> onPending) throws IOException {
        return await(queryRetrieveRq(CommandField.C_MOVE_RQ, sopClassUid, destination, keys, onPending));
    }

    /** C-GET; the instances arrive as C-STORE requests handled by this association's service registry. */
    public DimseOperation getAsync(String sopClassUid, DataWriter keys, Consumer<DimseResponse> onPending)
            throws NoPresentationContextException {
        return async(queryRetrieveRq(CommandField.C_GET_RQ, sopClassUid, null, keys, onPending));
    }

    public DimseResponse get(String sopClassUid, DataWriter keys, Consumer<DimseResponse> onPending) throws IOException {
        return await(queryRetrieveRq(CommandField.C_GET_RQ, sopClassUid, null, keys, onPending));
    }

    private Prepared normalizedRq(CommandField f, String sopClassUid, String instanceUid, DataWriter data,
            Consumer<CommandSet> extra) throws NoPresentationContextException {
        if (!f.isNormalized() || !f.isRequest()) {
            throw new IllegalArgumentException(f.label() + " is not an N-* request");
        }
        CommandSet c = rq(f, sopClassUid);
        if (instanceUid != null) {
            boolean affected = f == CommandField.N_CREATE_RQ || f == CommandField.N_EVENT_REPORT_RQ;
            c.setString(affected ? CommandTag.AffectedSOPInstanceUID : CommandTag.RequestedSOPInstanceUID, instanceUid);
        }
        if (extra != null) {
            extra.accept(c);
        }
        return new Prepared(context(sopClassUid), c, data, null);
    }

    /** Builds and sends an N-* request; {@code instanceUid} may be null only for N-CREATE. */
    public DimseOperation normalizedAsync(CommandField f, String sopClassUid, String instanceUid, DataWriter data,
            Consumer<CommandSet> extra) throws NoPresentationContextException {
        return async(normalizedRq(f, sopClassUid, instanceUid, data, extra));
    }

    public DimseResponse nGet(String sopClassUid, String instanceUid, int... attributeTags) throws IOException {
        return await(normalizedRq(CommandField.N_GET_RQ, sopClassUid, instanceUid, null,
                c -> {
                    if (attributeTags.length > 0) {
                        c.setTags(CommandTag.AttributeIdentifierList, attributeTags);
                    }
                }));
    }

    public DimseResponse nSet(String sopClassUid, String instanceUid, DataWriter modifications) throws IOException {
        return await(normalizedRq(CommandField.N_SET_RQ, sopClassUid, instanceUid, modifications, null));
    }

    public DimseResponse nAction(String sopClassUid, String instanceUid, int actionTypeId, DataWriter info)
            throws IOException {
        return await(normalizedRq(CommandField.N_ACTION_RQ, sopClassUid, instanceUid, info,
                c -> c.setInt(CommandTag.ActionTypeID, actionTypeId)));
    }

    public DimseResponse nCreate(String sopClassUid, String instanceUid, DataWriter attributes) throws IOException {
        return await(normalizedRq(CommandField.N_CREATE_RQ, sopClassUid, instanceUid, attributes, null));
    }

    public DimseResponse nDelete(String sopClassUid, String instanceUid) throws IOException {
        return await(normalizedRq(CommandField.N_DELETE_RQ, sopClassUid, instanceUid, null, null));
    }

    public DimseResponse nEventReport(String sopClassUid, String instanceUid, int eventTypeId, DataWriter info)
            throws IOException {
        return await(normalizedRq(CommandField.N_EVENT_REPORT_RQ, sopClassUid, instanceUid, info,
                c -> c.setInt(CommandTag.EventTypeID, eventTypeId)));
    }

    // ---------------------------------------------------------------- ending

    /** Orderly release (A-RELEASE-RQ); returns once the association has ended. */
    public void release() throws IOException {
        channel.release();
        awaitEnd(5_000);
    }

    /** A-ABORT with service-user source; never blocks for long. */
    public void abort() {
        channel.abort("requested by the application");
    }

    /**
     * A-ABORT for {@code why}, and the transport closed within {@code closeAfterMillis} even if the peer does not
     * close it (a server shutting down does not wait the ARTIM time for a peer that stalls).
     */
    void abort(String why, int closeAfterMillis) {
        DimseChannel c = channel;
        if (c != null) {
            c.abort(why, closeAfterMillis);
        }
    }

    /** Waits until the association has ended; true if it did within {@code millis}. */
    public boolean awaitEnd(long millis) {
        try {
            end.get(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    /** Completes when the association has ended: with {@code null} after a release, else with the failure. */
    public CompletableFuture<AssociationAbortedException> ended() {
        return end;
    }

    @Override
    public String toString() {
        return label;
    }
}
