package org.lightbox.query.ui.internal.transfer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.Adapters;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StudyRecord;
import org.lightbox.config.RemoteAe;
import org.lightbox.query.transfer.SendRequest;
import org.lightbox.storage.ui.PersonNames;
import org.lightbox.storage.ui.StudyGroup;

/**
 * What "Send to..." sends: the local studies and series among the selected elements (the Local Studies browser's
 * rows are {@link StudyGroup}s (patients), catalog {@link StudyRecord}s and {@link SeriesRecord}s; other elements
 * count when they adapt to one). A series whose study is selected too is sent with the study.
 */
public final class SendSelection {

    private SendSelection() {
    }

    /** True when at least one element is a local study or series. */
    public static boolean sendable(List<?> elements) {
        return elements.stream().anyMatch(o -> o instanceof StudyGroup g && !g.studies().isEmpty()
                || study(o) != null || series(o) != null);
    }

    /**
     * The send of the selected studies and series to {@code destination}.
     *
     * @throws IllegalArgumentException when nothing selected is a local study or series
     */
    public static SendRequest request(RemoteAe destination, List<?> elements, boolean commit) {
        Set<String> studies = new LinkedHashSet<>();
        List<SeriesRecord> series = new ArrayList<>();
        for (Object o : elements) {
            if (o instanceof StudyGroup g) {
                g.studies().forEach(s -> studies.add(s.studyUid()));
                continue;
            }
            StudyRecord st = study(o);
            if (st != null) {
                studies.add(st.studyUid());
            } else {
                SeriesRecord se = series(o);
                if (se != null) {
                    series.add(se);
                }
            }
        }
        Set<String> seriesUids = new LinkedHashSet<>();
        for (SeriesRecord se : series) {
            if (!studies.contains(se.studyUid())) {
                seriesUids.add(se.seriesUid());
            }
        }
        return new SendRequest(destination, null, List.copyOf(studies), List.copyOf(seriesUids), List.of(), commit);
    }

    /** "Patient(s): n studies, m series to AE" for the queue. */
    public static String label(List<?> elements, SendRequest request) {
        Set<String> patients = new LinkedHashSet<>();
        for (Object o : elements) {
            List<StudyRecord> studies = o instanceof StudyGroup g ? g.studies()
                    : study(o) != null ? List.of(study(o)) : List.of();
            studies.forEach(s -> patients.add(PersonNames.display(s.patientName())));
        }
        patients.remove("");
        StringBuilder sb = new StringBuilder();
        if (!patients.isEmpty()) {
            sb.append(patients.size() <= 2 ? String.join("; ", patients) : patients.size() + " patients").append(": ");
        }
        int st = request.studyUids().size();
        int se = request.seriesUids().size();
        if (st > 0) {
            sb.append(st).append(st == 1 ? " study" : " studies");
        }
        if (se > 0) {
            sb.append(st > 0 ? ", " : "").append(se).append(" series");
        }
        sb.append(" to ").append(request.destination().aeTitle());
        if (request.commit()) {
            sb.append(", with commitment");
        }
        return sb.toString();
    }

    private static StudyRecord study(Object o) {
        return Adapters.adapt(o, StudyRecord.class);
    }

    private static SeriesRecord series(Object o) {
        return Adapters.adapt(o, SeriesRecord.class);
    }
}
