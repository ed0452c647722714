package org.lightbox.storage.internal.commit;

import java.util.ArrayList;
import java.util.List;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.net.DimseStatusException;
import org.lightbox.dicom.net.dimse.Status;

/**
 * A Storage Commitment Push Model request (N-ACTION type 1, PS3.4 J.3.2.1): the transaction and the instances
 * whose safekeeping is asked for.
 */
record CommitmentRequest(String transactionUid, List<Reference> references) {

    /** One referenced instance. */
    record Reference(String sopClassUid, String sopInstanceUid) {
    }

    CommitmentRequest {
        references = List.copyOf(references);
    }

    /** Reads the action information; a missing transaction or reference list is a failure status. */
    static CommitmentRequest of(Attributes info) throws DimseStatusException {
        String tx = info.getString(Tag.TransactionUID);
        if (tx == null || tx.isBlank()) {
            throw new DimseStatusException(Status.MISSING_ATTRIBUTE, "Transaction UID (0008,1195) is missing");
        }
        Sequence seq = info.getSequence(Tag.ReferencedSOPSequence);
        if (seq == null || seq.isEmpty()) {
            throw new DimseStatusException(Status.MISSING_ATTRIBUTE,
                    "Referenced SOP Sequence (0008,1199) is missing or empty");
        }
        List<Reference> refs = new ArrayList<>(seq.size());
        int i = 0;
        for (Attributes item : seq) {
            String cuid = item.getString(Tag.ReferencedSOPClassUID);
            String iuid = item.getString(Tag.ReferencedSOPInstanceUID);
            if (cuid == null || iuid == null) {
                throw new DimseStatusException(Status.MISSING_ATTRIBUTE, "item " + i
                        + " of (0008,1199) lacks the referenced SOP " + (cuid == null ? "class" : "instance") + " UID");
            }
            refs.add(new Reference(cuid, iuid));
            i++;
        }
        return new CommitmentRequest(tx, refs);
    }
}
