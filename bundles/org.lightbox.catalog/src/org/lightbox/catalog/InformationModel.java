package org.lightbox.catalog;

import org.lightbox.dicom.core.UID;

/** The Query/Retrieve information models of PS3.4 annex C and the levels each has. */
public enum InformationModel {
    PATIENT_ROOT(QueryLevel.PATIENT, QueryLevel.IMAGE),
    STUDY_ROOT(QueryLevel.STUDY, QueryLevel.IMAGE),
    /** Retired by the standard, still used by the seed's peers: patient and study levels only. */
    PATIENT_STUDY_ONLY(QueryLevel.PATIENT, QueryLevel.STUDY);

    private final QueryLevel top;
    private final QueryLevel bottom;

    InformationModel(QueryLevel top, QueryLevel bottom) {
        this.top = top;
        this.bottom = bottom;
    }

    /** The highest level of this model. */
    public QueryLevel top() {
        return top;
    }

    /** True when this model has {@code level}. */
    public boolean has(QueryLevel level) {
        return level.compareTo(top) >= 0 && level.compareTo(bottom) <= 0;
    }

    /** The model of a FIND, MOVE or GET SOP class UID, or {@code null} when it is none of these. */
    public static InformationModel ofSopClass(String uid) {
        switch (uid) {
            case UID.PatientRootQueryRetrieveInformationModelFind:
            case UID.PatientRootQueryRetrieveInformationModelMove:
            case UID.PatientRootQueryRetrieveInformationModelGet:
                return PATIENT_ROOT;
            case UID.StudyRootQueryRetrieveInformationModelFind:
            case UID.StudyRootQueryRetrieveInformationModelMove:
            case UID.StudyRootQueryRetrieveInformationModelGet:
                return STUDY_ROOT;
            case UID.PatientStudyOnlyQueryRetrieveInformationModelFind:
            case UID.PatientStudyOnlyQueryRetrieveInformationModelMove:
            case UID.PatientStudyOnlyQueryRetrieveInformationModelGet:
                return PATIENT_STUDY_ONLY;
            default:
                return null;
        }
    }
}
