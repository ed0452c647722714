package org.lightbox.storage.internal;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.lightbox.catalog.ActivityLog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.ReceiveEvent;
import org.lightbox.catalog.TransferOutcome;
import org.lightbox.dicom.net.Association;
import org.lightbox.storage.NodeEvent;

/**
 * The receive log: what each association delivered, one line per study (instances, bytes, failures), written to
 * the catalog when the association ends. Tallying in memory keeps the log out of the per-instance path, which
 * matters for ingest speed; a crash loses the log lines of the associations then open, never an instance.
 */
public final class ReceiveLog {
    private static final System.Logger LOG = System.getLogger(ReceiveLog.class.getName());

    /** One study's tally on one association. */
    private static final class Tally {
        final String patientId;
        final String patientName;
        int instances;
        long bytes;
        int failures;
        Integer lastFailure;
        String detail;

        Tally(String patientId, String patientName) {
            this.patientId = patientId;
            this.patientName = patientName;
        }
    }

    private final Map<Association, Map<String, Tally>> open = new ConcurrentHashMap<>();
    private final ActivityLog log;
    private final NodeEvents events;

    public ReceiveLog(ActivityLog log, NodeEvents events) {
        this.log = log;
        this.events = events;
    }

    private Tally tally(Association a, String studyUid, String patientId, String patientName) {
        Map<String, Tally> studies = open.computeIfAbsent(a, k -> new LinkedHashMap<>());
        synchronized (studies) {
            return studies.computeIfAbsent(studyUid == null ? "" : studyUid, k -> new Tally(patientId, patientName));
        }
    }

    public void stored(Association a, String studyUid, String patientId, String patientName, long bytes) {
        Tally t = tally(a, studyUid, patientId, patientName);
        synchronized (t) {
            t.instances++;
            t.bytes += bytes;
        }
    }

    public void refused(Association a, String studyUid, int status, String reason) {
        Tally t = tally(a, studyUid, null, null);
        synchronized (t) {
            t.failures++;
            t.lastFailure = status;
            t.detail = reason;
        }
    }

    /** Writes the association's lines (called when it ends). */
    public void ended(Association a) {
        Map<String, Tally> studies = open.remove(a);
        if (studies == null) {
            return;
        }
        Instant now = Instant.now();
        InetSocketAddress peer = a.remoteAddress();
        synchronized (studies) {
            for (Map.Entry<String, Tally> e : studies.entrySet()) {
                Tally t = e.getValue();
                TransferOutcome outcome = t.failures == 0 ? TransferOutcome.SUCCESS
                        : t.instances == 0 ? TransferOutcome.FAILURE : TransferOutcome.WARNING;
                String detail = t.failures == 0 ? null : t.failures + " instance(s) refused, last: " + t.detail;
                try {
                    log.log(new ReceiveEvent(0, now, a.callingAeTitle(), a.calledAeTitle(),
                            peer == null ? null : peer.getHostString(), t.patientId, t.patientName,
                            e.getKey().isEmpty() ? null : e.getKey(), t.instances, t.bytes, outcome,
                            t.failures == 0 ? 0 : t.lastFailure, detail));
                } catch (CatalogException | RuntimeException x) {
                    LOG.log(System.Logger.Level.WARNING, a.label() + ": cannot write the receive log: " + x.getMessage());
                    events.fire(new NodeEvent.Failure(now, "receive log", a.label() + ": " + x.getMessage()));
                }
            }
        }
    }
}
