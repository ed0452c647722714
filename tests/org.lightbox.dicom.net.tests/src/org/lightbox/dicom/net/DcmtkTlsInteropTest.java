package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.testing.DcmtkTool;
import org.lightbox.testing.TlsKeys;

/**
 * DICOM TLS against dcmtk built with OpenSSL ({@code --enable-tls}): our SCU to a TLS storescp, and dcmtk's echoscu
 * and storescu to our TLS SCP, each side authenticating the other. Keys and self-signed certificates are made by
 * the JDK's keytool; the PEM files dcmtk reads are exported from the key stores in Java, so the test needs no
 * openssl binary.
 */
@Timeout(120)
class DcmtkTlsInteropTest {
    static final char[] PASSWORD = "changeit".toCharArray();
    static final String EVLE = "1.2.840.10008.1.2.1";
    static final String IVLE = "1.2.840.10008.1.2";

    @TempDir
    static Path keys;
    /** Our side's key stores, and one trust store holding both certificates. */
    static Path serverP12;
    static Path clientP12;
    static Path trust;

    @TempDir
    Path tmp;

    @BeforeAll
    static void makeKeys() throws Exception {
        TlsKeys k = TlsKeys.create(keys);
        trust = k.trustStore();
        serverP12 = k.keyStore("server");
        clientP12 = k.keyStore("client");
    }

    static ConnectionOptions tls(Path keyStore, List<String> protocols) throws Exception {
        return ConnectionOptions.defaults()
                .withTls(TlsOptions.of(keyStore, PASSWORD, trust, PASSWORD).withProtocols(protocols));
    }

    /** dcmtk's TLS options: our key and certificate, the peer's certificate as the one to trust. */
    static List<String> dcmtkTls(String self, String peer) {
        return List.of("--enable-tls", keys.resolve(self + ".key").toString(), keys.resolve(self + ".crt").toString(),
                "--add-cert-file", keys.resolve(peer + ".crt").toString());
    }

    static List<String> cmd(List<String> head, List<String> tls, String... tail) {
        List<String> c = new java.util.ArrayList<>(head);
        c.addAll(tls);
        c.addAll(List.of(tail));
        return c;
    }

    @Test
    void ourScuToTlsStorescp() throws Exception {
        Path image = DcmtkTool.image(tmp.resolve("in"), "a", "=CTImageStorage", "1.2.826.0.1.3680043.10.1457.12.1", 128,
                128, "+te");
        Path out = Files.createDirectories(tmp.resolve("out"));
        int port = DcmtkTool.freePort();
        // the start-up probe is a plain TCP connect: storescp drops it after a failed handshake and keeps listening
        Process scp = DcmtkTool.startServer(cmd(List.of("storescp", "-aet", "STORESCP", "-od", out.toString()),
                dcmtkTls("server", "client"), String.valueOf(port)), port, tmp.resolve("scp.log"));
        try {
            for (String protocol : new String[] { "TLSv1.2", "TLSv1.3" }) {
                AAssociateRq rq = new AAssociateRq().calledAeTitle("STORESCP").callingAeTitle("LIGHTBOX");
                rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, IVLE);
                rq.addPresentationContext(TestScp.CT, EVLE);
                Association as = new Connector(tls(clientP12, List.of(protocol))).open("127.0.0.1", port, rq);
                assertTrue(as.echo().isSuccess(), protocol);
                assertTrue(as.store(StoreRequest.ofFile(image)).status().isSuccess(), protocol);
                as.release();
            }
            try (Stream<Path> files = Files.list(out)) {
                Path received = files.findFirst().orElseThrow(
                        () -> new AssertionError("storescp wrote nothing: " + DcmtkTool.log(tmp.resolve("scp.log"))));
                assertArrayEquals(DcmtkInteropTest.dataSet(image), DcmtkInteropTest.dataSet(received));
            }
            // a client whose certificate storescp does not know is refused in the handshake
            Path stranger = keys.resolve("stranger.p12");
            TlsTest.keytool("-genkeypair", "-alias", "x", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=x",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", stranger.toString(), "-storepass", "changeit");
            AAssociateRq rq = new AAssociateRq().calledAeTitle("STORESCP").callingAeTitle("STRANGER");
            rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, IVLE);
            ConnectionOptions strangerTls = ConnectionOptions.defaults().withAssociationTimeout(10_000)
                    .withTls(TlsOptions.of(stranger, PASSWORD, trust, PASSWORD));
            assertThrows(IOException.class, () -> new Connector(strangerTls).open("127.0.0.1", port, rq).echo());
            assertTrue(scp.isAlive(), "storescp keeps serving: " + DcmtkTool.log(tmp.resolve("scp.log")));
        } finally {
            DcmtkTool.stop(scp);
        }
    }

    @Test
    void echoscuAndStorescuToOurTlsScp() throws Exception {
        Path image = DcmtkTool.image(tmp.resolve("in"), "b", "=CTImageStorage", "1.2.826.0.1.3680043.10.1457.12.2", 128,
                128, "+te");
        Path out = Files.createDirectories(tmp.resolve("out"));
        try (TestScp scp = new TestScp(out).start(tls(serverP12, TlsOptions.DEFAULT_PROTOCOLS))) {
            String port = String.valueOf(scp.port());
            Path log = tmp.resolve("echo.log");
            assertEquals(0, DcmtkTool.run(cmd(List.of("echoscu", "-aec", "LIGHTBOX"), dcmtkTls("client", "server"),
                    "127.0.0.1", port), log, 60), DcmtkTool.log(log));
            log = tmp.resolve("store.log");
            assertEquals(0, DcmtkTool.run(cmd(List.of("storescu", "-aec", "LIGHTBOX"), dcmtkTls("client", "server"),
                    "127.0.0.1", port, image.toString()), log, 60), DcmtkTool.log(log));
            assertArrayEquals(DcmtkInteropTest.dataSet(image),
                    DcmtkInteropTest.dataSet(out.resolve("1.2.826.0.1.3680043.10.1457.12.2.dcm")));
            // plain TCP to the TLS port fails, and the server keeps serving TLS associations
            log = tmp.resolve("plain.log");
            assertNotEquals(0, DcmtkTool.run(List.of("echoscu", "-to", "5", "-ta", "5", "127.0.0.1", port), log, 60),
                    DcmtkTool.log(log));
            log = tmp.resolve("again.log");
            assertEquals(0, DcmtkTool.run(cmd(List.of("echoscu", "-aec", "LIGHTBOX"), dcmtkTls("client", "server"),
                    "127.0.0.1", port), log, 60), DcmtkTool.log(log));
            FakePeerTest.waitFor(() -> scp.server.openConnections() == 0);
            assertEquals(0, scp.server.openConnections(), "no connection left open");
        }
    }
}
