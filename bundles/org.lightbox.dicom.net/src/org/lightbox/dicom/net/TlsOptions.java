package org.lightbox.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * DICOM secure transport (PS3.15 B.1 / the BCP 195 profiles): TLS 1.2 or 1.3 with a key store holding our
 * certificate and a trust store holding the peers' (or their CAs'). Immutable; build one per configuration.
 */
public final class TlsOptions {
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final SSLContext context;
    private final List<String> protocols;
    private final boolean needClientAuth;

    private static final System.Logger LOG = System.getLogger(TlsOptions.class.getName());

    private TlsOptions(SSLContext context, List<String> protocols, boolean needClientAuth) {
        this.context = context;
        this.protocols = List.copyOf(protocols);
        this.needClientAuth = needClientAuth;
    }

    /**
     * Loads the stores (PKCS12 or JKS, detected by the JDK) and builds the SSL context.
     *
     * @param keyStore may be {@code null} for a client that presents no certificate
     */
    public static TlsOptions of(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword)
            throws IOException, GeneralSecurityException {
        KeyManagerFactory kmf = null;
        if (keyStore != null) {
            KeyStore ks = load(keyStore, keyStorePassword, "key store");
            requireKey(ks, keyStore);
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, keyStorePassword);
        }
        KeyStore ts = load(trustStore, trustStorePassword, "trust store");
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return new TlsOptions(ctx, DEFAULT_PROTOCOLS, true);
    }

    /**
     * A key store without a private key would let a node start and then fail every handshake ("no available
     * authentication scheme"): refused here, naming the file. A certificate out of its validity is only logged,
     * as the peers decide whether they accept it.
     */
    private static void requireKey(KeyStore ks, Path file) throws GeneralSecurityException {
        boolean key = false;
        for (String alias : java.util.Collections.list(ks.aliases())) {
            if (!ks.isKeyEntry(alias)) {
                continue;
            }
            key = true;
            if (ks.getCertificate(alias) instanceof java.security.cert.X509Certificate x) {
                try {
                    x.checkValidity();
                } catch (java.security.cert.CertificateExpiredException
                        | java.security.cert.CertificateNotYetValidException e) {
                    LOG.log(System.Logger.Level.WARNING, "the certificate \"{0}\" in {1} is valid from {2} to {3} only:"
                            + " peers will refuse it", alias, file, x.getNotBefore(), x.getNotAfter());
                }
            }
        }
        if (!key) {
            throw new java.security.KeyStoreException("the key store " + file + " holds no private key: DICOM TLS "
                    + "needs this device's key and certificate (a trust store holds only others' certificates)");
        }
    }

    private static KeyStore load(Path p, char[] password, String what) throws IOException, GeneralSecurityException {
        try {
            return load(p, password);
        } catch (IOException e) {
            throw new IOException("cannot open the " + what + " " + p + ": " + e.getMessage()
                    + (password == null || password.length == 0 ? " (no password was given)" : ""), e);
        }
    }

    private static KeyStore load(Path p, char[] password) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(p)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType().equals("pkcs12") ? "PKCS12" : KeyStore.getDefaultType());
            try {
                ks.load(in, password);
            } catch (IOException e) {
                KeyStore jks = KeyStore.getInstance("JKS");
                try (InputStream in2 = Files.newInputStream(p)) {
                    jks.load(in2, password);
                }
                return jks;
            }
            return ks;
        }
    }

    public static TlsOptions of(SSLContext context) {
        return new TlsOptions(context, DEFAULT_PROTOCOLS, true);
    }

    /** Restricts the protocol versions, e.g. {@code List.of("TLSv1.2")}. */
    public TlsOptions withProtocols(List<String> p) {
        return new TlsOptions(context, p, needClientAuth);
    }

    /** Whether an acceptor demands a client certificate (default yes, as PS3.15 expects mutual authentication). */
    public TlsOptions withClientAuth(boolean need) {
        return new TlsOptions(context, protocols, need);
    }

    public SSLContext context() {
        return context;
    }

    public List<String> protocols() {
        return protocols;
    }

    public boolean needClientAuth() {
        return needClientAuth;
    }
}
