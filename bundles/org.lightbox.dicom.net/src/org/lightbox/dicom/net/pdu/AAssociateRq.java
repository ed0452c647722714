package org.lightbox.dicom.net.pdu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A-ASSOCIATE-RQ PDU (PS3.8 9.3.2): what the requestor proposes. */
public final class AAssociateRq extends AAssociate {
    private final List<PresentationContext> presentationContexts = new ArrayList<>();

    public List<PresentationContext> presentationContexts() {
        return Collections.unmodifiableList(presentationContexts);
    }

    public PresentationContext presentationContext(int id) {
        for (PresentationContext pc : presentationContexts) {
            if (pc.id() == id) {
                return pc;
            }
        }
        return null;
    }

    public AAssociateRq addPresentationContext(PresentationContext pc) {
        if (presentationContext(pc.id()) != null) {
            throw new IllegalArgumentException("duplicate presentation context id " + pc.id());
        }
        presentationContexts.add(pc);
        return this;
    }

    /** Adds a context with the next free odd id; returns that id. */
    public int addPresentationContext(String abstractSyntax, String... transferSyntaxes) {
        int id = 1;
        while (presentationContext(id) != null) {
            id += 2;
        }
        if (id > 255) {
            throw new IllegalStateException("no more than 128 presentation contexts can be proposed");
        }
        addPresentationContext(PresentationContext.of(id, abstractSyntax, transferSyntaxes));
        return id;
    }

    public AAssociateRq addRoleSelection(String sopClassUid, boolean scu, boolean scp) {
        userInformation().roleSelections().add(new RoleSelection(sopClassUid, scu, scp));
        return this;
    }

    @Override
    public AAssociateRq calledAeTitle(String v) {
        super.calledAeTitle(v);
        return this;
    }

    @Override
    public AAssociateRq callingAeTitle(String v) {
        super.callingAeTitle(v);
        return this;
    }

    @Override
    public String toString() {
        return "A-ASSOCIATE-RQ " + callingAeTitle() + " -> " + calledAeTitle() + ", " + presentationContexts.size()
                + " presentation contexts";
    }
}
