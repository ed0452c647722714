package org.lightbox.config;

/**
 * How the local node presents itself and whom it lets in.
 *
 * @param aeTitle the node's AE title (the seed's default was {@code TIMS}; ours is {@code LIGHTBOX})
 * @param bindAddress the local address to listen on; {@code 0.0.0.0} for every interface
 * @param port the listening port; 104 is the registered DICOM port but needs root, so the default is 11112
 * @param maxPduReceive the largest P-DATA PDU we accept, 16 KB (the seed's) up to 4 MB
 * @param maxAssociations simultaneous incoming associations (the seed allowed 1 by default)
 * @param acceptUnknownCallers whether callers missing from the remote AE table are accepted
 * @param serialisePerCaller the seed's rule: a second association from the same calling AE is accepted, but its
 *        transfers wait until the first one ends
 * @param tlsPort a second port that accepts DICOM TLS (PS3.15 B.1; 2762 is registered for it) with the device's
 *        key and trust stores, serving exactly what the plain port serves; 0 for none
 * @param tlsClientAuth whether TLS callers must present a certificate the trust store trusts (the profile
 *        authenticates both ends, so by default they must)
 */
public record NodeSettings(String aeTitle, String bindAddress, int port, int maxPduReceive, int maxAssociations,
        boolean acceptUnknownCallers, boolean serialisePerCaller, int tlsPort, boolean tlsClientAuth) {

    public static final int MIN_PDU = 4096;
    public static final int DEFAULT_PDU = 16384;
    public static final int MAX_PDU = 4 * 1024 * 1024;

    /** The registered port of DICOM TLS (PS3.15 B.1), a suggestion only: the TLS port is off unless configured. */
    public static final int REGISTERED_TLS_PORT = 2762;

    public static final NodeSettings DEFAULTS = new NodeSettings("LIGHTBOX", "0.0.0.0", 11112, DEFAULT_PDU, 10, true,
            true);

    public NodeSettings {
        aeTitle = AeTitle.check(aeTitle);
        bindAddress = bindAddress == null || bindAddress.isBlank() ? "0.0.0.0" : bindAddress.strip();
        checkPort(port, "the node");
        if (maxPduReceive < MIN_PDU || maxPduReceive > MAX_PDU) {
            throw new IllegalArgumentException("maximum PDU length " + maxPduReceive + " is outside " + MIN_PDU
                    + ".." + MAX_PDU);
        }
        if (maxAssociations < 1) {
            throw new IllegalArgumentException("maximum associations must be at least 1, not " + maxAssociations);
        }
        if (tlsPort != 0) {
            if (tlsPort < 1 || tlsPort > 65535) {
                throw new IllegalArgumentException("TLS port " + tlsPort
                        + " of the node is outside 1..65535 (0 turns the TLS port off)");
            }
            if (tlsPort == port) {
                throw new IllegalArgumentException("TLS port " + tlsPort + " is the node's plain DICOM port too; "
                        + "choose another one (" + REGISTERED_TLS_PORT + " is registered for DICOM TLS)");
            }
        }
    }

    /** Without a TLS port. */
    public NodeSettings(String aeTitle, String bindAddress, int port, int maxPduReceive, int maxAssociations,
            boolean acceptUnknownCallers, boolean serialisePerCaller) {
        this(aeTitle, bindAddress, port, maxPduReceive, maxAssociations, acceptUnknownCallers, serialisePerCaller, 0,
                true);
    }

    /** True when the node also listens for DICOM TLS. */
    public boolean tlsEnabled() {
        return tlsPort != 0;
    }

    static void checkPort(int port, String owner) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of " + owner + " is outside 1..65535");
        }
    }

    public NodeSettings withAeTitle(String title) {
        return new NodeSettings(title, bindAddress, port, maxPduReceive, maxAssociations, acceptUnknownCallers,
                serialisePerCaller, tlsPort, tlsClientAuth);
    }

    public NodeSettings withPort(int newPort) {
        return new NodeSettings(aeTitle, bindAddress, newPort, maxPduReceive, maxAssociations, acceptUnknownCallers,
                serialisePerCaller, tlsPort, tlsClientAuth);
    }

    /**
     * With a DICOM TLS port ({@code 0} for none) and whether its callers must present a trusted certificate.
     */
    public NodeSettings withTls(int newTlsPort, boolean clientAuth) {
        return new NodeSettings(aeTitle, bindAddress, port, maxPduReceive, maxAssociations, acceptUnknownCallers,
                serialisePerCaller, newTlsPort, clientAuth);
    }
}
