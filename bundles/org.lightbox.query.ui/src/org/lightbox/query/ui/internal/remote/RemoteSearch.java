package org.lightbox.query.ui.internal.remote;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.query.Cancellation;
import org.lightbox.query.FindRequest;
import org.lightbox.query.QueryKeys;

/**
 * The C-FINDs behind the Remote view, on its kept {@link RemoteConnection}: a study search (in Study Root one
 * study-level query; in Patient Root a patient-level query, then a study-level query per patient found, the patient
 * keys copied into each study), and the series of a study or the instances of a series when a row is expanded.
 * Blocking: run it in a job.
 */
public final class RemoteSearch {
    private final RemoteConnection connection;
    private final InformationModel model;

    public RemoteSearch(RemoteConnection connection, InformationModel model) {
        if (!model.has(QueryLevel.STUDY)) {
            throw new IllegalArgumentException(model + " has no study level");
        }
        this.connection = connection;
        this.model = model;
    }

    public InformationModel model() {
        return model;
    }

    public RemoteConnection connection() {
        return connection;
    }

    /**
     * The studies matching {@code criteria}; when cancelled, those found so far.
     *
     * @throws IllegalArgumentException when a field of {@code criteria} is not valid
     */
    public List<Attributes> studies(QueryCriteria criteria, Cancellation cancellation) throws IOException {
        if (model == InformationModel.STUDY_ROOT) {
            return connection.find(criteria.studyRequest(model, null), cancellation);
        }
        FindRequest patients = criteria.patientRequest(model);
        criteria.studyRequest(model, "x"); // checks the study fields before anything goes out
        List<Attributes> out = new ArrayList<>();
        for (Attributes patient : connection.find(patients, cancellation)) {
            if (cancellation.isCancelled()) {
                break;
            }
            String pid = patient.getString(Tag.PatientID);
            if (pid == null || pid.isEmpty()) {
                continue; // a study query needs the patient's unique key
            }
            for (Attributes study : connection.find(criteria.studyRequest(model, pid), cancellation)) {
                for (int tag : QueryKeys.PATIENT) {
                    String v = study.getString(tag);
                    String[] p = patient.getStrings(tag);
                    if ((v == null || v.isEmpty()) && p != null && p.length > 0) {
                        study.setString(tag, p);
                    }
                }
                out.add(study);
            }
        }
        return out;
    }

    /** The C-FIND that reads the children of {@code row}: the series of a study, the instances of a series. */
    public FindRequest childRequest(RemoteNode row) {
        QueryLevel level = row.level() == QueryLevel.STUDY ? QueryLevel.SERIES : QueryLevel.IMAGE;
        if (row.level() == QueryLevel.IMAGE || !model.has(level)) {
            throw new IllegalArgumentException(row + " has no children in the " + model + " model");
        }
        FindRequest r = FindRequest.of(model, level).match(Tag.StudyInstanceUID, row.studyUid());
        if (model != InformationModel.STUDY_ROOT) {
            r.match(Tag.PatientID, row.patientId());
        }
        if (level == QueryLevel.IMAGE) {
            r.match(Tag.SeriesInstanceUID, row.seriesUid());
        }
        return r;
    }

    /** Reads the children of {@code row} (does not set them: the tree does, on its thread). */
    public List<Attributes> children(RemoteNode row, Cancellation cancellation) throws IOException {
        return connection.find(childRequest(row), cancellation);
    }
}
