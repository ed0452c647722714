package org.lightbox.storage;

import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Consumer;

import org.lightbox.catalog.ActivityLog;
import org.lightbox.catalog.AssociationEvent;
import org.lightbox.catalog.CatalogException;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationAbortedException;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.dicom.net.pdu.AAssociateRj;

/**
 * Writes the catalog's association log: one line when an association is accepted, rejected or could not be opened,
 * and one when it ends (released or aborted). Subscribe it to a {@link org.lightbox.dicom.net.DicomServer} for the
 * associations peers open to us (INBOUND) and to every {@link org.lightbox.dicom.net.Connector} of a component that
 * has a catalog for those we open (OUTBOUND). A line that cannot be written is logged at WARNING and otherwise
 * ignored: the log never makes an association fail. The detail of a line of an association over TLS starts with the
 * protocol (e.g. {@code TLSv1.3}); a failed TLS handshake of a caller is a FAILED INBOUND line. Thread-safe.
 */
public final class AssociationLogRecorder implements AssociationListener {
    private static final System.Logger LOG = System.getLogger(AssociationLogRecorder.class.getName());

    /** Where the lines go; resolved at each line, so a catalog opened on demand is not opened by the caller. */
    interface Destination {
        ActivityLog activityLog() throws IOException;
    }

    private final Destination destination;
    private final Consumer<String> writeFailures;
    private final Consumer<AssociationEvent> written;

    public AssociationLogRecorder(ActivityLog log) {
        this(log, null);
    }

    /** @param writeFailures also told (after the WARNING) what could not be written; may be {@code null} */
    public AssociationLogRecorder(ActivityLog log, Consumer<String> writeFailures) {
        this(fixed(Objects.requireNonNull(log, "log")), writeFailures, null);
    }

    /** @param written told each line once it is in the log (e.g. to wake a view); may be {@code null} */
    AssociationLogRecorder(Destination destination, Consumer<String> writeFailures,
            Consumer<AssociationEvent> written) {
        this.destination = destination;
        this.writeFailures = writeFailures;
        this.written = written;
    }

    private static Destination fixed(ActivityLog log) {
        return () -> log;
    }

    @Override
    public void accepted(Association a) {
        write(a, AssociationEvent.Outcome.ACCEPTED, overTls(a, null));
    }

    @Override
    public void rejected(Association a, AAssociateRj rj) {
        String detail = a.rejectionDetail();
        write(a, AssociationEvent.Outcome.REJECTED, rj.describe() + (detail == null ? "" : " (" + detail + ")"));
    }

    @Override
    public void failed(Association a, IOException cause) {
        write(a, AssociationEvent.Outcome.FAILED, describe(cause));
    }

    @Override
    public void released(Association a) {
        write(a, AssociationEvent.Outcome.RELEASED, overTls(a, null));
    }

    @Override
    public void aborted(Association a, AssociationAbortedException cause) {
        write(a, AssociationEvent.Outcome.ABORTED, overTls(a, describe(cause)));
    }

    private void write(Association a, AssociationEvent.Outcome outcome, String detail) {
        AssociationEvent line;
        try {
            NodeEvent.Peer p = NodeEvent.Peer.of(a);
            line = new AssociationEvent(0, Instant.now(), p.outbound() ? AssociationEvent.Direction.OUTBOUND
                    : AssociationEvent.Direction.INBOUND, p.callingAet(), p.calledAet(), p.remoteHost(),
                    p.remotePort(), outcome, detail);
            destination.activityLog().log(line);
        } catch (CatalogException | IOException | RuntimeException e) {
            String message = a.label() + ": cannot write the association log: " + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, message);
            if (writeFailures != null) {
                writeFailures.accept(message);
            }
            return;
        }
        if (written != null) {
            written.accept(line);
        }
    }

    /** The detail, led by the TLS protocol when the association runs over TLS. */
    private static String overTls(Association a, String detail) {
        String tls = a.tlsProtocol();
        if (tls == null) {
            return detail;
        }
        return detail == null ? tls : tls + ": " + detail;
    }

    private static String describe(IOException e) {
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        // the connector wraps the socket's error, whose message alone is the bare host name
        return e.getCause() instanceof UnknownHostException ? m + " (unknown host)" : m;
    }
}
