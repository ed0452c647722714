package org.lightbox.query.ui.internal.remote;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.query.FindRequest;
import org.lightbox.query.RetrieveRequest;
import org.lightbox.query.transfer.RetrieveJob;
import org.lightbox.storage.ui.PersonNames;

/**
 * "Retrieve all studies of the patient": the one patient the selected rows belong to, the study-level C-FIND that
 * lists all of that patient's studies at the remote AE (prior studies not in the result list included), and the
 * retrieve that fetches them. Pure: the browser runs the C-FIND in a job and queues what {@link #jobs} returns.
 *
 * @param id     the Patient ID, never blank
 * @param issuer the Issuer of Patient ID when the peer returned one, else empty
 * @param name   the patient's name for people ("MUELLER, HANS"), may be empty
 */
public record PatientStudies(String id, String issuer, String name) {

    public PatientStudies {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a patient without Patient ID cannot be retrieved as a whole");
        }
        id = id.strip();
        issuer = issuer == null ? "" : issuer.strip();
        name = name == null ? "" : name;
    }

    /**
     * The patient of the selected rows, or {@code null} when there is none, the rows belong to several patients
     * (Patient ID and, when known, issuer differ), or the patient has no Patient ID: the action is disabled then.
     */
    public static PatientStudies of(List<RemoteNode> rows) {
        PatientStudies found = null;
        for (RemoteNode r : rows) {
            Attributes study = r.study().match();
            String pid = study.getString(Tag.PatientID);
            if (pid == null || pid.isBlank()) {
                return null;
            }
            PatientStudies p = new PatientStudies(pid, study.getString(Tag.IssuerOfPatientID),
                    PersonNames.display(study.getString(Tag.PatientName)));
            if (found == null) {
                found = p;
            } else if (!found.samePatient(p)) {
                return null;
            }
        }
        return found;
    }

    private boolean samePatient(PatientStudies o) {
        return id.equals(o.id) && issuer.equals(o.issuer);
    }

    /** Why the action is disabled for {@code rows} (for its tooltip), or {@code null} when it is enabled. */
    public static String whyNot(List<RemoteNode> rows) {
        if (rows.isEmpty()) {
            return "Select a study, series or instance of the patient";
        }
        if (of(rows) != null) {
            return null;
        }
        for (RemoteNode r : rows) {
            String pid = r.patientId();
            if (pid == null || pid.isBlank()) {
                return "A selected row has no Patient ID";
            }
        }
        return "The selected rows belong to several patients";
    }

    /** The study-level C-FIND for every study of this patient, in {@code model}. */
    public FindRequest studyQuery(InformationModel model) {
        FindRequest r = FindRequest.of(model, QueryLevel.STUDY).match(Tag.PatientID, id).returnKey(
                Tag.StudyInstanceUID);
        if (!issuer.isEmpty()) {
            r.match(Tag.IssuerOfPatientID, issuer);
        }
        return r;
    }

    /**
     * The Study Instance UIDs of {@code matches} that are this patient's. A Patient ID holding {@code *} or
     * {@code ?} is matched as a wildcard by the peer, and a peer may ignore the issuer: only exact matches count,
     * so that another patient's study is never retrieved.
     */
    public List<String> studyUids(List<Attributes> matches) {
        Set<String> uids = new LinkedHashSet<>();
        for (Attributes m : matches) {
            String pid = m.getString(Tag.PatientID);
            String iss = m.getString(Tag.IssuerOfPatientID);
            String uid = m.getString(Tag.StudyInstanceUID);
            if (pid == null || !pid.strip().equals(id) || uid == null || uid.isBlank()) {
                continue;
            }
            if (!issuer.isEmpty() && iss != null && !iss.isBlank() && !iss.strip().equals(issuer)) {
                continue;
            }
            uids.add(uid.strip());
        }
        return new ArrayList<>(uids);
    }

    /**
     * The retrieve of this patient's studies, found by {@link #studyQuery}; empty when none matched. In Patient
     * Root one patient-level request (PS3.4 C.4.2.2.1.2: Patient ID is the unique key, so the peer sends every study
     * it holds of the patient); with an issuer, which the patient level cannot carry, and in Study Root one
     * study-level request listing the UIDs found (list matching on the unique key).
     */
    public List<RetrieveJob> jobs(RemoteAe remote, InformationModel model, List<Attributes> matches) {
        Objects.requireNonNull(remote, "remote");
        List<String> uids = studyUids(matches);
        if (uids.isEmpty()) {
            return List.of();
        }
        RetrieveRequest r = model == InformationModel.PATIENT_ROOT && issuer.isEmpty()
                ? RetrieveRequest.patients(model, id)
                : RetrieveRequest.studies(model, id, uids.toArray(String[]::new));
        return List.of(new RetrieveJob(remote, r, label(uids.size())));
    }

    /** "MUELLER, HANS: all 2 studies" for the queue. */
    String label(int studies) {
        String what = studies == 1 ? "the only study" : "all " + studies + " studies";
        return (name.isEmpty() ? "patient " + id : name) + ": " + what;
    }
}
