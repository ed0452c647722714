package org.lightbox.query.ui.internal.remote;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Tag;
import org.lightbox.config.RemoteAe;
import org.lightbox.query.RetrieveRequest;
import org.lightbox.query.transfer.RetrieveJob;
import org.lightbox.storage.ui.PersonNames;

/**
 * Turns selected result rows into as few retrieves as the standard allows: the studies of one patient in one
 * request, the series of one study in one, the instances of one series in one (PS3.4 C.4.2.2.1: list matching only
 * at the request's level). A row whose study or series is selected too is covered by that one.
 */
public final class RetrieveSelection {

    private RetrieveSelection() {
    }

    public static List<RetrieveJob> jobs(RemoteAe remote, InformationModel model, List<RemoteNode> rows) {
        Set<RemoteNode> chosen = new LinkedHashSet<>(rows);
        Map<String, List<RemoteNode>> groups = new LinkedHashMap<>();
        for (RemoteNode r : rows) {
            if (covered(r, chosen)) {
                continue;
            }
            String key = r.level() + "|" + switch (r.level()) {
                case STUDY -> model == InformationModel.STUDY_ROOT ? "" : r.patientId();
                case SERIES -> r.studyUid();
                default -> r.seriesUid();
            };
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        List<RetrieveJob> out = new ArrayList<>();
        for (List<RemoteNode> g : groups.values()) {
            RemoteNode first = g.get(0);
            List<String> uids = new ArrayList<>();
            Set<String> classes = new LinkedHashSet<>();
            for (RemoteNode r : g) {
                uids.add(r.uid());
                String cuid = r.level() == QueryLevel.IMAGE ? r.match().getString(Tag.SOPClassUID) : null;
                if (cuid != null && !cuid.isEmpty()) {
                    classes.add(cuid);
                }
            }
            String[] u = uids.toArray(String[]::new);
            RetrieveRequest r = switch (first.level()) {
                case STUDY -> RetrieveRequest.studies(model, first.patientId(), u);
                case SERIES -> RetrieveRequest.series(model, first.patientId(), first.studyUid(), u);
                default -> RetrieveRequest.instances(model, first.patientId(), first.studyUid(), first.seriesUid(), u);
            };
            out.add(new RetrieveJob(remote, classes.isEmpty() ? r : r.withSopClasses(classes), label(g)));
        }
        return out;
    }

    /** "Patient: what" for the queue, e.g. "MÜLLER, JÜRGEN: CT Head" or "MÜLLER, JÜRGEN: 3 series". */
    static String label(List<RemoteNode> g) {
        RemoteNode first = g.get(0);
        String patient = PersonNames.display(first.study().match().getString(Tag.PatientName));
        String what = switch (first.level()) {
            case STUDY -> g.size() == 1 ? text(first.match().getString(Tag.StudyDescription), "a study")
                    : g.size() + " studies";
            case SERIES -> g.size() == 1 ? "series " + text(first.match().getString(Tag.SeriesDescription),
                    text(first.match().getString(Tag.SeriesNumber), first.uid())) : g.size() + " series";
            default -> g.size() + (g.size() == 1 ? " instance" : " instances");
        };
        return patient.isEmpty() ? what : patient + ": " + what;
    }

    private static String text(String s, String otherwise) {
        return s == null || s.isBlank() ? otherwise : s.strip();
    }

    private static boolean covered(RemoteNode r, Set<RemoteNode> chosen) {
        for (RemoteNode p = r.parent(); p != null; p = p.parent()) {
            if (chosen.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
