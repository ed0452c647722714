package org.lightbox.config;

/**
 * The key and trust stores (PKCS#12 or JKS files) this device uses for DICOM TLS (PS3.15 B.1) when it calls a
 * remote AE marked TLS (C-MOVE sub-operations, storage commitment reports, queries, retrieves and sends) and on the
 * node's TLS port ({@link NodeSettings#tlsPort()}). A password
 * left empty here is read from {@code $LIGHTBOX_KEYSTORE_PASS} or {@code $LIGHTBOX_TRUSTSTORE_PASS} when the store
 * is opened, so it need not be written into the configuration file.
 *
 * @param keyStore           our key and certificate; empty when TLS is not configured
 * @param keyStorePassword   its password, or empty for the environment's
 * @param trustStore         the certificates of the peers we trust
 * @param trustStorePassword its password, or empty for the environment's
 */
public record TlsSettings(String keyStore, String keyStorePassword, String trustStore, String trustStorePassword) {

    /** No TLS: a remote AE marked TLS is refused with a message saying so. */
    public static final TlsSettings NONE = new TlsSettings("", "", "", "");

    public TlsSettings {
        keyStore = keyStore == null ? "" : keyStore.strip();
        keyStorePassword = keyStorePassword == null ? "" : keyStorePassword;
        trustStore = trustStore == null ? "" : trustStore.strip();
        trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
        if (keyStore.isEmpty() != trustStore.isEmpty()) {
            throw new IllegalArgumentException("TLS needs both a key store and a trust store");
        }
    }

    /** True when key and trust store are named. */
    public boolean configured() {
        return !keyStore.isEmpty();
    }

    /** The key store password: the configured one, else {@code $LIGHTBOX_KEYSTORE_PASS}, else empty. */
    public char[] keyStorePassword(java.util.function.Function<String, String> environment) {
        return password(keyStorePassword, environment.apply("LIGHTBOX_KEYSTORE_PASS"));
    }

    /** The trust store password: the configured one, else {@code $LIGHTBOX_TRUSTSTORE_PASS}, else empty. */
    public char[] trustStorePassword(java.util.function.Function<String, String> environment) {
        return password(trustStorePassword, environment.apply("LIGHTBOX_TRUSTSTORE_PASS"));
    }

    private static char[] password(String configured, String fromEnvironment) {
        if (!configured.isEmpty()) {
            return configured.toCharArray();
        }
        return fromEnvironment == null ? new char[0] : fromEnvironment.toCharArray();
    }

    @Override
    public String toString() { // never the passwords
        return configured() ? "TLS key store " + keyStore + ", trust store " + trustStore : "no TLS";
    }
}
