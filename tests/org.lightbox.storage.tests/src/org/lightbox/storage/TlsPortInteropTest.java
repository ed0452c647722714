package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.AssociationEvent;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.TlsSettings;
import org.lightbox.testing.DcmtkTool;
import org.lightbox.testing.TlsKeys;
import org.opentest4j.AssertionFailedError;

/**
 * dcmtk's echoscu and storescu call the node's DICOM TLS port (PS3.15 B.1): a caller with a certificate the node
 * trusts is served as on the plain port; an untrusted certificate, no certificate (when one is required), plain
 * DICOM and a silent connection each fail the handshake, are logged with the peer's address, and leave both ports
 * serving. Keys are made by the JDK's keytool ({@link TlsKeys}); the node uses the "server" key store.
 */
@Timeout(180)
class TlsPortInteropTest {

    @TempDir
    static Path keyDir;
    static TlsKeys keys;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeKeys() throws Exception {
        DcmtkTool.require("echoscu");
        keys = TlsKeys.create(keyDir);
        // a caller the node has never heard of: its own self-signed certificate, in no trust store
        Path stranger = keyDir.resolve("stranger.p12");
        TlsKeys.keytool("-genkeypair", "-alias", "stranger", "-keyalg", "RSA", "-keysize", "2048", "-dname",
                "CN=stranger", "-validity", "2", "-storetype", "PKCS12", "-keystore", stranger.toString(),
                "-storepass", TlsKeys.PASSWORD);
        TlsKeys.keytool("-exportcert", "-rfc", "-alias", "stranger", "-keystore", stranger.toString(), "-storepass",
                TlsKeys.PASSWORD, "-file", keyDir.resolve("stranger.crt").toString());
        TlsKeys.exportPrivateKeyPem(stranger, "stranger", keyDir.resolve("stranger.key"));
    }

    private int tlsPort;

    @BeforeEach
    void pickPort() throws IOException {
        tlsPort = DcmtkTool.freePort();
    }

    /** A node on a free plain port and {@link #tlsPort}, with the server's keys and the shared trust store. */
    private DeviceConfiguration config(boolean clientAuth) throws IOException {
        DeviceConfiguration c = TestNodes.config("LIGHTBOX");
        return c.withNode(c.node().withTls(tlsPort, clientAuth)).withTls(new TlsSettings(
                keys.keyStore("server").toString(), TlsKeys.PASSWORD, keys.trustStore().toString(),
                TlsKeys.PASSWORD));
    }

    private int echo(String name, List<String> tls, int port) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("echoscu", "-to", "10", "-ta", "10", "-aet", "ECHOSCU", "-aec",
                "LIGHTBOX"));
        cmd.addAll(tls);
        cmd.addAll(List.of("127.0.0.1", Integer.toString(port)));
        return DcmtkTool.run(cmd, tmp.resolve(name + ".log"), 60);
    }

    private String log(String name) {
        return DcmtkTool.log(tmp.resolve(name + ".log"));
    }

    /** Waits (at most 30 s) for an association log line that satisfies {@code condition}. */
    private static AssociationEvent awaitLine(TestNodes.Running n, Predicate<AssociationEvent> condition)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<AssociationEvent> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = n.storage.catalog().activityLog().associations(null, Instant.now().plusSeconds(1), 0);
            for (AssociationEvent e : lines) {
                if (condition.test(e)) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionFailedError("no such association log line within 30 s: " + lines);
    }

    private static Predicate<AssociationEvent> failedHandshake(String reason) {
        return e -> e.direction() == AssociationEvent.Direction.INBOUND
                && e.outcome() == AssociationEvent.Outcome.FAILED && "127.0.0.1".equals(e.remoteHost())
                && e.remotePort() > 0 && e.detail() != null && e.detail().startsWith("TLS handshake failed")
                && e.detail().contains(reason);
    }

    @Test
    void trustedCallersEchoAndStoreOverTlsAndThePlainPortStillServes() throws Exception {
        Path image = DcmtkTool.image(tmp.resolve("in"), "ct", "=CTImageStorage", "1.2.826.0.1.3680043.10.1457.40.1",
                64, 64, "+te");
        try (TestNodes.Running n = TestNodes.start(config(true), tmp)) {
            assertEquals(tlsPort, n.node.tlsPort());
            NodeEvent.StateChanged running = n.await(NodeEvent.StateChanged.class,
                    e -> e.state() == Node.State.RUNNING);
            assertTrue(running.detail().contains(":" + n.port()) && running.detail().contains("DICOM TLS on port "
                    + tlsPort), running.detail());

            assertEquals(0, echo("echo", keys.dcmtkOptions("client", "server"), tlsPort), log("echo"));
            List<String> store = new ArrayList<>(List.of("storescu", "-aet", "STORESCU", "-aec", "LIGHTBOX"));
            store.addAll(keys.dcmtkOptions("client", "server"));
            store.addAll(List.of("127.0.0.1", Integer.toString(tlsPort), image.toString()));
            assertEquals(0, DcmtkTool.run(store, tmp.resolve("store.log"), 60), log("store"));
            n.awaitIdle();
            assertEquals(1, n.storage.catalog().instances(List.of("1.2.826.0.1.3680043.10.1457.40.1")).size(),
                    "the instance sent over TLS is catalogued");

            AssociationEvent accepted = awaitLine(n, e -> e.outcome() == AssociationEvent.Outcome.ACCEPTED
                    && "STORESCU".equals(e.callingAet()));
            assertEquals(AssociationEvent.Direction.INBOUND, accepted.direction());
            assertTrue(accepted.detail() != null && accepted.detail().startsWith("TLSv1."), accepted.toString());

            assertEquals(0, echo("plain", List.of(), n.port()), log("plain"));
            AssociationEvent plain = awaitLine(n, e -> e.outcome() == AssociationEvent.Outcome.RELEASED
                    && e.remotePort() > 0 && e.detail() == null);
            assertEquals("ECHOSCU", plain.callingAet(), "a plain association's line has no TLS detail");
        }
    }

    @Test
    void untrustedAndMissingClientCertificatesFailTheHandshakeAndTheNodeKeepsServing() throws Exception {
        try (TestNodes.Running n = TestNodes.start(config(true), tmp)) {
            assertNotEquals(0, echo("stranger", keys.dcmtkOptions("stranger", "server"), tlsPort), log("stranger"));
            awaitLine(n, failedHandshake(""));
            assertNotEquals(0, echo("anonymous", List.of("--anonymous-tls", "--add-cert-file",
                    keyDir.resolve("server.crt").toString()), tlsPort), log("anonymous"));
            long failures = awaitFailures(n, 2);
            assertEquals(2, failures, "one FAILED line per refused handshake");
            n.await(NodeEvent.AssociationEnded.class, e -> e.detail() != null
                    && e.detail().startsWith("TLS handshake failed"));

            assertEquals(0, echo("trusted", keys.dcmtkOptions("client", "server"), tlsPort), log("trusted"));
            assertEquals(0, echo("plain", List.of(), n.port()), log("plain"));
            assertEquals(Node.State.RUNNING, n.node.state());
        }
    }

    private static long awaitFailures(TestNodes.Running n, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long found = 0;
        while (System.nanoTime() < deadline) {
            found = n.storage.catalog().activityLog().associations(null, Instant.now().plusSeconds(1), 0).stream()
                    .filter(failedHandshake("")).count();
            if (found >= count) {
                return found;
            }
            Thread.sleep(50);
        }
        return found;
    }

    @Test
    void withoutClientAuthACallerWithoutCertificateIsServed() throws Exception {
        try (TestNodes.Running n = TestNodes.start(config(false), tmp)) {
            assertEquals(0, echo("anonymous", List.of("--anonymous-tls", "--add-cert-file",
                    keyDir.resolve("server.crt").toString()), tlsPort), log("anonymous"));
            // the node's own certificate is still checked by the caller: one it does not trust fails
            assertNotEquals(0, echo("distrust", List.of("--anonymous-tls", "--add-cert-file",
                    keyDir.resolve("stranger.crt").toString()), tlsPort), log("distrust"));
        }
    }

    @Test
    void plainDicomToTheTlsPortFailsCleanlyAndBothPortsKeepServing() throws Exception {
        try (TestNodes.Running n = TestNodes.start(config(true), tmp)) {
            assertNotEquals(0, echo("plain-to-tls", List.of(), tlsPort), log("plain-to-tls"));
            AssociationEvent failed = awaitLine(n, failedHandshake("plain DICOM"));
            assertTrue(failed.callingAet() == null, "no request was read: " + failed);
            assertEquals(0, echo("plain", List.of(), n.port()), log("plain"));
            assertEquals(0, echo("tls", keys.dcmtkOptions("client", "server"), tlsPort), log("tls"));
        }
    }

    @Test
    void aSilentCallerDoesNotBlockOthersAndTimesOut() throws Exception {
        try (TestNodes.Running n = TestNodes.start(config(true), tmp);
                Socket silent = new Socket()) {
            silent.connect(new InetSocketAddress("127.0.0.1", tlsPort), 5000);
            // the handshake runs off the accepting thread: the next caller is served while this one says nothing
            assertEquals(0, echo("meanwhile", keys.dcmtkOptions("client", "server"), tlsPort), log("meanwhile"));
            awaitLine(n, failedHandshake("no handshake within"));
            silent.setSoTimeout(10_000); // a read timeout would fail the test: the node must close the connection
            try {
                while (silent.getInputStream().read() != -1) {
                    // a TLS alert may come first
                }
            } catch (java.net.SocketException reset) {
                // closed without a goodbye: closed all the same
            }
        }
    }

    @Test
    void aTlsPortWithoutStoresRefusesToStartAndSaysWhatToConfigure() throws Exception {
        DeviceConfiguration c = config(true).withTls(TlsSettings.NONE);
        IOException e = assertThrows(IOException.class, () -> TestNodes.start(c, tmp));
        assertTrue(e.getMessage().contains("TLS port " + tlsPort) && e.getMessage().contains("key-store")
                && e.getMessage().contains("trust-store"), e.getMessage());
        assertFalse(isListening(c.node().port()), "nothing is left listening");
    }

    @Test
    void aTlsPortInUseStopsTheStartAndFreesThePlainPort() throws Exception {
        DeviceConfiguration c = config(true);
        try (java.net.ServerSocket taken = new java.net.ServerSocket(tlsPort, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            IOException e = assertThrows(IOException.class, () -> TestNodes.start(c, tmp));
            assertTrue(e.getMessage().contains("cannot listen on 127.0.0.1:" + tlsPort + " (TLS)"), e.getMessage());
        }
        assertFalse(isListening(c.node().port()), "the plain port is closed again");
    }

    private static boolean isListening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
