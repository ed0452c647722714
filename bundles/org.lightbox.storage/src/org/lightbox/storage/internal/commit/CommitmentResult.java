package org.lightbox.storage.internal.commit;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.net.dimse.Status;

/**
 * The answer to a commitment request: which instances the node holds (catalogued, with the right SOP class, and
 * their file present in this store) and which not, with the reason, as the N-EVENT-REPORT's event information
 * (PS3.4 J.3.3.1).
 */
record CommitmentResult(CommitmentRequest request, List<CommitmentRequest.Reference> committed,
        List<Failure> failed) {

    /** A reference the node cannot commit, with Failure Reason (0008,1197). */
    record Failure(CommitmentRequest.Reference reference, int reason) {
    }

    /** Event Type ID 1: all committed; 2: some failed. */
    int eventTypeId() {
        return failed.isEmpty() ? 1 : 2;
    }

    static CommitmentResult check(CommitmentRequest rq, Catalog catalog, FileStore store) throws CatalogException {
        List<String> uids = new ArrayList<>();
        for (CommitmentRequest.Reference r : rq.references()) {
            uids.add(r.sopInstanceUid());
        }
        Map<String, List<InstanceFile>> held = new HashMap<>();
        for (InstanceFile f : catalog.instances(uids)) {
            held.computeIfAbsent(f.sopInstanceUid(), k -> new ArrayList<>()).add(f);
        }
        List<CommitmentRequest.Reference> ok = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (CommitmentRequest.Reference r : rq.references()) {
            List<InstanceFile> copies = held.getOrDefault(r.sopInstanceUid(), List.of());
            if (copies.isEmpty()) {
                failed.add(new Failure(r, Status.NO_SUCH_SOP_INSTANCE));
            } else if (copies.stream().noneMatch(f -> f.sopClassUid().equals(r.sopClassUid()))) {
                failed.add(new Failure(r, Status.CLASS_INSTANCE_CONFLICT));
            } else if (copies.stream().noneMatch(f -> f.sopClassUid().equals(r.sopClassUid()) && present(store, f))) {
                failed.add(new Failure(r, Status.PROCESSING_FAILURE));
            } else {
                ok.add(r);
            }
        }
        return new CommitmentResult(rq, ok, failed);
    }

    private static boolean present(FileStore store, InstanceFile f) {
        try {
            return f.file().storeId().equals(store.storeId())
                    && Files.size(store.resolve(f.file())) == f.file().size();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The event information of the N-EVENT-REPORT. */
    Attributes eventInformation(String retrieveAeTitle) {
        Attributes a = new Attributes();
        a.setString(Tag.TransactionUID, VR.UI, request.transactionUid());
        if (retrieveAeTitle != null) {
            a.setString(Tag.RetrieveAETitle, VR.AE, retrieveAeTitle);
        }
        if (!committed.isEmpty()) {
            Sequence s = a.newSequence(Tag.ReferencedSOPSequence);
            for (CommitmentRequest.Reference r : committed) {
                Attributes item = s.addItem();
                item.setString(Tag.ReferencedSOPClassUID, VR.UI, r.sopClassUid());
                item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, r.sopInstanceUid());
            }
        }
        if (!failed.isEmpty()) {
            Sequence s = a.newSequence(Tag.FailedSOPSequence);
            for (Failure f : failed) {
                Attributes item = s.addItem();
                item.setInt(Tag.FailureReason, VR.US, f.reason());
                item.setString(Tag.ReferencedSOPClassUID, VR.UI, f.reference().sopClassUid());
                item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, f.reference().sopInstanceUid());
            }
        }
        return a;
    }
}
