package org.lightbox.query.internal;

import org.lightbox.catalog.InformationModel;
import org.lightbox.dicom.core.UID;

/** The FIND, MOVE and GET SOP classes of each Query/Retrieve information model (PS3.4 C.6). */
public final class ModelSopClasses {

    private ModelSopClasses() {
    }

    public static String find(InformationModel m) {
        switch (m) {
            case PATIENT_ROOT:
                return UID.PatientRootQueryRetrieveInformationModelFind;
            case STUDY_ROOT:
                return UID.StudyRootQueryRetrieveInformationModelFind;
            default:
                return UID.PatientStudyOnlyQueryRetrieveInformationModelFind;
        }
    }

    public static String move(InformationModel m) {
        switch (m) {
            case PATIENT_ROOT:
                return UID.PatientRootQueryRetrieveInformationModelMove;
            case STUDY_ROOT:
                return UID.StudyRootQueryRetrieveInformationModelMove;
            default:
                return UID.PatientStudyOnlyQueryRetrieveInformationModelMove;
        }
    }

    public static String get(InformationModel m) {
        switch (m) {
            case PATIENT_ROOT:
                return UID.PatientRootQueryRetrieveInformationModelGet;
            case STUDY_ROOT:
                return UID.StudyRootQueryRetrieveInformationModelGet;
            default:
                return UID.PatientStudyOnlyQueryRetrieveInformationModelGet;
        }
    }
}
