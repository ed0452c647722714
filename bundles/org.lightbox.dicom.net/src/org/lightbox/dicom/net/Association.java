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
import org.lightbox.dicom.net.pdu.AAbort;
import org.lightbox.dicom.net.pdu.AAssociateAc;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PresentationContext;
import org.lightbox.dicom.net.pdu.PresentationContextResult;
import org.lightbox.dicom.net.pdu.RoleSelection;

/**
 * An established DICOM association, on either side. The requestor (SCU) side offers the DIMSE operations, each
 * blocking or asynchronous ({@code ...Async} returns a {@link DimseOperation}); both sides may release or abort.
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
    private volatile String label;
    private volatile UpperLayer ul;
    private volatile DimseChannel channel;
    private volatile AAssociateRq request;
    private volatile AAssociateAc acceptance;
    private final CompletableFuture<AssociationAbortedException> end = new CompletableFuture<>();

    Association(boolean requestor, String peer, AssociationEvents events, DicomServiceRegistry registry,
            Executor executor) {
        this.requestor = requestor;
        this.events = events;
        this.registry = registry;
        this.executor = executor;
        this.label = "A" + serial + (requestor ? " to " : " from ") + peer;
    }

    /** Called once the upper layer has established the association. */
    void established(UpperLayer upper, AAssociateRq rq, AAssociateAc ac) {
        this.ul = upper;
        this.request = rq;
        this.acceptance = ac;
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
    public String label() {
        return label;
    }

    public boolean isRequestor() {
        return requestor;
    }

    public AAssociateRq request() {
        return request;
    }

    public AAssociateAc acceptance() {
        return acceptance;
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

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) ul.socket().getRemoteSocketAddress();
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

    /** Sends any request on {@code pcid}; pending responses go to {@code onPending} on the reading thread. */
    public DimseOperation invoke(int pcid, CommandSet rq, DataWriter data, Consumer<DimseResponse> onPending) {
        return channel.invoke(pcid, rq, data, onPending);
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

    public DimseOperation echoAsync() throws NoPresentationContextException {
        String sop = DicomServiceRegistry.VERIFICATION;
        return invoke(context(sop), rq(CommandField.C_ECHO_RQ, sop), null, null);
    }

    /** C-ECHO; returns the status (success unless the peer says otherwise). */
    public Status echo() throws IOException {
        return echoAsync().await().status();
    }

    public DimseOperation storeAsync(StoreRequest s) throws NoPresentationContextException {
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
        return invoke(pcid, c, s.data(), null);
    }

    public DimseResponse store(StoreRequest s) throws IOException {
        return storeAsync(s).await();
    }

    /** C-FIND: every match arrives as a pending response at {@code onMatch}; returns the final response. */
    public DimseOperation findAsync(String sopClassUid, DataWriter keys, Consumer<DimseResponse> onMatch)
            throws NoPresentationContextException {
        CommandSet c = rq(CommandField.C_FIND_RQ, sopClassUid);
        c.setInt(CommandTag.Priority, CommandTag.PRIORITY_MEDIUM);
        return invoke(context(sopClassUid), c, keys, onMatch);
    }

    public DimseResponse find(String sopClassUid, DataWriter keys, Consumer<DimseResponse> onMatch) throws IOException {
        return findAsync(sopClassUid, keys, onMatch).await();
    }

    /** C-MOVE to {@code destination}; pending responses carry the sub-operation counts. */
    public DimseOperation moveAsync(String sopClassUid, String destination, DataWriter keys,
            Consumer<DimseResponse> onPending) throws NoPresentationContextException {
        CommandSet c = rq(CommandField.C_MOVE_RQ, sopClassUid);
        c.setInt(CommandTag.Priority, CommandTag.PRIORITY_MEDIUM);
        c.setString(CommandTag.MoveDestination, destination);
        return invoke(context(sopClassUid), c, keys, onPending);
    }

    public DimseResponse move(String sopClassUid, String destination, DataWriter keys,
            Consumer<DimseResponse> onPending) throws IOException {
        return moveAsync(sopClassUid, destination, keys, onPending).await();
    }

    /** C-GET; the instances arrive as C-STORE requests handled by this association's service registry. */
    public DimseOperation getAsync(String sopClassUid, DataWriter keys, Consumer<DimseResponse> onPending)
            throws NoPresentationContextException {
        CommandSet c = rq(CommandField.C_GET_RQ, sopClassUid);
        c.setInt(CommandTag.Priority, CommandTag.PRIORITY_MEDIUM);
        return invoke(context(sopClassUid), c, keys, onPending);
    }

    public DimseResponse get(String sopClassUid, DataWriter keys, Consumer<DimseResponse> onPending) throws IOException {
        return getAsync(sopClassUid, keys, onPending).await();
    }

    /** Builds and sends an N-* request; {@code instanceUid} may be null only for N-CREATE. */
    public DimseOperation normalizedAsync(CommandField f, String sopClassUid, String instanceUid, DataWriter data,
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
        return invoke(context(sopClassUid), c, data, null);
    }

    public DimseResponse nGet(String sopClassUid, String instanceUid, int... attributeTags) throws IOException {
        return normalizedAsync(CommandField.N_GET_RQ, sopClassUid, instanceUid, null,
                c -> {
                    if (attributeTags.length > 0) {
                        c.setTags(CommandTag.AttributeIdentifierList, attributeTags);
                    }
                }).await();
    }

    public DimseResponse nSet(String sopClassUid, String instanceUid, DataWriter modifications) throws IOException {
        return normalizedAsync(CommandField.N_SET_RQ, sopClassUid, instanceUid, modifications, null).await();
    }

    public DimseResponse nAction(String sopClassUid, String instanceUid, int actionTypeId, DataWriter info)
            throws IOException {
        return normalizedAsync(CommandField.N_ACTION_RQ, sopClassUid, instanceUid, info,
                c -> c.setInt(CommandTag.ActionTypeID, actionTypeId)).await();
    }

    public DimseResponse nCreate(String sopClassUid, String instanceUid, DataWriter attributes) throws IOException {
        return normalizedAsync(CommandField.N_CREATE_RQ, sopClassUid, instanceUid, attributes, null).await();
    }

    public DimseResponse nDelete(String sopClassUid, String instanceUid) throws IOException {
        return normalizedAsync(CommandField.N_DELETE_RQ, sopClassUid, instanceUid, null, null).await();
    }

    public DimseResponse nEventReport(String sopClassUid, String instanceUid, int eventTypeId, DataWriter info)
            throws IOException {
        return normalizedAsync(CommandField.N_EVENT_REPORT_RQ, sopClassUid, instanceUid, info,
                c -> c.setInt(CommandTag.EventTypeID, eventTypeId)).await();
    }

    // ---------------------------------------------------------------- ending

    /** Orderly release (A-RELEASE-RQ); returns once the association has ended. */
    public void release() throws IOException {
        ul.release();
        awaitEnd(5_000);
    }

    /** A-ABORT with service-user source; never blocks for long. */
    public void abort() {
        ul.abort(AAbort.byUser(), "requested by the application");
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
