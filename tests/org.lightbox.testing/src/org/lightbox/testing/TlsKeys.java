package org.lightbox.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keys for DICOM TLS tests, made by the JDK's keytool: a "server" and a "client" key store (PKCS#12, RSA, self-signed),
 * a trust store holding both certificates, and the certificates and unencrypted private keys as PEM files for dcmtk
 * ({@code --enable-tls <name>.key <name>.crt --add-cert-file <other>.crt}). No openssl binary is needed.
 */
public final class TlsKeys {
    public static final String PASSWORD = "changeit";

    public final Path dir;

    private TlsKeys(Path dir) {
        this.dir = dir;
    }

    /** Makes the keys in {@code dir}. */
    public static TlsKeys create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Files.createDirectories(dir);
        Path trust = dir.resolve("trust.p12");
        for (String who : new String[] { "server", "client" }) {
            Path p12 = dir.resolve(who + ".p12");
            // RSA: every ciphersuite of dcmtk's default BCP 195 profile can use it
            keytool("-genkeypair", "-alias", who, "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + who,
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(), "-storepass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", who, "-keystore", p12.toString(), "-storepass", PASSWORD,
                    "-file", dir.resolve(who + ".crt").toString());
            keytool("-importcert", "-noprompt", "-alias", who, "-file", dir.resolve(who + ".crt").toString(),
                    "-storetype", "PKCS12", "-keystore", trust.toString(), "-storepass", PASSWORD);
            exportPrivateKeyPem(p12, who, dir.resolve(who + ".key"));
        }
        return new TlsKeys(dir);
    }

    /** The PKCS#12 key store of {@code who} ("server" or "client"). */
    public Path keyStore(String who) {
        return dir.resolve(who + ".p12");
    }

    /** The trust store with both certificates. */
    public Path trustStore() {
        return dir.resolve("trust.p12");
    }

    /** dcmtk's options for a TLS end that is {@code self} and trusts {@code peer}. */
    public List<String> dcmtkOptions(String self, String peer) {
        return List.of("--enable-tls", dir.resolve(self + ".key").toString(), dir.resolve(self + ".crt").toString(),
                "--add-cert-file", dir.resolve(peer + ".crt").toString());
    }

    /** Runs the JDK's keytool; fails with its output. */
    public static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }

    /** Writes the key of {@code alias} as an unencrypted PKCS#8 PEM file, the form OpenSSL reads. */
    public static void exportPrivateKeyPem(Path p12, String alias, Path pem) throws IOException,
            GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        Key key = ks.getKey(alias, PASSWORD.toCharArray());
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n",
                StandardCharsets.US_ASCII);
    }
}
