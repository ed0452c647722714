package org.lightbox.config;

/**
 * A remote DICOM application: where Lightbox sends, queries and retrieves, and who may call the node (PS3.15
 * Annex H calls this a remote AE with its network connection).
 */
public record RemoteAe(String aeTitle, String host, int port, boolean tls, String description) {

    public RemoteAe {
        aeTitle = AeTitle.check(aeTitle);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("remote AE " + aeTitle + " needs a host name or address");
        }
        host = host.strip();
        NodeSettings.checkPort(port, "remote AE " + aeTitle);
        description = description == null ? "" : description.strip();
    }

    /** {@code AET@host:port}, the form the command line accepts. */
    @Override
    public String toString() {
        return aeTitle + "@" + host + ":" + port + (tls ? " (TLS)" : "");
    }
}
