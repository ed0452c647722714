package org.lightbox.dicom.net.internal;

import org.lightbox.dicom.net.pdu.AAbort;
import org.lightbox.dicom.net.pdu.AAssociateAc;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PduFormatException;
import org.lightbox.dicom.net.pdu.PduType;
import org.lightbox.dicom.net.pdu.PresentationContext;
import org.lightbox.dicom.net.pdu.PresentationContextResult;

/** Requestor-side checks that an A-ASSOCIATE-AC answers what was proposed (PS3.8 9.3.3, 7.1.1.13). */
final class AssociationNegotiation {
    private AssociationNegotiation() {
    }

    static void checkAcceptance(AAssociateRq rq, AAssociateAc ac, String label) throws PduFormatException {
        if (!rq.applicationContext().equals(ac.applicationContext())) {
            throw new PduFormatException(label, PduType.A_ASSOCIATE_AC, 74, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                    "application context " + ac.applicationContext() + " was not proposed");
        }
        for (PresentationContextResult r : ac.presentationContextResults()) {
            PresentationContext pc = rq.presentationContext(r.id());
            if (pc == null) {
                throw new PduFormatException(label, PduType.A_ASSOCIATE_AC, 74, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        "result for presentation context " + r.id() + " that was not proposed");
            }
            if (r.isAccepted() && !pc.transferSyntaxes().contains(r.transferSyntax())) {
                throw new PduFormatException(label, PduType.A_ASSOCIATE_AC, 74, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                        "presentation context " + r.id() + " accepted with transfer syntax " + r.transferSyntax()
                                + " that was not proposed");
            }
        }
    }
}
