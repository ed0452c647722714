package org.lightbox.query.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.CatalogLocation;
import org.lightbox.catalog.CommitmentRecord;
import org.lightbox.catalog.DriverConnectionSource;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.JdbcDrivers;
import org.lightbox.catalog.JobState;
import org.lightbox.catalog.StudyState;
import org.lightbox.catalog.TransferRecords.CommitmentItem;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.NodeSettings;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.StorageSettings;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.net.AcceptorPolicy;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.DicomServer;
import org.lightbox.dicom.net.DicomServiceRegistry;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.storage.Node;
import org.lightbox.storage.NodeStorage;
import org.lightbox.testing.DcmtkTool;

/**
 * Storage commitment after a send, against Lightbox's own node (its commitment SCP): the report on the request's
 * association, and reports arriving on an association the peer opens, as the node forwards them to
 * {@link TransferQueue#commitmentReportService()}.
 */
@Timeout(180)
class CommitmentTest {

    @TempDir
    Path tmp;

    /** A running node with its own embedded catalog; closed after the test. */
    private static final class RunningNode implements AutoCloseable {
        final NodeStorage storage;
        final Node node;

        RunningNode(Path dir, String aet, RemoteAe... remotes) throws Exception {
            NodeSettings n = new NodeSettings(aet, "127.0.0.1", DcmtkTool.freePort(), 16384, 10, true, true);
            DeviceConfiguration config = new DeviceConfiguration("node", n, List.of(remotes), StorageSettings.DEFAULTS);
            storage = NodeStorage.open(new DriverConnectionSource(JdbcDrivers.load(
                    CatalogLocation.DERBY_EMBEDDED_DRIVER), "jdbc:derby:" + dir.resolve("catalog").toAbsolutePath()
                            + ";create=true", new Properties()), dir.resolve("store"), config.storage());
            node = Node.create(config, storage.fileStore());
            node.start();
        }

        RemoteAe asRemote() {
            return new RemoteAe(node.configuration().node().aeTitle(), "127.0.0.1", node.port(), false, "node");
        }

        @Override
        public void close() throws Exception {
            try {
                node.stop(Duration.ofSeconds(2));
            } finally {
                storage.close();
            }
        }
    }

    @Test
    void theNodeCommitsWhatWasSentOnTheSameAssociation() throws Exception {
        try (TransferFixture fx = new TransferFixture(tmp.resolve("sender"));
                RunningNode node = new RunningNode(tmp.resolve("node"), "LBNODE")) {
            String study = "1.2.826.0.1.3680043.10.543.9.1";
            fx.study(study, 3, 16);
            fx.queue.start();
            long id = fx.queue.submit(SendRequest.ofStudies(node.asRemote(), List.of(study)).withCommit(true));
            TransferJob job = fx.queue.await(id, Duration.ofSeconds(60));
            assertEquals(JobState.COMPLETED, job.state(), job.describe());
            assertEquals(3, node.storage.catalog().instancesOfStudy(study).size(), "the node stored the study");
            List<CommitmentRecord> c = fx.queue.commitments(id);
            assertEquals(3, c.size());
            for (CommitmentRecord r : c) {
                assertEquals(CommitmentRecord.State.COMMITTED, r.state(), r.toString());
                assertEquals("LBNODE", r.remoteAet());
                assertNull(r.failureReason());
            }
            assertEquals(StudyState.COMMITTED, fx.catalog.study(study).orElseThrow().state());
        }
    }

    @Test
    void aReportOnANewAssociationIsRecordedAsWell() throws Exception {
        int reportPort = DcmtkTool.freePort();
        ExecutorService ex = Executors.newCachedThreadPool();
        try (TransferFixture fx = new TransferFixture(tmp.resolve("sender"));
                RunningNode node = new RunningNode(tmp.resolve("node"), "LBNODE",
                        new RemoteAe(TransferFixture.CALLING, "127.0.0.1", reportPort, false, "the sender"))) {
            // what the sender's node does: serve the queue's report service for N-EVENT-REPORT of commitment
            DicomServiceRegistry registry = new DicomServiceRegistry().register(UID.StorageCommitmentPushModel,
                    CommandField.N_EVENT_REPORT_RQ, fx.queue.commitmentReportService());
            AtomicInteger inbound = new AtomicInteger();
            try (DicomServer server = new DicomServer(ConnectionOptions.defaults(), new AcceptorPolicy()
                    .addSopClasses(registry.sopClasses()), registry, ex)) {
                server.addListener(new AssociationListener() {
                    @Override
                    public void accepted(Association a) {
                        inbound.incrementAndGet();
                    }
                });
                server.start(InetAddress.getLoopbackAddress(), reportPort);
                String study = "1.2.826.0.1.3680043.10.543.9.2";
                fx.study(study, 2, 16);
                // release at once after the N-ACTION: the node's report then comes on a new association
                fx.queue.close();
                fx.queue = new TransferQueue(fx.store, fx.settings().withCommitmentWait(Duration.ZERO));
                // the service object belongs to the first queue; both record into the same catalog
                fx.queue.start();
                long id = fx.queue.submit(SendRequest.ofStudies(node.asRemote(), List.of(study)).withCommit(true));
                assertEquals(JobState.COMPLETED, fx.queue.await(id, Duration.ofSeconds(60)).state());
                TransferFixture.await("the commitment report", () -> {
                    try {
                        List<CommitmentRecord> c = fx.queue.commitments(id);
                        return c.size() == 2 && c.stream().allMatch(r -> r.state() == CommitmentRecord.State.COMMITTED)
                                && fx.catalog.study(study).orElseThrow().state() == StudyState.COMMITTED;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                System.getLogger(getClass().getName()).log(System.Logger.Level.INFO, "report came on {0}",
                        inbound.get() > 0 ? "a new association" : "the request's association");
            }
        } finally {
            ex.shutdownNow();
        }
    }

    /** An N-EVENT-REPORT sent as a commitment SCP does on its own association (PS3.4 J.3.3, SCP role). */
    private static Status report(int port, String tx, List<String[]> committed, List<String[]> failed)
            throws Exception {
        AAssociateRq rq = new AAssociateRq().calledAeTitle(TransferFixture.CALLING).callingAeTitle("PEERSCP");
        rq.addPresentationContext(UID.StorageCommitmentPushModel, UID.ExplicitVRLittleEndian);
        rq.addRoleSelection(UID.StorageCommitmentPushModel, false, true);
        Association a = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", port, rq);
        try {
            Attributes info = new Attributes();
            info.setString(Tag.TransactionUID, VR.UI, tx);
            if (!committed.isEmpty()) {
                Sequence s = info.newSequence(Tag.ReferencedSOPSequence);
                for (String[] r : committed) {
                    Attributes item = s.addItem();
                    item.setString(Tag.ReferencedSOPClassUID, VR.UI, r[0]);
                    item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, r[1]);
                }
            }
            if (!failed.isEmpty()) {
                Sequence s = info.newSequence(Tag.FailedSOPSequence);
                for (String[] r : failed) {
                    Attributes item = s.addItem();
                    item.setString(Tag.ReferencedSOPClassUID, VR.UI, r[0]);
                    item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, r[1]);
                    item.setInt(Tag.FailureReason, VR.US, Status.NO_SUCH_SOP_INSTANCE);
                }
            }
            DataWriter w = (out, ts) -> {
                DicomWriter dw = new DicomWriter(out);
                dw.writeDataset(info, TransferSyntax.of(ts));
                dw.flush();
            };
            return a.nEventReport(UID.StorageCommitmentPushModel, UID.StorageCommitmentPushModelInstance,
                    failed.isEmpty() ? 1 : 2, w).status();
        } finally {
            a.release();
        }
    }

    @Test
    void reportsRecordEachInstanceAndCommitAStudyOnlyWhenAllOfItIs() throws Exception {
        int port = DcmtkTool.freePort();
        ExecutorService ex = Executors.newCachedThreadPool();
        try (TransferFixture fx = new TransferFixture(tmp)) {
            String study = "1.2.826.0.1.3680043.10.543.9.3";
            fx.study(study, 3, 8);
            List<CommitmentItem> items = new ArrayList<>();
            List<String[]> refs = new ArrayList<>();
            for (InstanceFile f : fx.catalog.instancesOfStudy(study)) {
                items.add(new CommitmentItem(study, f.sopClassUid(), f.sopInstanceUid()));
                refs.add(new String[] { f.sopClassUid(), f.sopInstanceUid() });
            }
            fx.catalog.transferRecords().commitmentRequested("2.25.71", null, "PEERSCP", items);
            DicomServiceRegistry registry = new DicomServiceRegistry().register(UID.StorageCommitmentPushModel,
                    CommandField.N_EVENT_REPORT_RQ, fx.queue.commitmentReportService());
            try (DicomServer server = new DicomServer(ConnectionOptions.defaults(), new AcceptorPolicy()
                    .addSopClasses(registry.sopClasses()), registry, ex)) {
                server.start(InetAddress.getLoopbackAddress(), port);
                assertTrue(report(port, "2.25.71", refs.subList(0, 2), refs.subList(2, 3)).isSuccess());
                List<CommitmentRecord> c = fx.catalog.transferRecords().commitments("2.25.71");
                assertEquals(List.of(CommitmentRecord.State.COMMITTED, CommitmentRecord.State.COMMITTED,
                        CommitmentRecord.State.FAILED), c.stream().map(CommitmentRecord::state).toList());
                assertEquals(Integer.valueOf(Status.NO_SUCH_SOP_INSTANCE), c.get(2).failureReason());
                assertEquals(StudyState.RECEIVED, fx.catalog.study(study).orElseThrow().state(),
                        "one instance is not committed");

                // a later transaction commits the last one: now the whole study is safe elsewhere
                fx.catalog.transferRecords().commitmentRequested("2.25.72", null, "PEERSCP", items.subList(2, 3));
                assertTrue(report(port, "2.25.72", refs.subList(2, 3), List.of()).isSuccess());
                assertEquals(StudyState.COMMITTED, fx.catalog.study(study).orElseThrow().state());

                // a report must not invent commitments for instances nobody asked about
                assertTrue(report(port, "2.25.73", List.<String[]>of(new String[] { UID.CTImageStorage, "1.2.3.4" }), List.of())
                        .isSuccess());
                assertTrue(fx.catalog.transferRecords().commitments("2.25.73").isEmpty());
            }
        } finally {
            ex.shutdownNow();
        }
    }
}
