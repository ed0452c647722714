package org.lightbox.storage.ui.internal.browser;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.lightbox.catalog.StudyRecord;
import org.lightbox.storage.ui.StudyGroup;

/**
 * A patient row of the browser: the studies found for one patient (the catalog's patient identity: Patient ID
 * and its issuer; the name too when the ID is empty, so anonymous studies of different people stay apart).
 *
 * @param key     the identity, stable across refreshes (the tree keeps expansion and selection by it)
 * @param studies the patient's studies found, at least one
 */
public record PatientGroup(String key, List<StudyRecord> studies) implements StudyGroup {

    public PatientGroup {
        studies = List.copyOf(studies);
        if (studies.isEmpty()) {
            throw new IllegalArgumentException("a patient row needs a study");
        }
    }

    /** The patient identity of a study. */
    static String keyOf(StudyRecord s) {
        String id = nullToEmpty(s.patientId());
        return id + '\u0000' + nullToEmpty(s.issuerOfPatientId()) + (id.isEmpty() ? '\u0000'
                + nullToEmpty(s.patientName()) : "");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private StudyRecord first() {
        return studies.get(0);
    }

    public String patientName() {
        return first().patientName();
    }

    public String patientId() {
        return first().patientId();
    }

    public String birthDate() {
        return first().patientBirthDate();
    }

    public String sex() {
        return first().patientSex();
    }

    /** The most recent Study Date (YYYYMMDD), or {@code null}. */
    public String latestStudyDate() {
        String latest = null;
        for (StudyRecord s : studies) {
            if (s.studyDate() != null && (latest == null || s.studyDate().compareTo(latest) > 0)) {
                latest = s.studyDate();
            }
        }
        return latest;
    }

    /** The modalities of all its studies, '\'-separated, sorted. */
    public String modalities() {
        Set<String> all = new TreeSet<>();
        for (StudyRecord s : studies) {
            if (s.modalities() != null) {
                for (String m : s.modalities().split("\\\\")) {
                    if (!m.isBlank()) {
                        all.add(m.strip());
                    }
                }
            }
        }
        return String.join("\\", all);
    }

    public int numberOfSeries() {
        return studies.stream().mapToInt(StudyRecord::numberOfSeries).sum();
    }

    public int numberOfInstances() {
        return studies.stream().mapToInt(StudyRecord::numberOfInstances).sum();
    }
}
