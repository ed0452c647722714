package org.lightbox.storage.internal;

import java.io.IOException;

import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * Opens the node's own associations (C-MOVE sub-operations, commitment reports on a new association): over TLS to
 * a remote AE marked TLS, in the clear to the others.
 */
public final class OutboundConnector {
    private final Connector plain;
    private final Connector tls;

    /** @param tls the connector with the configured TLS context, or {@code null} when none is configured */
    public OutboundConnector(Connector plain, Connector tls) {
        this.plain = plain;
        this.tls = tls;
    }

    public Association open(RemoteAe remote, AAssociateRq rq) throws IOException {
        if (!remote.tls()) {
            return plain.open(remote.host(), remote.port(), rq);
        }
        if (tls == null) {
            throw new IOException(remote.aeTitle() + " is marked TLS, but no key and trust store are configured"
                    + " (<tls key-store=... trust-store=...> in config/device.xml)");
        }
        return tls.open(remote.host(), remote.port(), rq);
    }
}
