package org.lightbox.query.internal;

import java.util.Collection;

import org.lightbox.catalog.InformationModel;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * The A-ASSOCIATE-RQs of the query/retrieve SCU. Identifiers go in Explicit or Implicit VR Little Endian (the seed
 * proposed Implicit only; Explicit first keeps VRs of private and unknown keys).
 */
public final class AssociationRequests {
    private static final String[] IDENTIFIER_SYNTAXES = { UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian };

    private AssociationRequests() {
    }

    private static AAssociateRq base(String calling, String called) {
        return new AAssociateRq().callingAeTitle(calling).calledAeTitle(called);
    }

    /** C-FIND in every model, so one association serves a whole browsing session. */
    public static AAssociateRq find(String calling, String called) {
        AAssociateRq rq = base(calling, called);
        for (InformationModel m : InformationModel.values()) {
            rq.addPresentationContext(ModelSopClasses.find(m), IDENTIFIER_SYNTAXES);
        }
        return rq;
    }

    /** C-MOVE in {@code model}. */
    public static AAssociateRq move(String calling, String called, InformationModel model) {
        AAssociateRq rq = base(calling, called);
        rq.addPresentationContext(ModelSopClasses.move(model), IDENTIFIER_SYNTAXES);
        return rq;
    }

    /** C-GET in {@code model}, with the storage contexts (SCP role) for the instances coming back. */
    public static AAssociateRq get(String calling, String called, InformationModel model,
            Collection<String> expectedSopClasses) {
        AAssociateRq rq = base(calling, called);
        rq.addPresentationContext(ModelSopClasses.get(model), IDENTIFIER_SYNTAXES);
        StorageProposal.addTo(rq, expectedSopClasses);
        return rq;
    }
}
