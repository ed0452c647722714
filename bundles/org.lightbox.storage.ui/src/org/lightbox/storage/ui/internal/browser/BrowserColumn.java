package org.lightbox.storage.ui.internal.browser;

import java.util.function.Function;

import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StudyRecord;

/**
 * The browser's columns: what each shows on a patient, a study and a series row, and how it sorts. The first
 * column names the row: the patient's name, the study's description, the series' number and description.
 */
enum BrowserColumn {
    NAME("Patient / Study / Series", 220, false,
            p -> DisplayText.personName(p.patientName()),
            s -> s.description() == null || s.description().isBlank() ? "(no description)" : s.description(),
            BrowserColumn::seriesName),
    PATIENT_ID("Patient ID", 100, false, PatientGroup::patientId, s -> "", se -> ""),
    BIRTH_DATE("Birth Date", 90, false, p -> DisplayText.date(p.birthDate()), s -> "", se -> ""),
    SEX("Sex", 40, false, PatientGroup::sex, s -> "", se -> ""),
    STUDY_DATE("Study Date", 90, false, p -> DisplayText.date(p.latestStudyDate()),
            s -> DisplayText.date(s.studyDate()), se -> ""),
    STUDY_TIME("Time", 70, false, p -> "", s -> DisplayText.time(s.studyTime()), se -> ""),
    ACCESSION("Accession", 100, false, p -> "", StudyRecord::accessionNumber, se -> ""),
    MODALITIES("Modalities", 80, false, p -> DisplayText.modalities(p.modalities()),
            s -> DisplayText.modalities(s.modalities()), SeriesRecord::modality),
    SERIES("Series", 55, true, p -> Integer.toString(p.numberOfSeries()),
            s -> Integer.toString(s.numberOfSeries()), se -> ""),
    INSTANCES("Images", 60, true, p -> Integer.toString(p.numberOfInstances()),
            s -> Integer.toString(s.numberOfInstances()), se -> Integer.toString(se.numberOfInstances()));

    final String header;
    final int width;
    final boolean numeric;
    private final Function<PatientGroup, String> patient;
    private final Function<StudyRecord, String> study;
    private final Function<SeriesRecord, String> series;

    BrowserColumn(String header, int width, boolean numeric, Function<PatientGroup, String> patient,
            Function<StudyRecord, String> study, Function<SeriesRecord, String> series) {
        this.header = header;
        this.width = width;
        this.numeric = numeric;
        this.patient = patient;
        this.study = study;
        this.series = series;
    }

    /** The cell text of a row element. */
    String text(Object element) {
        String t;
        if (element instanceof PatientGroup p) {
            t = patient.apply(p);
        } else if (element instanceof StudyRecord s) {
            t = study.apply(s);
        } else if (element instanceof SeriesRecord se) {
            t = series.apply(se);
        } else if (element instanceof PendingSeries) {
            t = this == NAME ? "Loading..." : "";
        } else {
            t = "";
        }
        return t == null ? "" : t;
    }

    /**
     * Compares two rows of the same level by this column: numbers as numbers, dates by their YYYYMMDD value
     * (which sorts in time order), names ignoring case.
     */
    int compare(Object a, Object b) {
        if (numeric) {
            return Long.compare(number(a), number(b));
        }
        return sortKey(a).compareToIgnoreCase(sortKey(b));
    }

    private String sortKey(Object element) {
        if (this == STUDY_DATE) {
            String d = element instanceof PatientGroup p ? p.latestStudyDate()
                    : element instanceof StudyRecord s ? s.studyDate() : null;
            return d == null ? "" : d;
        }
        if (this == BIRTH_DATE && element instanceof PatientGroup p) {
            return p.birthDate() == null ? "" : p.birthDate();
        }
        if (this == STUDY_TIME && element instanceof StudyRecord s) {
            return s.studyTime() == null ? "" : s.studyTime();
        }
        return text(element);
    }

    private long number(Object element) {
        String t = text(element);
        if (t.isEmpty() && element instanceof SeriesRecord se && this == SERIES) {
            return se.seriesNumber() == null ? Long.MAX_VALUE : se.seriesNumber();
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String seriesName(SeriesRecord s) {
        String number = s.seriesNumber() == null ? "" : "#" + s.seriesNumber() + " ";
        String d = s.description() == null || s.description().isBlank() ? "(no description)" : s.description();
        return number + d;
    }
}
