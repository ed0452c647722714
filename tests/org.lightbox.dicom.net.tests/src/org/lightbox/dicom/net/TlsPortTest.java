package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.internal.TlsHandshakeException;
import org.lightbox.dicom.net.pdu.AAssociateRj;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.testing.TlsKeys;

/**
 * A server with a plain port and a DICOM TLS port ({@link DicomServer#startTls}): both serve the same services
 * under one association limit, an association knows it runs over TLS, and a failed or silent handshake is told to
 * the listeners as {@code failed} while the server goes on.
 */
@Timeout(90)
class TlsPortTest {
    static final char[] PASSWORD = TlsKeys.PASSWORD.toCharArray();

    @TempDir
    static Path keyDir;
    static TlsKeys keys;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeKeys() throws Exception {
        keys = TlsKeys.create(keyDir);
    }

    private static TlsOptions tls(String who) throws Exception {
        return TlsOptions.of(keys.keyStore(who), PASSWORD, keys.trustStore(), PASSWORD);
    }

    private static AAssociateRq echoRequest(String calling) {
        AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle(calling);
        rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, "1.2.840.10008.1.2");
        return rq;
    }

    /** What the server's listeners saw: the TLS protocol of accepted associations, and the failures. */
    static final class Seen implements AssociationListener {
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final List<IOException> failed = new CopyOnWriteArrayList<>();

        @Override
        public void accepted(Association a) {
            accepted.add(a.callingAeTitle() + " " + a.tlsProtocol());
        }

        @Override
        public void failed(Association a, IOException cause) {
            failed.add(cause);
        }

        void awaitFailures(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (failed.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
    }

    @Test
    void bothPortsServeAndTheAssociationKnowsItsTransport() throws Exception {
        Seen seen = new Seen();
        try (TestScp scp = new TestScp(tmp).start(ConnectionOptions.defaults())) {
            scp.server.addListener(seen);
            scp.server.startTls(InetAddress.getLoopbackAddress(), 0, tls("server"));
            assertNotEquals(scp.port(), scp.server.tlsPort());
            assertThrows(IllegalStateException.class,
                    () -> scp.server.startTls(InetAddress.getLoopbackAddress(), 0, tls("server")));

            Association secure = new Connector(ConnectionOptions.defaults().withTls(tls("client")))
                    .open("127.0.0.1", scp.server.tlsPort(), echoRequest("SECURE"));
            assertTrue(secure.echo().isSuccess());
            assertTrue(secure.tlsProtocol().startsWith("TLSv1."), secure.tlsProtocol());
            secure.release();
            Association plain = new Connector(ConnectionOptions.defaults()).open("127.0.0.1", scp.port(),
                    echoRequest("PLAIN"));
            assertTrue(plain.echo().isSuccess());
            assertNull(plain.tlsProtocol());
            plain.release();
            assertEquals(2, seen.accepted.size(), seen.accepted.toString());
            assertTrue(seen.accepted.get(0).matches("SECURE TLSv1\\.[23]"), seen.accepted.toString());
            assertEquals("PLAIN null", seen.accepted.get(1));
        }
    }

    @Test
    void theAssociationLimitCountsBothPorts() throws Exception {
        try (TestScp scp = new TestScp(tmp).start(ConnectionOptions.defaults())) {
            scp.server.maxAssociations(1).startTls(InetAddress.getLoopbackAddress(), 0, tls("server"));
            Association secure = new Connector(ConnectionOptions.defaults().withTls(tls("client")))
                    .open("127.0.0.1", scp.server.tlsPort(), echoRequest("SECURE"));
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                    () -> new Connector(ConnectionOptions.defaults()).open("127.0.0.1", scp.port(),
                            echoRequest("PLAIN")));
            assertEquals(AAssociateRj.REASON_LOCAL_LIMIT_EXCEEDED, e.reject().reason());
            secure.release();
        }
    }

    @Test
    void failedAndSilentHandshakesAreToldAndTheServerGoesOn() throws Exception {
        Seen seen = new Seen();
        ConnectionOptions quick = ConnectionOptions.defaults().withArtimTimeout(300);
        try (TestScp scp = new TestScp(tmp).start(quick);
                Socket silent = new Socket()) {
            scp.server.addListener(seen);
            scp.server.startTls(InetAddress.getLoopbackAddress(), 0, tls("server"));
            int tlsPort = scp.server.tlsPort();

            // plain DICOM to the TLS port
            assertThrows(IOException.class, () -> new Connector(quick).open("127.0.0.1", tlsPort,
                    echoRequest("PLAIN")));
            seen.awaitFailures(1);
            // a connection that never says a word is let go after the ARTIM timeout
            silent.connect(new InetSocketAddress("127.0.0.1", tlsPort), 5000);
            seen.awaitFailures(2);
            assertEquals(2, seen.failed.size(), seen.failed.toString());
            for (IOException f : seen.failed) {
                assertTrue(f instanceof TlsHandshakeException, f.toString());
                assertTrue(f.getMessage().startsWith("TLS handshake failed: "), f.getMessage());
            }
            assertTrue(seen.failed.get(0).getMessage().contains("plain DICOM"), seen.failed.get(0).getMessage());
            assertTrue(seen.failed.get(1).getMessage().contains("no handshake within 300 ms"),
                    seen.failed.get(1).getMessage());

            Association ok = new Connector(ConnectionOptions.defaults().withTls(tls("client")))
                    .open("127.0.0.1", tlsPort, echoRequest("SECURE"));
            assertTrue(ok.echo().isSuccess());
            ok.release();
            assertEquals(List.of("SECURE " + ok.tlsProtocol()), seen.accepted);
        }
    }
}
