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
 */
public record NodeSettings(String aeTitle, String bindAddress, int port, int maxPduReceive, int maxAssociations,
        boolean acceptUnknownCallers, boolean serialisePerCaller) {

    public static final int MIN_PDU = 4096;
    public static final int DEFAULT_PDU = 16384;
    public static final int MAX_PDU = 4 * 1024 * 1024;

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
    }

    static void checkPort(int port, String owner) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of " + owner + " is outside 1..65535");
        }
    }

    public NodeSettings withAeTitle(String title) {
        return new NodeSettings(title, bindAddress, port, maxPduReceive, maxAssociations, acceptUnknownCallers,
                serialisePerCaller);
    }

    public NodeSettings withPort(int newPort) {
        return new NodeSettings(aeTitle, bindAddress, newPort, maxPduReceive, maxAssociations, acceptUnknownCallers,
                serialisePerCaller);
    }
}
