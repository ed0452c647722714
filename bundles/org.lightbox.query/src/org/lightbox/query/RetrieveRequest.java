package org.lightbox.query;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

/**
 * What a C-MOVE or C-GET asks for: the model, the level and the unique keys down to that level (PS3.4 C.4.2.1.4),
 * several UIDs at the lowest level being allowed. For C-GET, the SOP classes expected (e.g. Modalities/SOP Classes
 * in Study from the query, or the SOP Class UIDs of an image-level query) narrow the storage contexts offered;
 * without them a broad default set is offered.
 */
public final class RetrieveRequest {
    private final InformationModel model;
    private final QueryLevel level;
    private final Attributes keys;
    private final Set<String> sopClasses;

    private RetrieveRequest(InformationModel model, QueryLevel level, Attributes keys, Set<String> sopClasses) {
        if (!model.has(level)) {
            throw new IllegalArgumentException("the " + model + " model has no " + level + " level");
        }
        this.model = model;
        this.level = level;
        this.keys = keys;
        this.sopClasses = Set.copyOf(sopClasses);
    }

    /** Whole patients (Patient Root or Patient/Study Only). */
    public static RetrieveRequest patients(InformationModel model, String... patientIds) {
        return base(model, QueryLevel.PATIENT, null, null, null).with(Tag.PatientID, VR.LO, patientIds);
    }

    /** Studies; {@code patientId} is needed in the patient-rooted models and ignored in Study Root. */
    public static RetrieveRequest studies(InformationModel model, String patientId, String... studyUids) {
        return base(model, QueryLevel.STUDY, patientId, null, null).with(Tag.StudyInstanceUID, VR.UI, studyUids);
    }

    /** Series of one study. */
    public static RetrieveRequest series(InformationModel model, String patientId, String studyUid,
            String... seriesUids) {
        return base(model, QueryLevel.SERIES, patientId, studyUid, null).with(Tag.SeriesInstanceUID, VR.UI,
                seriesUids);
    }

    /** Instances of one series. */
    public static RetrieveRequest instances(InformationModel model, String patientId, String studyUid,
            String seriesUid, String... sopInstanceUids) {
        return base(model, QueryLevel.IMAGE, patientId, studyUid, seriesUid).with(Tag.SOPInstanceUID, VR.UI,
                sopInstanceUids);
    }

    /** A request with an identifier built by the caller (the level is taken from {@code level}). */
    public static RetrieveRequest of(InformationModel model, QueryLevel level, Attributes uniqueKeys) {
        Attributes k = new Attributes(uniqueKeys);
        k.setString(Tag.QueryRetrieveLevel, VR.CS, level.name());
        return new RetrieveRequest(model, level, k, Set.of());
    }

    private static RetrieveRequest base(InformationModel model, QueryLevel level, String patientId, String studyUid,
            String seriesUid) {
        Attributes k = new Attributes();
        k.setString(Tag.QueryRetrieveLevel, VR.CS, level.name());
        if (patientId != null && model != InformationModel.STUDY_ROOT && level != QueryLevel.PATIENT) {
            k.setString(Tag.PatientID, VR.LO, patientId);
        }
        if (studyUid != null) {
            k.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        }
        if (seriesUid != null) {
            k.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        }
        return new RetrieveRequest(model, level, k, Set.of());
    }

    private RetrieveRequest with(int tag, VR vr, String... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("a retrieve needs at least one " + Tag.toString(tag));
        }
        keys.setString(tag, vr, values);
        return this;
    }

    /** The same request, offering storage contexts for these SOP classes (C-GET). */
    public RetrieveRequest withSopClasses(Collection<String> uids) {
        Set<String> s = new LinkedHashSet<>(sopClasses);
        s.addAll(uids);
        return new RetrieveRequest(model, level, keys, s);
    }

    public InformationModel model() {
        return model;
    }

    public QueryLevel level() {
        return level;
    }

    /** A copy of the identifier. */
    public Attributes identifier() {
        return new Attributes(keys);
    }

    /** The SOP classes expected, empty when unknown. */
    public Set<String> sopClasses() {
        return sopClasses;
    }

    @Override
    public String toString() {
        String uid = keys.getString(level == QueryLevel.PATIENT ? Tag.PatientID : level == QueryLevel.STUDY
                ? Tag.StudyInstanceUID : level == QueryLevel.SERIES ? Tag.SeriesInstanceUID : Tag.SOPInstanceUID);
        return model + " " + level + " " + uid;
    }
}
