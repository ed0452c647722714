package org.lightbox.dicom.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.lightbox.dicom.net.pdu.AAssociate;
import org.lightbox.dicom.net.pdu.AAssociateAc;
import org.lightbox.dicom.net.pdu.AAssociateRj;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.ExtendedNegotiation;
import org.lightbox.dicom.net.pdu.PresentationContext;
import org.lightbox.dicom.net.pdu.PresentationContextResult;
import org.lightbox.dicom.net.pdu.RoleSelection;
import org.lightbox.dicom.net.pdu.UserIdentity;
import org.lightbox.dicom.net.pdu.UserIdentityResponse;

/**
 * How an acceptor answers an A-ASSOCIATE-RQ: which AE titles it answers to and accepts, the supported SOP
 * classes crossed with a transfer-syntax preference order, role selection, extended negotiation and user
 * identity. {@link #negotiate} is a pure function of the request, so it is tested without sockets.
 */
public final class AcceptorPolicy {
    /** The seed's receive preference: lossy JPEG first, then Explicit VR LE, then Implicit VR LE. */
    public static final List<String> SEED_TRANSFER_SYNTAX_ORDER = List.of(
            "1.2.840.10008.1.2.4.50", // JPEG Baseline (Process 1)
            "1.2.840.10008.1.2.4.51", // JPEG Extended (Process 2 & 4)
            "1.2.840.10008.1.2.4.70", // JPEG Lossless, first-order prediction
            "1.2.840.10008.1.2.1", // Explicit VR Little Endian
            "1.2.840.10008.1.2"); // Implicit VR Little Endian

    private final Set<String> calledAeTitles = new LinkedHashSet<>();
    private final Set<String> callingAeTitles = new LinkedHashSet<>();
    private final Set<String> sopClasses = new LinkedHashSet<>();
    private List<String> transferSyntaxOrder = SEED_TRANSFER_SYNTAX_ORDER;
    private boolean grantScpRoleToRequestor = true;
    private BiFunction<String, byte[], byte[]> extendedNegotiation = (sop, info) -> null;
    private Function<UserIdentity, UserIdentityResponse> userIdentityCheck = id -> new UserIdentityResponse(new byte[0]);
    private int maxPduReceive = ConnectionOptions.DEFAULT_MAX_PDU;

    /** The AE titles we answer to; none means any. */
    public AcceptorPolicy calledAeTitles(Collection<String> titles) {
        calledAeTitles.clear();
        calledAeTitles.addAll(titles);
        return this;
    }

    /** The callers we accept; none means any. */
    public AcceptorPolicy callingAeTitles(Collection<String> titles) {
        callingAeTitles.clear();
        callingAeTitles.addAll(titles);
        return this;
    }

    public AcceptorPolicy addSopClasses(Collection<String> uids) {
        sopClasses.addAll(uids);
        return this;
    }

    public AcceptorPolicy addSopClass(String uid) {
        sopClasses.add(uid);
        return this;
    }

    public Set<String> sopClasses() {
        return Set.copyOf(sopClasses);
    }

    /** Our transfer syntaxes, most preferred first; a proposal's own order does not matter. */
    public AcceptorPolicy transferSyntaxOrder(List<String> order) {
        this.transferSyntaxOrder = List.copyOf(order);
        return this;
    }

    public List<String> transferSyntaxOrder() {
        return transferSyntaxOrder;
    }

    /** Whether a requestor may act as SCP (e.g. the storage SCP of its own C-GET). Default yes. */
    public AcceptorPolicy grantScpRoleToRequestor(boolean grant) {
        this.grantScpRoleToRequestor = grant;
        return this;
    }

    /** Answers SOP class extended negotiation: (SOP class, requestor's bytes) -> our bytes, or null to omit. */
    public AcceptorPolicy extendedNegotiation(BiFunction<String, byte[], byte[]> answer) {
        this.extendedNegotiation = answer;
        return this;
    }

    /** Checks a user identity: returns the server response, or {@code null} to reject the association. */
    public AcceptorPolicy userIdentityCheck(Function<UserIdentity, UserIdentityResponse> check) {
        this.userIdentityCheck = check;
        return this;
    }

    /** The maximum PDU length we announce in the acceptance. */
    public AcceptorPolicy maxPduReceive(int bytes) {
        this.maxPduReceive = bytes;
        return this;
    }

    /**
     * The outcome: exactly one of acceptance and rejection is set. {@code detail} says in words why a request was
     * rejected, beyond the A-ASSOCIATE-RJ's codes (e.g. the server is stopping), for logs and event lines; it may
     * be {@code null}.
     */
    public record Decision(AAssociateAc acceptance, AAssociateRj rejection, String detail) {
        public Decision(AAssociateAc acceptance, AAssociateRj rejection) {
            this(acceptance, rejection, null);
        }

        public boolean accepted() {
            return acceptance != null;
        }
    }

    public Decision negotiate(AAssociateRq rq) {
        if (!AAssociate.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContext())) {
            return new Decision(null, AAssociateRj.applicationContextNotSupported(),
                    "proposed " + rq.applicationContext());
        }
        if (!calledAeTitles.isEmpty() && !calledAeTitles.contains(rq.calledAeTitle())) {
            return new Decision(null, AAssociateRj.calledAeNotRecognized());
        }
        if (!callingAeTitles.isEmpty() && !callingAeTitles.contains(rq.callingAeTitle())) {
            return new Decision(null, AAssociateRj.callingAeNotRecognized());
        }
        UserIdentityResponse idResponse = null;
        UserIdentity id = rq.userInformation().userIdentity();
        if (id != null) {
            idResponse = userIdentityCheck.apply(id);
            if (idResponse == null) {
                return new Decision(null, AAssociateRj.noReason(), "user identity not accepted");
            }
        }
        AAssociateAc ac = new AAssociateAc();
        ac.calledAeTitle(rq.calledAeTitle());
        ac.callingAeTitle(rq.callingAeTitle());
        ac.applicationContext(rq.applicationContext());
        ac.userInformation().maxPduLength(maxPduReceive).implementationClassUid(Implementation.CLASS_UID)
                .implementationVersionName(Implementation.VERSION_NAME);
        Set<String> acceptedClasses = new LinkedHashSet<>();
        for (PresentationContext pc : rq.presentationContexts()) {
            PresentationContextResult r = decide(pc);
            ac.addPresentationContextResult(r);
            if (r.isAccepted()) {
                acceptedClasses.add(pc.abstractSyntax());
            }
        }
        for (RoleSelection rs : rq.userInformation().roleSelections()) {
            if (acceptedClasses.contains(rs.sopClassUid())) {
                ac.userInformation().roleSelections().add(new RoleSelection(rs.sopClassUid(), rs.scuRole(),
                        rs.scpRole() && grantScpRoleToRequestor));
            }
        }
        List<ExtendedNegotiation> ext = new ArrayList<>();
        for (ExtendedNegotiation e : rq.userInformation().extendedNegotiations()) {
            if (acceptedClasses.contains(e.sopClassUid())) {
                byte[] answer = extendedNegotiation.apply(e.sopClassUid(), e.applicationInformation());
                if (answer != null) {
                    ext.add(new ExtendedNegotiation(e.sopClassUid(), answer));
                }
            }
        }
        ac.userInformation().extendedNegotiations().addAll(ext);
        if (id != null && id.positiveResponseRequested()) {
            ac.userInformation().userIdentityResponse(idResponse);
        }
        return new Decision(ac, null);
    }

    private PresentationContextResult decide(PresentationContext pc) {
        if (!sopClasses.contains(pc.abstractSyntax())) {
            return new PresentationContextResult(pc.id(), PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, null);
        }
        for (String ts : transferSyntaxOrder) {
            if (pc.transferSyntaxes().contains(ts)) {
                return new PresentationContextResult(pc.id(), PresentationContextResult.ACCEPTANCE, ts);
            }
        }
        return new PresentationContextResult(pc.id(), PresentationContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED, null);
    }
}
