package org.lightbox.query.internal.commit;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.TransferRecords;
import org.lightbox.catalog.TransferRecords.CommitmentItem;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.DicomServiceRegistry;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * The Storage Commitment Push Model SCU (PS3.4 J.3.2): asks a peer to commit the instances sent to it (N-ACTION,
 * Request Storage Commitment, with a new Transaction UID and the Referenced SOP Sequence) and keeps the association
 * open for a while for the N-EVENT-REPORT. A report that comes later, on an association the peer opens to the
 * node, is recorded by {@link CommitmentReports} all the same: the request is recorded before it goes out.
 */
public final class CommitmentScu {
    private static final System.Logger LOG = System.getLogger(CommitmentScu.class.getName());

    private final TransferRecords records;
    private final CommitmentReports reports;
    private final Duration wait;
    private final AssociationListener watcher;

    /** @param watcher told about every association opened for a request (the association log) */
    public CommitmentScu(TransferRecords records, CommitmentReports reports, Duration wait,
            AssociationListener watcher) {
        this.records = records;
        this.reports = reports;
        this.wait = wait;
        this.watcher = watcher;
    }

    /** What became of a request. */
    public record Outcome(String transactionUid, boolean reportReceived) {
    }

    /**
     * Requests commitment of {@code items} from {@code peer}; returns once the N-ACTION was answered and the report
     * arrived or the wait ended.
     *
     * @throws IOException when the peer cannot be reached or refuses the request (the instances are then recorded
     *                     as failed, so a retry asks again)
     */
    public Outcome request(RemoteAe peer, String callingAet, ConnectionOptions options, Long jobId,
            List<CommitmentItem> items) throws IOException, CatalogException, InterruptedException {
        String tx = newUid();
        records.commitmentRequested(tx, jobId, peer.aeTitle(), items);
        AAssociateRq rq = new AAssociateRq().calledAeTitle(peer.aeTitle()).callingAeTitle(callingAet);
        rq.addPresentationContext(UID.StorageCommitmentPushModel, UID.ExplicitVRLittleEndian,
                UID.ImplicitVRLittleEndian);
        DicomServiceRegistry mine = new DicomServiceRegistry().register(UID.StorageCommitmentPushModel,
                CommandField.N_EVENT_REPORT_RQ, reports);
        reports.expect(tx);
        Association a;
        try {
            a = new Connector(options).services(mine).addListener(watcher).open(peer.host(), peer.port(), rq);
        } catch (IOException e) {
            refused(tx, items);
            reports.await(tx, 0);
            throw e;
        }
        try {
            DimseResponse rsp;
            try {
                rsp = a.nAction(UID.StorageCommitmentPushModel, UID.StorageCommitmentPushModelInstance, 1,
                        actionInformation(tx, items));
            } catch (IOException e) {
                refused(tx, items);
                throw e;
            }
            if (!rsp.status().isSuccessOrWarning()) {
                refused(tx, items);
                String c = rsp.errorComment();
                throw new IOException(peer.aeTitle() + " refused the storage commitment request: " + rsp.status()
                        + (c == null ? "" : " (" + c + ")"));
            }
            boolean received = reports.await(tx, wait.toMillis());
            if (!received) {
                LOG.log(System.Logger.Level.INFO, "{0}: no storage commitment report for {1} within {2}; it may come "
                        + "on a new association", a.label(), tx, wait);
            }
            return new Outcome(tx, received);
        } finally {
            reports.await(tx, 0);
            if (a.isOpen()) {
                try {
                    a.release();
                } catch (IOException e) {
                    a.abort();
                }
            }
        }
    }

    /** The request did not go through: its instances are failed (a retry then asks again). */
    private void refused(String tx, List<CommitmentItem> items) throws CatalogException {
        for (CommitmentItem i : items) {
            records.commitmentResult(tx, i.sopInstanceUid(), org.lightbox.dicom.net.dimse.Status.PROCESSING_FAILURE);
        }
    }

    static DataWriter actionInformation(String tx, List<CommitmentItem> items) {
        Attributes a = new Attributes();
        a.setString(Tag.TransactionUID, VR.UI, tx);
        Sequence s = a.newSequence(Tag.ReferencedSOPSequence);
        for (CommitmentItem i : items) {
            Attributes item = s.addItem();
            item.setString(Tag.ReferencedSOPClassUID, VR.UI, i.sopClassUid());
            item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, i.sopInstanceUid());
        }
        return (out, ts) -> {
            DicomWriter w = new DicomWriter(out);
            w.writeDataset(a, TransferSyntax.of(ts));
            w.flush(); // never close: the stream is the association's
        };
    }

    /** A UID from a random UUID (PS3.5 B.2: "2.25." and the UUID as an unsigned decimal integer). */
    static String newUid() {
        UUID u = UUID.randomUUID();
        ByteBuffer b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        return "2.25." + new BigInteger(1, b.array());
    }
}
