package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.net.pdu.AAssociateAc;
import org.lightbox.dicom.net.pdu.AAssociateRj;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.ExtendedNegotiation;
import org.lightbox.dicom.net.pdu.PresentationContextResult;
import org.lightbox.dicom.net.pdu.RoleSelection;
import org.lightbox.dicom.net.pdu.UserIdentity;

class AcceptorPolicyTest {
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    static final String IVLE = "1.2.840.10008.1.2";
    static final String EVLE = "1.2.840.10008.1.2.1";
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    static final String RLE = "1.2.840.10008.1.2.5";

    private static AcceptorPolicy policy() {
        return new AcceptorPolicy().addSopClasses(List.of(CT, "1.2.840.10008.1.1"));
    }

    private static AAssociateRq rq() {
        return new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("MODALITY");
    }

    @Test
    void seedPreferenceWinsOverTheRequestorsOrder() {
        AAssociateRq rq = rq();
        int a = rq.addPresentationContext(CT, IVLE, EVLE, JPEG_BASELINE);
        int b = rq.addPresentationContext(CT, IVLE, EVLE);
        int c = rq.addPresentationContext(CT, IVLE);
        AAssociateAc ac = policy().negotiate(rq).acceptance();
        assertEquals(JPEG_BASELINE, ac.presentationContextResult(a).transferSyntax());
        assertEquals(EVLE, ac.presentationContextResult(b).transferSyntax());
        assertEquals(IVLE, ac.presentationContextResult(c).transferSyntax());
    }

    @Test
    void configurableOrder() {
        AAssociateRq rq = rq();
        int a = rq.addPresentationContext(CT, JPEG_BASELINE, EVLE, IVLE);
        AAssociateAc ac = policy().transferSyntaxOrder(List.of(IVLE, EVLE)).negotiate(rq).acceptance();
        assertEquals(IVLE, ac.presentationContextResult(a).transferSyntax());
    }

    @Test
    void noCommonTransferSyntaxAndUnknownSopClass() {
        AAssociateRq rq = rq();
        int a = rq.addPresentationContext(CT, RLE);
        int b = rq.addPresentationContext(MR, EVLE);
        AAssociateAc ac = policy().negotiate(rq).acceptance();
        assertEquals(PresentationContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED, ac.presentationContextResult(a).result());
        assertEquals(PresentationContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, ac.presentationContextResult(b).result());
        assertNull(ac.presentationContextResult(a).transferSyntax());
    }

    @Test
    void roleSelectionAnsweredOnlyForAcceptedClasses() {
        AAssociateRq rq = rq();
        rq.addPresentationContext(CT, EVLE);
        rq.addPresentationContext(MR, EVLE);
        rq.addRoleSelection(CT, true, true).addRoleSelection(MR, false, true);
        AAssociateAc ac = policy().negotiate(rq).acceptance();
        assertEquals(new RoleSelection(CT, true, true), ac.userInformation().roleSelection(CT));
        assertNull(ac.userInformation().roleSelection(MR), "MR was not accepted");
        AAssociateAc denied = policy().grantScpRoleToRequestor(false).negotiate(rq).acceptance();
        assertEquals(new RoleSelection(CT, true, false), denied.userInformation().roleSelection(CT));
    }

    @Test
    void rejectionReasons() {
        AAssociateRq rq = rq();
        rq.addPresentationContext(CT, EVLE);
        assertEquals(AAssociateRj.calledAeNotRecognized(),
                policy().calledAeTitles(List.of("OTHER")).negotiate(rq).rejection());
        assertEquals(AAssociateRj.callingAeNotRecognized(),
                policy().callingAeTitles(List.of("KNOWN")).negotiate(rq).rejection());
        rq.applicationContext("1.2.3.4");
        AAssociateRj rj = policy().negotiate(rq).rejection();
        assertEquals(AAssociateRj.REASON_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED, rj.reason());
        assertTrue(rj.isPermanent());
        assertEquals(AAssociateRj.SOURCE_SERVICE_USER, rj.source());
    }

    @Test
    void extendedNegotiationAndUserIdentity() {
        AAssociateRq rq = rq();
        rq.addPresentationContext(CT, EVLE);
        rq.userInformation().extendedNegotiations().add(new ExtendedNegotiation(CT, new byte[] { 1 }));
        rq.userInformation().userIdentity(UserIdentity.username("alice", true));
        AcceptorPolicy p = policy().extendedNegotiation((sop, info) -> new byte[] { (byte) (info[0] + 1) });
        AAssociateAc ac = p.negotiate(rq).acceptance();
        assertEquals(2, ac.userInformation().extendedNegotiations().get(0).applicationInformation()[0]);
        assertNotNull(ac.userInformation().userIdentityResponse());
        AcceptorPolicy.Decision d = policy().userIdentityCheck(id -> null).negotiate(rq);
        assertFalse(d.accepted());
        assertEquals(AAssociateRj.noReason(), d.rejection());
    }

    @Test
    void acceptanceNamesOurImplementation() {
        AAssociateRq rq = rq();
        rq.addPresentationContext(CT, EVLE);
        AAssociateAc ac = policy().maxPduReceive(1 << 20).negotiate(rq).acceptance();
        assertEquals(Implementation.CLASS_UID, ac.userInformation().implementationClassUid());
        assertEquals(1 << 20, ac.userInformation().maxPduLength());
    }
}
