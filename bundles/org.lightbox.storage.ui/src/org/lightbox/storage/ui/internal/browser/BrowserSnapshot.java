package org.lightbox.storage.ui.internal.browser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StudyRecord;

/**
 * One answer of the catalog to the browser's search: the patients with their studies, and the series of the
 * studies known so far (those expanded when the answer was read, and those loaded since). Read off the UI thread,
 * shown on it; the series map is filled from loader jobs, hence concurrent.
 */
public final class BrowserSnapshot {

    /** Before the first answer. */
    static final BrowserSnapshot EMPTY = new BrowserSnapshot(List.of(), Map.of());

    private final List<PatientGroup> patients;
    private final Map<String, List<SeriesRecord>> series = new ConcurrentHashMap<>();
    private final int studyCount;

    BrowserSnapshot(List<PatientGroup> patients, Map<String, List<SeriesRecord>> series) {
        this.patients = List.copyOf(patients);
        this.series.putAll(series);
        this.studyCount = this.patients.stream().mapToInt(p -> p.studies().size()).sum();
    }

    /** Groups studies by patient, in the order their patients first appear. */
    static BrowserSnapshot of(List<StudyRecord> studies, Map<String, List<SeriesRecord>> series) {
        Map<String, List<StudyRecord>> byPatient = new LinkedHashMap<>();
        for (StudyRecord s : studies) {
            byPatient.computeIfAbsent(PatientGroup.keyOf(s), k -> new ArrayList<>()).add(s);
        }
        List<PatientGroup> groups = new ArrayList<>(byPatient.size());
        byPatient.forEach((key, list) -> groups.add(new PatientGroup(key, list)));
        return new BrowserSnapshot(groups, series);
    }

    public List<PatientGroup> patients() {
        return patients;
    }

    public int patientCount() {
        return patients.size();
    }

    public int studyCount() {
        return studyCount;
    }

    /** The series of a study when loaded, else {@code null}. */
    public List<SeriesRecord> series(String studyUid) {
        return series.get(studyUid);
    }

    void putSeries(String studyUid, List<SeriesRecord> list) {
        series.put(studyUid, List.copyOf(list));
    }

    /** The series already read of the studies whose counts of series and images did not change since. */
    Map<String, List<SeriesRecord>> seriesStillValid(Map<String, StudyRecord> current) {
        Map<String, List<SeriesRecord>> out = new LinkedHashMap<>();
        for (PatientGroup p : patients) {
            for (StudyRecord s : p.studies()) {
                StudyRecord now = current.get(s.studyUid());
                List<SeriesRecord> known = series.get(s.studyUid());
                if (known != null && now != null && now.numberOfInstances() == s.numberOfInstances()
                        && now.numberOfSeries() == s.numberOfSeries()) {
                    out.put(s.studyUid(), known);
                }
            }
        }
        return out;
    }

    /** The study of a UID among those shown, or {@code null}. */
    public StudyRecord study(String studyUid) {
        for (PatientGroup p : patients) {
            for (StudyRecord s : p.studies()) {
                if (s.studyUid().equals(studyUid)) {
                    return s;
                }
            }
        }
        return null;
    }
}
