package org.lightbox.storage.ui.internal.preferences;

import java.io.IOException;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.TlsSettings;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.TlsOptions;
import org.lightbox.dicom.net.DicomServiceRegistry;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.storage.NodeTls;

/**
 * Verifies a remote AE with C-ECHO in a job: connect, negotiate Verification, echo, release. The outcome (with
 * the round trip from connect to the echo response) goes to a consumer, never to a dialog; cancelling aborts the
 * association, and the connect and negotiation are bounded by timeouts.
 */
final class EchoJob extends Job {

    /** The outcome of a test. */
    record Outcome(RemoteAe remote, boolean success, long millis, String message) {

        /** One line for the page, e.g. {@code PACS: success (12 ms)}. */
        String describe() {
            return remote.aeTitle() + "@" + remote.host() + ":" + remote.port() + ": "
                    + (success ? "success (" + millis + " ms)" : "failed: " + message);
        }
    }

    private static final String IMPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int ASSOCIATION_TIMEOUT_MILLIS = 10_000;

    private final String callingAet;
    private final RemoteAe remote;
    private final Consumer<Outcome> done;
    private final TlsSettings tls;
    private volatile Association association;
    private volatile boolean cancelled;

    EchoJob(String callingAet, RemoteAe remote, TlsSettings tls, Consumer<Outcome> done) {
        super("C-ECHO " + remote.aeTitle());
        this.callingAet = callingAet;
        this.remote = remote;
        this.tls = tls;
        this.done = done;
        setUser(false);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask("C-ECHO " + remote, IProgressMonitor.UNKNOWN);
        try {
            done.accept(echo());
        } finally {
            monitor.done();
        }
        return Status.OK_STATUS;
    }

    private Outcome echo() {
        AAssociateRq rq = new AAssociateRq().calledAeTitle(remote.aeTitle()).callingAeTitle(callingAet);
        rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, IMPLICIT_LITTLE_ENDIAN);
        ConnectionOptions options = ConnectionOptions.defaults().withConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .withAssociationTimeout(ASSOCIATION_TIMEOUT_MILLIS);
        long t0 = System.nanoTime();
        try {
            if (remote.tls()) {
                TlsOptions t = NodeTls.options(tls);
                if (t == null) {
                    return new Outcome(remote, false, 0, "marked TLS, but no key and trust store are configured"
                            + " (<tls key-store=... trust-store=...> in config/device.xml)");
                }
                options = options.withTls(t);
            }
            Association a = new Connector(options).open(remote.host(), remote.port(), rq);
            association = a;
            try {
                if (cancelled) {
                    return new Outcome(remote, false, 0, "cancelled");
                }
                var status = a.echo();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (!status.isSuccess()) {
                    return new Outcome(remote, false, ms, "the peer answered " + status);
                }
                return new Outcome(remote, true, ms, status.toString());
            } finally {
                if (a.isOpen()) {
                    a.release();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (cancelled) {
                return new Outcome(remote, false, 0, "cancelled");
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(remote, false, (System.nanoTime() - t0) / 1_000_000, why);
        }
    }

    @Override
    protected void canceling() {
        cancelled = true;
        Association a = association;
        if (a != null) {
            a.abort();
        }
    }
}
