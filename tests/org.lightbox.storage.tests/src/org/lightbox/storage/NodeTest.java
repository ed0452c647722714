package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.DeletionEvent;
import org.lightbox.catalog.IncomingFile;
import org.lightbox.config.AutoDeleteRules;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationRejectedException;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.dimse.CommandSet;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.pdu.AAssociateRj;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PduType;
import org.lightbox.testing.DcmtkTool;

/** The node's life: start, stop with a grace period, and auto-delete at start-up and after receptions. */
@Timeout(120)
class NodeTest {

    @TempDir
    Path tmp;

    /** About 1.3 MB: ten 256x256 16-bit images of one study. */
    private static void importStudy(NodeStorage storage, String study) throws Exception {
        for (int i = 1; i <= 10; i++) {
            Attributes ds = TestCorpus.image(UID.CTImageStorage, "D" + study, "Delete^Me", study, study + ".1",
                    study + ".1." + i, "20200101", "CT", 256, 256);
            try (IncomingFile in = storage.fileStore().create(UID.CTImageStorage, study + ".1." + i,
                    UID.ExplicitVRLittleEndian, "IMPORT")) {
                in.output().write(StoreScpTest.encode(ds, UID.ExplicitVRLittleEndian));
                in.commit();
            }
        }
    }

    private static DeviceConfiguration quota(DeviceConfiguration c, long megabytes) {
        return c.withStorage(c.storage().withAutoDelete(AutoDeleteRules.NONE.withMaxStoreMegabytes(megabytes)
                .withIntervalMinutes(60)));
    }

    @Test
    void autoDeleteRunsAtStartUpAndAfterReceptionsAndSparesProtectedStudies() throws Exception {
        DeviceConfiguration c = quota(TestNodes.config("LIGHTBOX"), 3);
        try (TestNodes.Running n = TestNodes.start(c, tmp, s -> {
            importStudy(s, "1.6.1");
            importStudy(s, "1.6.2");
            s.catalog().setProtected("1.6.1", true);
            importStudy(s, "1.6.3");
        })) {
            // 3.9 MB over a 3 MB quota: the oldest unprotected study goes at start-up
            NodeEvent.StudiesDeleted first = n.await(NodeEvent.StudiesDeleted.class, e -> true);
            assertEquals(List.of("1.6.2"), first.studyUids());
            assertTrue(first.reason().contains("quota"), first.reason());
            // a reception brings the store over the quota again: the next oldest goes, the protected one stays
            Association a = StoreScpTest.open(n, "MODALITY");
            for (int i = 1; i <= 10; i++) {
                Attributes ds = TestCorpus.image(UID.CTImageStorage, "D4", "New^Study", "1.6.4", "1.6.4.1",
                        "1.6.4.1." + i, "20240101", "CT", 256, 256);
                assertTrue(StoreScpTest.store(a, "1.6.4.1." + i, UID.ExplicitVRLittleEndian,
                        StoreScpTest.encode(ds, UID.ExplicitVRLittleEndian)).status().isSuccess());
            }
            a.release();
            NodeEvent.StudiesDeleted second = n.await(NodeEvent.StudiesDeleted.class,
                    e -> e.studyUids().contains("1.6.3"));
            assertEquals(List.of("1.6.3"), second.studyUids());
            assertTrue(n.storage.catalog().study("1.6.1").isPresent(), "protected");
            assertTrue(n.storage.catalog().study("1.6.4").isPresent(), "the newest stays");
            List<DeletionEvent> log = n.storage.catalog().activityLog().deletions(null, Instant.now().plusSeconds(1), 0);
            assertEquals(2, log.size(), log.toString());
        }
    }

    @Test
    void stopLetsRunningAssociationsFinishAndRefusesNewcomers() throws Exception {
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp)) {
            assertEquals(Node.State.RUNNING, n.node.state());
            Association a = StoreScpTest.open(n, "BUSY");
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> n.node.stop(Duration.ofSeconds(30)));
            long deadline = System.currentTimeMillis() + 10_000;
            while (n.node.state() != Node.State.STOPPING && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(Node.State.STOPPING, n.node.state());
            // a newcomer hears "try again later" (transient), not "who are you?", and the event line says why
            AssociationRejectedException late = assertThrows(AssociationRejectedException.class,
                    () -> StoreScpTest.open(n, "LATE"));
            assertEquals(AAssociateRj.temporaryCongestion(), late.reject(), late.getMessage());
            NodeEvent.AssociationRejected told = n.await(NodeEvent.AssociationRejected.class,
                    e -> "LATE".equals(e.peer().callingAet()));
            assertTrue(told.describe().contains("transient") && told.describe().contains("temporary congestion")
                    && told.describe().contains("node stopping"), told.describe());
            // and so does dcmtk
            Path log = tmp.resolve("echoscu-late.log");
            assertNotEquals(0, DcmtkTool.run(List.of("echoscu", "-aet", "LATER", "-aec", n.aet(), "127.0.0.1",
                    Integer.toString(n.port())), log, 30));
            assertTrue(DcmtkTool.log(log).contains("Rejected Transient"), DcmtkTool.log(log));
            assertTrue(StoreScpTest.store(a, "1.2.5.1.50", UID.ExplicitVRLittleEndian, StoreScpTest.encode(
                    StoreScpTest.ct("1.2.5.1.50"), UID.ExplicitVRLittleEndian)).status().isSuccess(),
                    "the running association still works");
            a.release();
            stopping.get();
            assertEquals(Node.State.STOPPED, n.node.state());
            NodeEvent.StateChanged stopped = n.await(NodeEvent.StateChanged.class,
                    e -> e.state() == Node.State.STOPPED);
            assertEquals(null, stopped.detail(), "nothing had to be aborted");
            assertEquals(1, n.storage.catalog().instances(List.of("1.2.5.1.50")).size());
            // and it starts again
            n.node.start();
            assertEquals(Node.State.RUNNING, n.node.state());
        }
    }

    @Test
    void theGracePeriodEndsInAnAbort() throws Exception {
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp)) {
            Association idle = StoreScpTest.open(n, "IDLE");
            n.node.stop(Duration.ofMillis(300));
            assertTrue(idle.awaitEnd(10_000), "aborted");
            assertTrue(n.await(NodeEvent.StateChanged.class, e -> e.state() == Node.State.STOPPED).detail()
                    .contains("1 association(s) aborted"));
        }
    }

    /**
     * A sender that stops in the middle of a data set holds its association open, but not past the grace: the node
     * aborts it when the grace ends (closing the connection unblocks the read that waits for the sender), instead of
     * waiting the ARTIM time (10 s) more for the sender to close.
     */
    @Test
    void aSenderStalledInTheMiddleOfADataSetIsAbortedWhenTheGraceEnds() throws Exception {
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp);
                RawPeer peer = new RawPeer(n.port())) {
            AAssociateRq rq = new AAssociateRq().calledAeTitle(n.aet()).callingAeTitle("STALLER");
            rq.addPresentationContext(UID.CTImageStorage, UID.ExplicitVRLittleEndian);
            peer.associate(rq);
            CommandSet store = CommandSet.request(CommandField.C_STORE_RQ, 1);
            store.setString(CommandTag.AffectedSOPClassUID, UID.CTImageStorage);
            store.setString(CommandTag.AffectedSOPInstanceUID, "1.2.5.1.77");
            store.setInt(CommandTag.Priority, 0);
            store.hasDataSet(true);
            byte[] data = StoreScpTest.encode(StoreScpTest.ct("1.2.5.1.77"), UID.ExplicitVRLittleEndian);
            peer.command(1, store).send(RawPeer.pData(1, false, false, Arrays.copyOf(data, data.length / 2)));
            n.await(NodeEvent.AssociationAccepted.class, e -> "STALLER".equals(e.peer().callingAet()));

            long start = System.nanoTime();
            n.node.stop(Duration.ofSeconds(1));
            long millis = (System.nanoTime() - start) / 1_000_000;
            // waiting for the reading thread would take the grace, then the ARTIM time or at least 5 s more
            assertTrue(millis < 4_000, "stopping took " + millis + " ms: the grace (1 s) and the abort, not the "
                    + "ARTIM time (10 s) on top");
            NodeEvent.AssociationEnded ended = n.await(NodeEvent.AssociationEnded.class,
                    e -> "STALLER".equals(e.peer().callingAet()));
            assertFalse(ended.released());
            assertTrue(ended.detail().contains("node stopping"), ended.detail());
            assertTrue(n.await(NodeEvent.StateChanged.class, e -> e.state() == Node.State.STOPPED).detail()
                    .contains("1 association(s) aborted"));
            assertEquals(PduType.A_ABORT, peer.read().type());
            assertTrue(n.storage.catalog().instances(List.of("1.2.5.1.77")).isEmpty(), "half an instance is no instance");
        }
    }

    @Test
    void aBusyPortIsReportedClearly() throws Exception {
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp)) {
            DeviceConfiguration clash = TestNodes.config("OTHER").withNode(new org.lightbox.config.NodeSettings("OTHER", "127.0.0.1",
                    n.port(), 16384, 10, true, true));
            IOException e = assertThrows(IOException.class, () -> TestNodes.start(clash, tmp.resolve("other")));
            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + n.port()), e.getMessage());
        }
    }

    @Test
    void anUnreadableTlsKeyStoreStopsTheStartAndNamesTheFile() throws Exception {
        java.nio.file.Path bogus = tmp.resolve("node.p12");
        java.nio.file.Files.writeString(bogus, "not a key store");
        DeviceConfiguration c = TestNodes.config("LIGHTBOX").withTls(new org.lightbox.config.TlsSettings(
                bogus.toString(), "secret", tmp.resolve("missing-trust.p12").toString(), "secret"));
        IOException e = assertThrows(IOException.class, () -> TestNodes.start(c, tmp.resolve("tls")));
        assertTrue(e.getMessage().contains(bogus.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("secret"), "no password in the message: " + e.getMessage());
    }
}
