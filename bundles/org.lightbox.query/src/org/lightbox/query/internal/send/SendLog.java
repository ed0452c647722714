package org.lightbox.query.internal.send;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.InstanceOutcome;
import org.lightbox.catalog.SendEvent;
import org.lightbox.catalog.StudyRecord;
import org.lightbox.catalog.StudyState;
import org.lightbox.catalog.TransferOutcome;

/**
 * Writes the end of a send job to the catalog, as the seed's send log did: one line per study that left (or
 * failed to), with instances sent and failed and bytes; and marks a study SENT once every instance it holds
 * arrived.
 */
final class SendLog {
    private static final System.Logger LOG = System.getLogger(SendLog.class.getName());

    private final Catalog catalog;

    SendLog(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Per-study totals of a job's outcomes. */
    private static final class Tally {
        int arrived;
        int failed;
        int warnings;
        long bytes;
        String firstReason;
    }

    /**
     * Logs every study of the job's outcomes; {@code jobError} (the attempt's failure, or null) is the detail of
     * studies that did not fully arrive.
     */
    void record(long jobId, String callingAet, String destinationAet, String host, List<InstanceOutcome> outcomes,
            String jobError) throws CatalogException {
        Map<String, Tally> byStudy = new LinkedHashMap<>();
        for (InstanceOutcome o : outcomes) {
            Tally t = byStudy.computeIfAbsent(o.studyUid() == null ? "" : o.studyUid(), k -> new Tally());
            if (o.result().arrived()) {
                t.arrived++;
                t.bytes += o.bytes();
                if (o.result() == InstanceOutcome.Result.WARNING) {
                    t.warnings++;
                }
            } else {
                t.failed++;
            }
            if (t.firstReason == null && o.reason() != null) {
                t.firstReason = o.reason();
            }
        }
        Instant now = Instant.now();
        for (Map.Entry<String, Tally> e : byStudy.entrySet()) {
            Tally t = e.getValue();
            String study = e.getKey().isEmpty() ? null : e.getKey();
            Optional<StudyRecord> s = study == null ? Optional.empty() : catalog.study(study);
            TransferOutcome outcome = t.arrived == 0 ? TransferOutcome.FAILURE
                    : t.failed > 0 || t.warnings > 0 || jobError != null ? TransferOutcome.WARNING
                            : TransferOutcome.SUCCESS;
            String detail = jobError != null ? jobError
                    : t.failed > 0 ? t.failed + " failed, e.g. " + t.firstReason : t.firstReason;
            catalog.activityLog().log(new SendEvent(0, now, callingAet, destinationAet, host,
                    s.map(StudyRecord::patientId).orElse(null), s.map(StudyRecord::patientName).orElse(null), study,
                    t.arrived, t.failed, t.bytes, outcome, null, jobId, detail));
            if (study != null && t.failed == 0) {
                markIfSent(study, outcomes);
            }
        }
    }

    /** SENT once every instance the catalog holds of the study arrived in this job. */
    private void markIfSent(String studyUid, List<InstanceOutcome> outcomes) throws CatalogException {
        Set<String> arrived = outcomes.stream().filter(o -> o.result().arrived())
                .map(InstanceOutcome::sopInstanceUid).collect(Collectors.toSet());
        for (InstanceFile f : catalog.instancesOfStudy(studyUid)) {
            if (!arrived.contains(f.sopInstanceUid())) {
                LOG.log(System.Logger.Level.DEBUG, "study {0} only partly sent: stays in its state", studyUid);
                return;
            }
        }
        catalog.setState(studyUid, StudyState.SENT);
    }
}
