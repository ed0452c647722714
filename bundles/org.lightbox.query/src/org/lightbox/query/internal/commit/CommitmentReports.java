package org.lightbox.query.internal.commit;

import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.CommitmentRecord;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.StudyState;
import org.lightbox.catalog.TransferRecords;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.io.DicomFormatException;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.dicom.net.DimseRequest;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.dicom.net.DimseStatusException;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.Status;

/**
 * Receives Storage Commitment results (N-EVENT-REPORT, PS3.4 J.3.3): on the association of the request or on one
 * the peer opens later to the node. Records the outcome per instance, marks a study COMMITTED once every instance
 * it holds is committed somewhere, and wakes a sender waiting for the report.
 */
public final class CommitmentReports implements DimseService {
    private static final System.Logger LOG = System.getLogger(CommitmentReports.class.getName());

    private final Catalog catalog;
    private final TransferRecords records;
    private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();

    public CommitmentReports(Catalog catalog) {
        this.catalog = catalog;
        this.records = catalog.transferRecords();
    }

    @Override
    public void onRequest(DimseRequest rq) throws Exception {
        String instance = rq.command().getString(CommandTag.AffectedSOPInstanceUID);
        if (instance != null && !UID.StorageCommitmentPushModelInstance.equals(instance)) {
            throw new DimseStatusException(Status.NO_SUCH_SOP_INSTANCE, "SOP instance " + instance
                    + " is not the well-known " + UID.StorageCommitmentPushModelInstance);
        }
        int type = rq.command().getInt(CommandTag.EventTypeID, -1);
        if (type != 1 && type != 2) {
            throw new DimseStatusException(Status.NO_SUCH_EVENT_TYPE, "event type " + type
                    + " is neither 1 (all committed) nor 2 (failures exist)");
        }
        Attributes info = read(rq);
        String tx = info.getString(Tag.TransactionUID);
        if (tx == null || tx.isBlank()) {
            throw new DimseStatusException(Status.MISSING_ATTRIBUTE, "Transaction UID (0008,1195) is missing");
        }
        int known = record(tx, info);
        if (known == 0) {
            LOG.log(System.Logger.Level.WARNING, "{0}: storage commitment report for unknown transaction {1}",
                    rq.association().label(), tx);
        }
        rq.respond(Status.SUCCESS);
        CountDownLatch l = waiting.get(tx);
        if (l != null) {
            l.countDown();
        }
    }

    private static Attributes read(DimseRequest rq) throws Exception {
        InputStream in = rq.dataSet();
        if (in == null) {
            throw new DimseStatusException(Status.MISSING_ATTRIBUTE, "the report has no event information");
        }
        try {
            return DicomReader.readDataset(in, TransferSyntax.of(rq.transferSyntax()),
                    ReadOptions.DEFAULT.withBulkDataByReference(false));
        } catch (DicomFormatException e) {
            throw new DimseStatusException(Status.CANNOT_UNDERSTAND, "malformed event information: " + e.getMessage());
        }
    }

    /** Records a report's outcome; returns how many of its references the transaction had asked for. */
    int record(String tx, Attributes info) throws CatalogException {
        int known = 0;
        Sequence ok = info.getSequence(Tag.ReferencedSOPSequence);
        if (ok != null) {
            for (Attributes item : ok) {
                String iuid = item.getString(Tag.ReferencedSOPInstanceUID);
                if (iuid != null && records.commitmentResult(tx, iuid, null)) {
                    known++;
                }
            }
        }
        Sequence failed = info.getSequence(Tag.FailedSOPSequence);
        if (failed != null) {
            for (Attributes item : failed) {
                String iuid = item.getString(Tag.ReferencedSOPInstanceUID);
                int reason = item.getInt(Tag.FailureReason, Status.PROCESSING_FAILURE);
                if (iuid != null && records.commitmentResult(tx, iuid, reason)) {
                    known++;
                }
            }
        }
        Set<String> studies = new LinkedHashSet<>();
        for (CommitmentRecord r : records.commitments(tx)) {
            if (r.studyUid() != null) {
                studies.add(r.studyUid());
            }
        }
        for (String study : studies) {
            markIfCommitted(study);
        }
        return known;
    }

    /** A study is COMMITTED once every instance the catalog holds of it was committed by some peer. */
    private void markIfCommitted(String studyUid) throws CatalogException {
        Set<String> committed = records.committedInstances(studyUid);
        for (InstanceFile f : catalog.instancesOfStudy(studyUid)) {
            if (!committed.contains(f.sopInstanceUid())) {
                return;
            }
        }
        catalog.setState(studyUid, StudyState.COMMITTED);
    }

    /** Registers interest in a transaction's report before the request goes out. */
    void expect(String tx) {
        waiting.put(tx, new CountDownLatch(1));
    }

    /** Waits for the expected report; true when it arrived in time. */
    boolean await(String tx, long millis) throws InterruptedException {
        CountDownLatch l = waiting.get(tx);
        try {
            return l != null && l.await(millis, TimeUnit.MILLISECONDS);
        } finally {
            waiting.remove(tx);
        }
    }
}
