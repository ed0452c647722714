package org.lightbox.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.testing.TlsKeys;

/** DICOM TLS (PS3.15 B.1) with self-signed certificates made by keytool for this test, on both ends. */
@Timeout(90)
class TlsTest {
    static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    static Path keys;
    static Path serverKeys;
    static Path clientKeys;
    static Path trust;

    static void keytool(String... args) throws IOException, InterruptedException {
        TlsKeys.keytool(args);
    }

    @BeforeAll
    static void makeKeys() throws Exception {
        serverKeys = keys.resolve("server.p12");
        clientKeys = keys.resolve("client.p12");
        trust = keys.resolve("trust.p12");
        for (String who : new String[] { "server", "client" }) {
            Path ks = keys.resolve(who + ".p12");
            keytool("-genkeypair", "-alias", who, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + who,
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(), "-storepass", "changeit");
            keytool("-exportcert", "-alias", who, "-keystore", ks.toString(), "-storepass", "changeit", "-file",
                    keys.resolve(who + ".cer").toString());
            keytool("-importcert", "-noprompt", "-alias", who, "-file", keys.resolve(who + ".cer").toString(),
                    "-storetype", "PKCS12", "-keystore", trust.toString(), "-storepass", "changeit");
        }
    }

    private static ConnectionOptions tls(Path keyStore, List<String> protocols) throws Exception {
        return ConnectionOptions.defaults()
                .withTls(TlsOptions.of(keyStore, PASSWORD, trust, PASSWORD).withProtocols(protocols));
    }

    @Test
    void aKeyStoreWithoutAPrivateKeyOrAStoreThatWillNotOpenIsRefusedNamingTheFile() {
        // the trust store holds certificates only: as the node's key store every handshake would fail later
        java.security.KeyStoreException noKey = org.junit.jupiter.api.Assertions.assertThrows(
                java.security.KeyStoreException.class, () -> TlsOptions.of(trust, PASSWORD, trust, PASSWORD));
        org.junit.jupiter.api.Assertions.assertTrue(noKey.getMessage().contains(trust + " holds no private key"),
                noKey.getMessage());
        IOException wrong = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> TlsOptions.of(serverKeys, "wrong".toCharArray(), trust, PASSWORD));
        org.junit.jupiter.api.Assertions.assertTrue(wrong.getMessage().startsWith("cannot open the key store "
                + serverKeys), wrong.getMessage());
        IOException none = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> TlsOptions.of(serverKeys, PASSWORD, trust, new char[0]));
        org.junit.jupiter.api.Assertions.assertTrue(none.getMessage().startsWith("cannot open the trust store " + trust)
                && none.getMessage().endsWith("(no password was given)"), none.getMessage());
    }

    @Test
    void echoAndStoreOverTls12And13() throws Exception {
        for (String protocol : new String[] { "TLSv1.3", "TLSv1.2" }) {
            try (TestScp scp = new TestScp(keys).start(tls(serverKeys, TlsOptions.DEFAULT_PROTOCOLS))) {
                AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("TLS");
                rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, "1.2.840.10008.1.2");
                rq.addPresentationContext(TestScp.CT, "1.2.840.10008.1.2.1");
                Association as = new Connector(tls(clientKeys, List.of(protocol))).open("127.0.0.1", scp.port(), rq);
                assertEquals(protocol, ((SSLSocket) socketOf(as)).getSession().getProtocol());
                assertTrue(as.echo().isSuccess());
                byte[] ds = { 0x10, 0, 0x10, 0, 'P', 'N', 4, 0, 'A', '^', 'B', ' ' };
                assertTrue(as.store(StoreRequest.of(TestScp.CT, "1.2.77", "1.2.840.10008.1.2.1", DataWriter.of(ds)))
                        .status().isSuccess());
                as.release();
                assertTrue(java.nio.file.Files.size(keys.resolve("1.2.77.dcm")) > 132 + ds.length);
            }
        }
    }

    private static java.net.Socket socketOf(Association as) throws Exception {
        java.lang.reflect.Field f = Association.class.getDeclaredField("ul");
        f.setAccessible(true);
        return ((org.lightbox.dicom.net.internal.UpperLayer) f.get(as)).socket();
    }

    @Test
    void plainAndUntrustedClientsFailAndTheServerKeepsServing() throws Exception {
        try (TestScp scp = new TestScp(keys).start(tls(serverKeys, TlsOptions.DEFAULT_PROTOCOLS))) {
            AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("PLAIN");
            rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, "1.2.840.10008.1.2");
            assertThrows(IOException.class, () -> new Connector(ConnectionOptions.defaults()
                    .withAssociationTimeout(5000)).open("127.0.0.1", scp.port(), rq));
            // a client whose own trust store lacks the server's certificate refuses the handshake
            Path lonely = keys.resolve("lonely.p12");
            keytool("-genkeypair", "-alias", "x", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=x",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", lonely.toString(), "-storepass", "changeit");
            ConnectionOptions untrusting = ConnectionOptions.defaults()
                    .withTls(TlsOptions.of(lonely, PASSWORD, lonely, PASSWORD));
            assertThrows(IOException.class, () -> new Connector(untrusting).open("127.0.0.1", scp.port(), rq));
            Association ok = new Connector(tls(clientKeys, TlsOptions.DEFAULT_PROTOCOLS)).open("127.0.0.1", scp.port(), rq);
            assertTrue(ok.echo().isSuccess());
            ok.release();
        }
    }
}
