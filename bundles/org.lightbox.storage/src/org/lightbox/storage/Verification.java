package org.lightbox.storage;

import java.io.IOException;
import java.util.function.Consumer;

import org.lightbox.config.RemoteAe;
import org.lightbox.config.TlsSettings;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.DicomServiceRegistry;
import org.lightbox.dicom.net.TlsOptions;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * The "Test" of a remote AE: C-ECHO on an association of its own (over TLS when the AE is marked TLS), with the
 * connect and the negotiation bounded by timeouts, so a dead host answers within seconds. Blocking: the callers
 * (preference page, Remote view) run it in a job.
 */
public final class Verification {
    private static final String IMPLICIT_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int ASSOCIATION_TIMEOUT_MILLIS = 10_000;

    private Verification() {
    }

    /** How a C-ECHO went: answered with success, answered with another status, or failed before an answer. */
    public enum Outcome {
        SUCCESS, ANSWERED, FAILED
    }

    /**
     * @param millis from the connect to the answer (or to the failure)
     * @param detail the status on an answer, else why it failed
     */
    public record Result(Outcome outcome, long millis, String detail) {
        public boolean success() {
            return outcome == Outcome.SUCCESS;
        }
    }

    /**
     * Echoes {@code remote} as {@code callingAet}.
     *
     * @param tls    the configuration's stores, used when {@code remote} is marked TLS
     * @param opened sees the association once it is open (a caller that cancels aborts it)
     */
    public static Result echo(String callingAet, RemoteAe remote, TlsSettings tls, Consumer<Association> opened) {
        return echo(callingAet, remote, tls, opened, null);
    }

    /**
     * Echoes {@code remote} as {@code callingAet}, telling {@code watcher} what becomes of the association (e.g. an
     * {@link AssociationLogRecorder}, so the test shows in the association log).
     *
     * @param watcher may be {@code null}
     */
    public static Result echo(String callingAet, RemoteAe remote, TlsSettings tls, Consumer<Association> opened,
            AssociationListener watcher) {
        AAssociateRq rq = new AAssociateRq().calledAeTitle(remote.aeTitle()).callingAeTitle(callingAet);
        rq.addPresentationContext(DicomServiceRegistry.VERIFICATION, IMPLICIT_LITTLE_ENDIAN);
        ConnectionOptions options = ConnectionOptions.defaults().withConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .withAssociationTimeout(ASSOCIATION_TIMEOUT_MILLIS);
        long t0 = System.nanoTime();
        try {
            if (remote.tls()) {
                TlsOptions t = NodeTls.options(tls);
                if (t == null) {
                    return new Result(Outcome.FAILED, 0, "marked TLS, but no key and trust store are configured"
                            + " (<tls key-store=... trust-store=...> in config/device.xml)");
                }
                options = options.withTls(t);
            }
            Connector connector = new Connector(options);
            if (watcher != null) {
                connector.addListener(watcher);
            }
            Association a = connector.open(remote.host(), remote.port(), rq);
            opened.accept(a);
            try {
                Status s = a.echo();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                return new Result(s.isSuccess() ? Outcome.SUCCESS : Outcome.ANSWERED, ms, s.toString());
            } finally {
                if (a.isOpen()) {
                    a.release();
                }
            }
        } catch (IOException | RuntimeException e) {
            return new Result(Outcome.FAILED, (System.nanoTime() - t0) / 1_000_000,
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
