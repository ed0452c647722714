package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.AssociationEvent;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.NodeSettings;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationRejectedException;
import org.lightbox.dicom.net.DimseOperation;
import org.lightbox.dicom.net.StoreRequest;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.pdu.AAssociateRj;
import org.lightbox.testing.DcmtkTool;

/** Who may call and how many at once: unknown callers, the association limit, the seed's per-caller rule. */
@Timeout(120)
class AccessTest {

    @TempDir
    Path tmp;

    private static DeviceConfiguration with(DeviceConfiguration c, int maxAssociations, boolean acceptUnknown,
            boolean perCaller) {
        NodeSettings n = c.node();
        return c.withNode(new NodeSettings(n.aeTitle(), n.bindAddress(), n.port(), n.maxPduReceive(), maxAssociations,
                acceptUnknown, perCaller));
    }

    private int echoscu(TestNodes.Running n, String calling, String called) throws Exception {
        Path log = tmp.resolve("echoscu-" + calling + "-" + called + ".log");
        return DcmtkTool.run(List.of("echoscu", "-aet", calling, "-aec", called, "127.0.0.1",
                Integer.toString(n.port())), log, 30);
    }

    @Test
    void unknownCallersAreRejectedWhenSoConfigured() throws Exception {
        DeviceConfiguration c = with(TestNodes.config("LIGHTBOX", new RemoteAe("KNOWN", "127.0.0.1", 104, false, "")),
                10, false, true);
        try (TestNodes.Running n = TestNodes.start(c, tmp)) {
            assertEquals(0, echoscu(n, "KNOWN", "LIGHTBOX"), "a caller from the remote AE table is accepted");
            assertNotEquals(0, echoscu(n, "STRANGER", "LIGHTBOX"), "an unknown caller is rejected");
            assertNotEquals(0, echoscu(n, "KNOWN", "SOMEONE_ELSE"), "a wrong called AE title is rejected");
            NodeEvent.AssociationRejected r = n.await(NodeEvent.AssociationRejected.class,
                    e -> "STRANGER".equals(e.peer().callingAet()));
            assertTrue(r.reason().contains("calling AE title not recognized"), r.reason());
            assertTrue(n.await(NodeEvent.AssociationRejected.class, e -> "SOMEONE_ELSE".equals(e.peer().calledAet()))
                    .reason().contains("called AE title not recognized"));
            assertEquals("127.0.0.1", r.peer().remoteHost());
            List<AssociationEvent> log = n.storage.catalog().activityLog().associations(null,
                    Instant.now().plusSeconds(1), 0);
            assertTrue(log.stream().anyMatch(e -> e.outcome() == AssociationEvent.Outcome.REJECTED
                    && "STRANGER".equals(e.callingAet())), log.toString());
            assertTrue(log.stream().anyMatch(e -> e.outcome() == AssociationEvent.Outcome.RELEASED
                    && "KNOWN".equals(e.callingAet())), log.toString());
        }
        // by default anyone may call
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp.resolve("open"))) {
            assertEquals(0, echoscu(n, "STRANGER", "LIGHTBOX"));
        }
    }

    @Test
    void theAssociationLimitHolds() throws Exception {
        try (TestNodes.Running n = TestNodes.start(with(TestNodes.config("LIGHTBOX"), 2, true, false), tmp)) {
            Association a1 = StoreScpTest.open(n, "ONE");
            Association a2 = StoreScpTest.open(n, "TWO");
            // the server counts an association once its A-ASSOCIATE-AC is out: wait until it has counted both
            long deadline = System.currentTimeMillis() + 10_000;
            while (n.node.activeAssociations().size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                    () -> StoreScpTest.open(n, "THREE"));
            assertEquals(AAssociateRj.RESULT_TRANSIENT, e.reject().result());
            assertEquals(AAssociateRj.REASON_LOCAL_LIMIT_EXCEEDED, e.reject().reason());
            a1.release();
            n.awaitIdleBelow(2);
            Association a3 = StoreScpTest.open(n, "THREE");
            a3.release();
            a2.release();
        }
    }

    private static DimseOperation storeAsync(Association a, String iuid) throws Exception {
        byte[] data = StoreScpTest.encode(StoreScpTest.ct(iuid), UID.ExplicitVRLittleEndian);
        return a.storeAsync(StoreRequest.of(UID.CTImageStorage, iuid, UID.ExplicitVRLittleEndian,
                DataWriter.of(data)));
    }

    @Test
    void aSecondAssociationOfTheSameCallerWaitsForTheFirst() throws Exception {
        try (TestNodes.Running n = TestNodes.start(with(TestNodes.config("LIGHTBOX"), 10, true, true), tmp)) {
            Association first = StoreScpTest.open(n, "MODALITY");
            Association second = StoreScpTest.open(n, "MODALITY"); // accepted
            Association other = StoreScpTest.open(n, "OTHER");
            assertTrue(second.echo().isSuccess(), "verification is never held back");
            DimseOperation waiting = storeAsync(second, "1.2.5.1.20");
            assertTrue(storeAsync(other, "1.2.5.1.21").await().status().isSuccess(), "another caller goes ahead");
            assertTrue(storeAsync(first, "1.2.5.1.22").await().status().isSuccess(), "the first one goes ahead");
            assertFalse(waiting.future().isDone(), "the second association's store waits while the first is open");
            Instant beforeRelease = Instant.now();
            first.release();
            assertTrue(waiting.future().get(20, TimeUnit.SECONDS).status().isSuccess(),
                    "it goes ahead once the first has ended");
            second.release();
            other.release();
            NodeEvent.InstanceReceived late = n.await(NodeEvent.InstanceReceived.class,
                    e -> e.sopInstanceUid().equals("1.2.5.1.20"));
            assertTrue(!late.time().isBefore(beforeRelease), "stored only after the first association was released");
        }
    }

    @Test
    void withoutThePerCallerRuleBothProceed() throws Exception {
        try (TestNodes.Running n = TestNodes.start(with(TestNodes.config("LIGHTBOX"), 10, true, false), tmp)) {
            Association first = StoreScpTest.open(n, "MODALITY");
            Association second = StoreScpTest.open(n, "MODALITY");
            assertTrue(storeAsync(second, "1.2.5.1.23").future().get(20, TimeUnit.SECONDS).status().isSuccess());
            first.release();
            second.release();
        }
    }
}
