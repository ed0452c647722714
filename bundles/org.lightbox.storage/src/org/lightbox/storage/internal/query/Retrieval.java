package org.lightbox.storage.internal.query;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lightbox.catalog.ActivityLog;
import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.FindQuery;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.InvalidQueryException;
import org.lightbox.catalog.Pin;
import org.lightbox.catalog.SendEvent;
import org.lightbox.catalog.TransferOutcome;
import org.lightbox.dicom.net.DimseStatusException;
import org.lightbox.dicom.net.dimse.Status;

/**
 * The instances one C-MOVE or C-GET sends, with their studies pinned (auto-delete leaves them alone) until it is
 * closed, and the tally per study for the send log.
 */
final class Retrieval implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Retrieval.class.getName());

    /** Per study: instances sent, failed, bytes. */
    private static final class Tally {
        int sent;
        int failed;
        long bytes;
        String lastError;
    }

    private final List<InstanceFile> instances;
    private final List<Pin> pins;
    private final Map<String, Tally> studies = new LinkedHashMap<>();

    private Retrieval(List<InstanceFile> instances, List<Pin> pins) {
        this.instances = instances;
        this.pins = pins;
    }

    /** Locates the identifier's instances and pins their studies; a refused identifier becomes its status. */
    static Retrieval locate(Catalog catalog, FindQuery query) throws DimseStatusException {
        List<InstanceFile> found;
        try {
            found = catalog.locate(query);
        } catch (InvalidQueryException e) {
            throw Identifiers.invalid(e);
        } catch (CatalogException e) {
            throw new DimseStatusException(Status.UNABLE_TO_PROCESS, "catalog: " + e.getMessage());
        }
        List<Pin> pins = new ArrayList<>();
        try {
            for (String study : studiesOf(found)) {
                pins.add(catalog.pin(study));
            }
        } catch (CatalogException e) {
            pins.forEach(Pin::close);
            throw new DimseStatusException(Status.UNABLE_TO_PROCESS, "cannot pin: " + e.getMessage());
        }
        return new Retrieval(found, pins);
    }

    private static Set<String> studiesOf(List<InstanceFile> files) {
        Set<String> out = new LinkedHashSet<>();
        for (InstanceFile f : files) {
            out.add(f.studyUid());
        }
        return out;
    }

    List<InstanceFile> instances() {
        return instances;
    }

    void record(InstanceFile f, InstanceSender.Result r) {
        Tally t = studies.computeIfAbsent(f.studyUid(), k -> new Tally());
        if (r.outcome() == InstanceSender.Outcome.FAILED) {
            t.failed++;
            t.lastError = r.reason();
        } else {
            t.sent++;
            t.bytes += r.bytes();
        }
    }

    /** Writes one send log line per study. */
    void log(ActivityLog log, String callingAet, String destinationAet, String host, int finalStatus) {
        Instant now = Instant.now();
        for (Map.Entry<String, Tally> e : studies.entrySet()) {
            Tally t = e.getValue();
            TransferOutcome outcome = t.failed == 0 ? TransferOutcome.SUCCESS
                    : t.sent == 0 ? TransferOutcome.FAILURE : TransferOutcome.WARNING;
            try {
                log.log(new SendEvent(0, now, callingAet, destinationAet, host, null, null, e.getKey(), t.sent, t.failed,
                        t.bytes, outcome, finalStatus, null, t.lastError));
            } catch (CatalogException | RuntimeException x) {
                LOG.log(System.Logger.Level.WARNING, "cannot write the send log: " + x.getMessage());
            }
        }
    }

    @Override
    public void close() {
        for (Pin p : pins) {
            p.close();
        }
    }

    /** For messages: how the association to a destination broke. */
    static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
