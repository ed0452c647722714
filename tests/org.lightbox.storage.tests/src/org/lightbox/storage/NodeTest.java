package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
            assertThrows(AssociationRejectedException.class, () -> StoreScpTest.open(n, "LATE"));
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
