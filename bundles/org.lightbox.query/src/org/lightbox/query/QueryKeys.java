package org.lightbox.query;

import java.util.ArrayList;
import java.util.List;

import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Tag;

/**
 * The keys Lightbox requests by default at each level of each model: those the seed lists for its queries
 * (conformance statement 3.1.2.3.3) at the patient and study levels, and the identifying and descriptive keys a
 * result tree needs at the series and image levels. The unique keys of the levels above are included, so a result
 * can be placed under its parent without another query.
 */
public final class QueryKeys {

    /** Patient level, Patient Root (seed table "Supported Keys for Patient Root Query"). */
    public static final List<Integer> PATIENT = List.of(Tag.PatientName, Tag.PatientID, Tag.PatientBirthDate,
            Tag.PatientSex);

    /** Study level of the Patient Root model, as the seed lists it (the patient keys are the parent's). */
    public static final List<Integer> STUDY = List.of(Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber, Tag.StudyID,
            Tag.StudyInstanceUID, Tag.ReferringPhysicianName, Tag.StudyDescription, Tag.ModalitiesInStudy,
            Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances);

    /** Study level of the Study Root model (seed table "Supported Keys for Study Root Query"). */
    public static final List<Integer> STUDY_ROOT_STUDY = List.of(Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber,
            Tag.PatientName, Tag.PatientID, Tag.StudyID, Tag.StudyInstanceUID, Tag.ReferringPhysicianName,
            Tag.StudyDescription, Tag.PatientBirthDate, Tag.PatientSex, Tag.ModalitiesInStudy,
            Tag.NumberOfStudyRelatedSeries, Tag.NumberOfStudyRelatedInstances);

    /** Series level: not in the seed's tables; what the result tree shows for a series. */
    public static final List<Integer> SERIES = List.of(Tag.SeriesInstanceUID, Tag.Modality, Tag.SeriesNumber,
            Tag.SeriesDescription, Tag.NumberOfSeriesRelatedInstances);

    /** Image level: the instance's identity (SOP class tells a retrieve which storage contexts to offer). */
    public static final List<Integer> IMAGE = List.of(Tag.SOPInstanceUID, Tag.SOPClassUID, Tag.InstanceNumber);

    private QueryKeys() {
    }

    /**
     * The default returned keys of a query at {@code level} in {@code model}, including the unique keys of the
     * levels above (Patient ID in the patient-rooted models, Study and Series Instance UID).
     *
     * @throws IllegalArgumentException when the model has no such level
     */
    public static List<Integer> defaults(InformationModel model, QueryLevel level) {
        if (!model.has(level)) {
            throw new IllegalArgumentException(model + " has no " + level + " level");
        }
        List<Integer> keys = new ArrayList<>();
        switch (level) {
            case PATIENT:
                keys.addAll(PATIENT);
                break;
            case STUDY:
                keys.addAll(model == InformationModel.STUDY_ROOT ? STUDY_ROOT_STUDY : concat(PATIENT, STUDY));
                break;
            case SERIES:
                parents(model, keys, false);
                keys.addAll(SERIES);
                break;
            case IMAGE:
            default:
                parents(model, keys, true);
                keys.addAll(IMAGE);
                break;
        }
        return List.copyOf(keys);
    }

    private static void parents(InformationModel model, List<Integer> keys, boolean series) {
        if (model != InformationModel.STUDY_ROOT) {
            keys.add(Tag.PatientID);
        }
        keys.add(Tag.StudyInstanceUID);
        if (series) {
            keys.add(Tag.SeriesInstanceUID);
        }
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
