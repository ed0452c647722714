package org.lightbox.query.ui.internal.remote;

import java.io.IOException;

import org.lightbox.config.RemoteAe;
import org.lightbox.config.TlsSettings;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.TlsOptions;
import org.lightbox.dicom.net.DicomServiceRegistry;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.storage.NodeTls;

/**
 * The Remote screen's "Test" link: C-ECHO to the picked remote AE on an association of its own, bounded by connect
 * and association timeouts. Blocking: run it in a job. Returns one line for the status bar.
 */
public final class RemoteEcho {
    private static final String IMPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int ASSOCIATION_TIMEOUT_MILLIS = 10_000;

    private RemoteEcho() {
    }

    /** @param tls the configuration's key and trust stores, used when {@code remote} is marked TLS */
    public static String echo(String callingAet, RemoteAe remote, TlsSettings tls) {
        String who = remote.aeTitle() + "@" + remote.host() + ":" + remote.port();
        AAssociateRq rq = new AAssociateRq().calledAeTitle(remote.aeTitle()).callingAeTitle(callingAet);
        rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, IMPLICIT_LITTLE_ENDIAN);
        ConnectionOptions options = ConnectionOptions.defaults().withConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .withAssociationTimeout(ASSOCIATION_TIMEOUT_MILLIS);
        long t0 = System.nanoTime();
        try {
            if (remote.tls()) {
                TlsOptions t = NodeTls.options(tls);
                if (t == null) {
                    return who + ": marked TLS, but no key and trust store are configured (<tls> in device.xml)";
                }
                options = options.withTls(t);
            }
            Association a = new Connector(options).open(remote.host(), remote.port(), rq);
            try {
                Status s = a.echo();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                return who + ": C-ECHO " + (s.isSuccess() ? "success (" + ms + " ms)" : "answered " + s);
            } finally {
                if (a.isOpen()) {
                    a.release();
                }
            }
        } catch (IOException | RuntimeException e) {
            return who + ": C-ECHO failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage());
        }
    }
}
