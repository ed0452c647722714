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

    private static StudyRecord study(Object o) {
        return Adapters.adapt(o, StudyRecord.class);
    }

    private static SeriesRecord series(Object o) {
        return Adapters.adapt(o, SeriesRecord.class);
    }
}
