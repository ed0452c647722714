package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.dicom.net.AcceptorPolicy;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.DicomServer;
import org.lightbox.dicom.net.DicomServiceRegistry;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.RoleSelection;
import org.lightbox.dicom.net.pdu.UserInformation;

/**
 * Storage Commitment Push Model with our own SCU (dcmtk has no commitment SCU): the N-EVENT-REPORT on the same
 * association while the requester keeps it open, and on a new association to the requester after it released.
 */
@Timeout(120)
class CommitmentTest {
    static final String SCU = "COMMITSCU";

    @TempDir
    Path tmp;

    /** An N-EVENT-REPORT as received: the association it came on, its event type and event information. */
    record Report(Association association, int eventType, Attributes info) {
    }

    private static DimseService receiver(BlockingQueue<Report> reports) {
        return rq -> {
            Attributes info = DicomReader.readDataset(new ByteArrayInputStream(rq.dataSet().readAllBytes()),
                    TransferSyntax.of(rq.transferSyntax()), ReadOptions.DEFAULT);
            // answer first: the test releases the association as soon as it has the report
            rq.respond(Status.SUCCESS);
            reports.add(new Report(rq.association(), rq.command().getInt(CommandTag.EventTypeID, -1), info));
        };
    }

    private static void store(TestNodes.Running n, String... iuids) throws Exception {
        Association a = StoreScpTest.open(n, "LOADER");
        for (String iuid : iuids) {
            assertTrue(StoreScpTest.store(a, iuid, UID.ExplicitVRLittleEndian,
                    StoreScpTest.encode(StoreScpTest.ct(iuid), UID.ExplicitVRLittleEndian)).status().isSuccess());
        }
        a.release();
    }

    private static DataWriter request(String tx, String[][] refs) throws Exception {
        Attributes a = new Attributes();
        a.setString(Tag.TransactionUID, VR.UI, tx);
        Sequence s = a.newSequence(Tag.ReferencedSOPSequence);
        for (String[] r : refs) {
            Attributes item = s.addItem();
            item.setString(Tag.ReferencedSOPClassUID, VR.UI, r[0]);
            item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, r[1]);
        }
        return DataWriter.of(StoreScpTest.encode(a, UID.ExplicitVRLittleEndian));
    }

    private static Map<String, Integer> outcome(Attributes info) {
        Map<String, Integer> out = new TreeMap<>();
        Sequence ok = info.getSequence(Tag.ReferencedSOPSequence);
        if (ok != null) {
            ok.forEach(i -> out.put(i.getString(Tag.ReferencedSOPInstanceUID), 0));
        }
        Sequence failed = info.getSequence(Tag.FailedSOPSequence);
        if (failed != null) {
            failed.forEach(i -> out.put(i.getString(Tag.ReferencedSOPInstanceUID), i.getInt(Tag.FailureReason, -1)));
        }
        return out;
    }

    private static AAssociateRq commitmentRq(TestNodes.Running n) {
        AAssociateRq rq = new AAssociateRq().calledAeTitle(n.aet()).callingAeTitle(SCU);
        rq.addPresentationContext(UID.StorageCommitmentPushModel, UID.ExplicitVRLittleEndian);
        return rq;
    }

    @Test
    void reportOnTheSameAssociation() throws Exception {
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp)) {
            store(n, "1.2.5.1.30", "1.2.5.1.31");
            BlockingQueue<Report> reports = new ArrayBlockingQueue<>(4);
            DicomServiceRegistry mine = new DicomServiceRegistry().register(UID.StorageCommitmentPushModel,
                    CommandField.N_EVENT_REPORT_RQ, receiver(reports));
            Association a = new Connector(ConnectionOptions.defaults()).services(mine).open("127.0.0.1", n.port(),
                    commitmentRq(n));
            DimseResponse rsp = a.nAction(UID.StorageCommitmentPushModel, UID.StorageCommitmentPushModelInstance, 1,
                    request("2.25.1001", new String[][] { { UID.CTImageStorage, "1.2.5.1.30" },
                        { UID.CTImageStorage, "1.2.5.1.31" }, { UID.CTImageStorage, "1.2.5.1.99" },
                        { UID.MRImageStorage, "1.2.5.1.31" } }));
            assertTrue(rsp.status().isSuccess(), rsp.toString());
            Report r = reports.poll(20, TimeUnit.SECONDS);
            assertNotNull(r, "an N-EVENT-REPORT arrived on the open association");
            assertEquals(a, r.association());
            assertEquals(2, r.eventType(), "some failed");
            assertEquals("2.25.1001", r.info().getString(Tag.TransactionUID));
            Sequence failed = r.info().getSequence(Tag.FailedSOPSequence);
            assertEquals(2, failed.size());
            assertEquals(Status.NO_SUCH_SOP_INSTANCE, failed.get(0).getInt(Tag.FailureReason, -1));
            assertEquals("1.2.5.1.99", failed.get(0).getString(Tag.ReferencedSOPInstanceUID));
            assertEquals(Status.CLASS_INSTANCE_CONFLICT, failed.get(1).getInt(Tag.FailureReason, -1));
            assertEquals(List.of("1.2.5.1.30", "1.2.5.1.31"), r.info().getSequence(Tag.ReferencedSOPSequence)
                    .items().stream().map(i -> i.getString(Tag.ReferencedSOPInstanceUID)).toList());
            a.release();
            NodeEvent.CommitmentReported e = n.await(NodeEvent.CommitmentReported.class, x -> true);
            assertTrue(e.sameAssociation());
            assertEquals(2, e.committed());
            assertEquals(2, e.failed());
        }
    }

    @Test
    void reportOnANewAssociationAfterTheRequesterReleased() throws Exception {
        int port = org.lightbox.testing.DcmtkTool.freePort();
        BlockingQueue<Report> reports = new ArrayBlockingQueue<>(4);
        DicomServiceRegistry registry = new DicomServiceRegistry().register(UID.StorageCommitmentPushModel,
                CommandField.N_EVENT_REPORT_RQ, receiver(reports));
        ExecutorService ex = Executors.newCachedThreadPool();
        try (DicomServer requesterScp = new DicomServer(ConnectionOptions.defaults(), new AcceptorPolicy()
                .addSopClasses(registry.sopClasses()), registry, ex);
                TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX", new RemoteAe(SCU, "127.0.0.1",
                        port, false, "commitment requester")), tmp)) {
            requesterScp.start(InetAddress.getLoopbackAddress(), port);
            store(n, "1.2.5.1.40");
            // no N-EVENT-REPORT service here: a report on this association would be refused, so it must come anew
            Association a = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", n.port(), commitmentRq(n));
            assertTrue(a.nAction(UID.StorageCommitmentPushModel, UID.StorageCommitmentPushModelInstance, 1,
                    request("2.25.1002", new String[][] { { UID.CTImageStorage, "1.2.5.1.40" } })).status()
                    .isSuccess());
            a.release();
            Report r = reports.poll(20, TimeUnit.SECONDS);
            assertNotNull(r, "an N-EVENT-REPORT arrived on a new association");
            assertEquals(1, r.eventType(), "all committed");
            assertEquals(Map.of("1.2.5.1.40", 0), outcome(r.info()));
            assertEquals("LIGHTBOX", r.association().callingAeTitle());
            assertEquals(SCU, r.association().calledAeTitle());
            UserInformation ui = r.association().request().userInformation();
            RoleSelection role = ui.roleSelection(UID.StorageCommitmentPushModel);
            assertNotNull(role, "the node proposed the SCP role of the commitment class");
            assertTrue(role.scpRole());
            NodeEvent.CommitmentReported e = n.await(NodeEvent.CommitmentReported.class, x -> true);
            assertTrue(!e.sameAssociation() && e.error() == null, e.describe());
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void malformedRequestsAreRefused() throws Exception {
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp)) {
            Association a = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", n.port(), commitmentRq(n));
            DimseResponse wrongAction = a.nAction(UID.StorageCommitmentPushModel,
                    UID.StorageCommitmentPushModelInstance, 2, request("2.25.1", new String[0][]));
            assertEquals(Status.NO_SUCH_ACTION, wrongAction.status().code());
            DimseResponse noRefs = a.nAction(UID.StorageCommitmentPushModel, UID.StorageCommitmentPushModelInstance,
                    1, request("2.25.1", new String[0][]));
            assertEquals(Status.MISSING_ATTRIBUTE, noRefs.status().code());
            DimseResponse wrongInstance = a.nAction(UID.StorageCommitmentPushModel, "1.2.3", 1,
                    request("2.25.1", new String[][] { { UID.CTImageStorage, "1.2" } }));
            assertEquals(Status.NO_SUCH_SOP_INSTANCE, wrongInstance.status().code());
            a.release();
        }
    }
}
