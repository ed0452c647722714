package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.AssociationEvent;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.pdu.AAbort;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PduEncoder;
import org.lightbox.dicom.net.pdu.PduType;

/**
 * Connections that never become an association reach the node's event lines and its association log, each once,
 * with the peer's address and what went wrong: bytes that are no PDU, P-DATA first, a malformed request, a
 * connection closed before its request, an unknown protocol version.
 */
@Timeout(120)
class BrokenConnectionsTest {

    @TempDir
    Path tmp;

    /** The node's events about the connection from local port {@code port} of the peer. */
    private static List<NodeEvent> eventsOf(TestNodes.Running n, int port) {
        return n.events.stream().filter(e -> peerOf(e) != null && peerOf(e).remotePort() == port).toList();
    }

    private static NodeEvent.Peer peerOf(NodeEvent e) {
        if (e instanceof NodeEvent.AssociationEnded x) {
            return x.peer();
        }
        if (e instanceof NodeEvent.AssociationRejected x) {
            return x.peer();
        }
        if (e instanceof NodeEvent.AssociationAccepted x) {
            return x.peer();
        }
        return null;
    }

    /** Waits for the connection's one event line, an abort, and checks its address and detail. */
    private static void assertAbortedOnce(TestNodes.Running n, int port, String detail) throws Exception {
        NodeEvent.AssociationEnded e = n.await(NodeEvent.AssociationEnded.class, x -> x.peer().remotePort() == port);
        assertFalse(e.released());
        assertEquals("127.0.0.1", e.peer().remoteHost());
        assertTrue(e.detail().contains(detail), e.describe());
        Thread.sleep(100); // a second line would come now
        assertEquals(List.of(e), eventsOf(n, port));
    }

    private static void assertAbort(RawPeer.Pdu p, int reason) {
        assertEquals(PduType.A_ABORT, p.type(), PduType.name(p.type()));
        assertEquals(AAbort.SOURCE_SERVICE_PROVIDER, p.body()[2], "abort source");
        assertEquals(reason, p.body()[3], "abort reason");
    }

    private static AAssociateRq request(String calling) {
        AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle(calling);
        rq.addPresentationContext(UID.Verification, UID.ImplicitVRLittleEndian);
        rq.userInformation().maxPduLength(16384).implementationClassUid("1.2.3");
        return rq;
    }

    @Test
    void eachBrokenConnectionGivesOneEventLineWithPeerAndReason() throws Exception {
        try (TestNodes.Running n = TestNodes.start(TestNodes.config("LIGHTBOX"), tmp)) {
            try (RawPeer p = new RawPeer(n.port())) {
                p.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertAbort(p.read(), AAbort.REASON_UNRECOGNIZED_PDU);
                assertAbortedOnce(n, p.socket.getLocalPort(), "unrecognized PDU type 0x47");
            }
            try (RawPeer p = new RawPeer(n.port())) {
                p.send(RawPeer.pData(1, true, true, new byte[8]));
                assertAbort(p.read(), AAbort.REASON_UNEXPECTED_PDU);
                assertAbortedOnce(n, p.socket.getLocalPort(), "unexpected P-DATA-TF");
            }
            try (RawPeer p = new RawPeer(n.port())) {
                byte[] rq = PduEncoder.encode(request("EVEN"));
                // after the header, the fixed fields and the application context item: the context item's id
                int item = 6 + 68 + 4 + "1.2.840.10008.3.1.1.1".length();
                assertArrayEquals(new byte[] { 0x20, 1 }, new byte[] { rq[item], rq[item + 4] }, "the context item");
                rq[item + 4] = 2;
                p.send(rq);
                assertAbort(p.read(), AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
                assertAbortedOnce(n, p.socket.getLocalPort(), "even presentation context id 2");
            }
            int closedAt;
            try (RawPeer p = new RawPeer(n.port())) {
                closedAt = p.socket.getLocalPort();
            }
            assertAbortedOnce(n, closedAt, "connection closed before A-ASSOCIATE-RQ");
            int versionAt;
            try (RawPeer p = new RawPeer(n.port())) {
                versionAt = p.socket.getLocalPort();
                byte[] rq = PduEncoder.encode(request("ODDVERSION"));
                rq[6] = 0;
                rq[7] = 2; // protocol version 2: bit 0 clear
                p.send(rq);
                RawPeer.Pdu rj = p.read();
                assertEquals(PduType.A_ASSOCIATE_RJ, rj.type());
                assertArrayEquals(new byte[] { 0, 1, 2, 2 }, rj.body(), "permanent, ACSE provider, protocol version");
            }
            NodeEvent.AssociationRejected r = n.await(NodeEvent.AssociationRejected.class,
                    x -> "ODDVERSION".equals(x.peer().callingAet()));
            assertEquals(versionAt, r.peer().remotePort());
            assertTrue(r.reason().contains("protocol version not supported"), r.describe());
            Thread.sleep(100);
            assertEquals(List.of(r), eventsOf(n, versionAt));

            List<AssociationEvent> log = n.storage.catalog().activityLog().associations(null,
                    Instant.now().plusSeconds(1), 0);
            assertEquals(4, log.stream().filter(e -> e.outcome() == AssociationEvent.Outcome.FAILED
                    && "127.0.0.1".equals(e.remoteHost())).count(), log.toString());
            assertTrue(log.stream().anyMatch(e -> e.outcome() == AssociationEvent.Outcome.REJECTED
                    && "ODDVERSION".equals(e.callingAet())), log.toString());
        }
    }
}
