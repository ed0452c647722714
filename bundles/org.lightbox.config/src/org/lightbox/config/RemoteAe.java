package org.lightbox.config;

/**
 * A remote DICOM application: where Lightbox sends, queries and retrieves, and who may call the node (PS3.15
 * Annex H calls this a remote AE with its network connection).
 *
 * @param retrieve how we retrieve from it: C-MOVE to our node (the default) or C-GET on the query association
 */
public record RemoteAe(String aeTitle, String host, int port, boolean tls, String description,
        RetrieveMethod retrieve) {

    public RemoteAe {
        aeTitle = AeTitle.check(aeTitle);
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("remote AE " + aeTitle + " needs a host name or address");
        }
        host = host.strip();
        NodeSettings.checkPort(port, "remote AE " + aeTitle);
        description = description == null ? "" : description.strip();
        retrieve = retrieve == null ? RetrieveMethod.MOVE : retrieve;
    }

    /** Retrieving by C-MOVE. */
    public RemoteAe(String aeTitle, String host, int port, boolean tls, String description) {
        this(aeTitle, host, port, tls, description, RetrieveMethod.MOVE);
    }

    public RemoteAe withRetrieve(RetrieveMethod method) {
        return new RemoteAe(aeTitle, host, port, tls, description, method);
    }

    /** {@code AET@host:port}, the form the command line accepts. */
    @Override
    public String toString() {
        return aeTitle + "@" + host + ":" + port + (tls ? " (TLS)" : "");
    }
}
