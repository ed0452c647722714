package org.lightbox.dicom.net.pdu;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A-ASSOCIATE-AC PDU (PS3.8 9.3.3): the acceptor's answers. */
public final class AAssociateAc extends AAssociate {
    private final List<PresentationContextResult> results = new ArrayList<>();

    public List<PresentationContextResult> presentationContextResults() {
        return Collections.unmodifiableList(results);
    }

    public PresentationContextResult presentationContextResult(int id) {
        for (PresentationContextResult r : results) {
            if (r.id() == id) {
                return r;
            }
        }
        return null;
    }

    public AAssociateAc addPresentationContextResult(PresentationContextResult r) {
        if (presentationContextResult(r.id()) != null) {
            throw new IllegalArgumentException("duplicate presentation context id " + r.id());
        }
        results.add(r);
        return this;
    }

    @Override
    public String toString() {
        long accepted = results.stream().filter(PresentationContextResult::isAccepted).count();
        return "A-ASSOCIATE-AC " + calledAeTitle() + " -> " + callingAeTitle() + ", " + accepted + "/" + results.size()
                + " presentation contexts accepted";
    }
}
