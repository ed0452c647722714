package org.lightbox.catalog.internal.query;

import java.util.HashMap;
import java.util.Map;

import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

/**
 * A query key the catalog holds in a column: the column returned (its alias in the result set), the column
 * matched (normalised form, and case-folded form for person names), and how values compare.
 *
 * @param tag    the attribute
 * @param vr     its VR in results
 * @param level  the level of the table holding it
 * @param kind   how matching works
 * @param alias  the result set column holding the value to return
 * @param match  the SQL expression matched (may differ from the returned one, e.g. normalised times)
 * @param folded the upper-case column for case-insensitive person name matching, or {@code null}
 */
public record KeyColumn(int tag, VR vr, QueryLevel level, Kind kind, String alias, String match, String folded) {

    /** How a key's values are matched. */
    public enum Kind {
        UID, STRING, PERSON_NAME, DATE, TIME, INTEGER, MODALITIES,
        /** Returned, never matched: counts the catalog computes. */
        COMPUTED
    }

    private static final Map<Integer, KeyColumn> BY_TAG = new HashMap<>();

    private static void add(int tag, VR vr, QueryLevel level, Kind kind, String alias, String match, String folded) {
        BY_TAG.put(tag, new KeyColumn(tag, vr, level, kind, alias, match, folded));
    }

    static {
        QueryLevel p = QueryLevel.PATIENT;
        add(Tag.PatientName, VR.PN, p, Kind.PERSON_NAME, "PAT_NAME", "p.PAT_NAME", "p.PAT_NAME_FOLD");
        add(Tag.PatientID, VR.LO, p, Kind.STRING, "PAT_ID", "p.PAT_ID", null);
        add(Tag.IssuerOfPatientID, VR.LO, p, Kind.STRING, "PAT_ID_ISSUER", "p.PAT_ID_ISSUER", null);
        add(Tag.PatientBirthDate, VR.DA, p, Kind.DATE, "PAT_BIRTHDATE", "p.PAT_BIRTHDATE", null);
        add(Tag.PatientSex, VR.CS, p, Kind.STRING, "PAT_SEX", "p.PAT_SEX", null);
        add(Tag.NumberOfPatientRelatedStudies, VR.IS, p, Kind.COMPUTED, "P_NUM_STUDIES", null, null);
        add(Tag.NumberOfPatientRelatedSeries, VR.IS, p, Kind.COMPUTED, "P_NUM_SERIES", null, null);
        add(Tag.NumberOfPatientRelatedInstances, VR.IS, p, Kind.COMPUTED, "P_NUM_INSTANCES", null, null);
        QueryLevel s = QueryLevel.STUDY;
        add(Tag.StudyInstanceUID, VR.UI, s, Kind.UID, "STUDY_UID", "s.STUDY_UID", null);
        add(Tag.StudyDate, VR.DA, s, Kind.DATE, "STUDY_DATE", "s.STUDY_DATE", null);
        add(Tag.StudyTime, VR.TM, s, Kind.TIME, "STUDY_TIME", "s.STUDY_TIME_KEY", null);
        add(Tag.AccessionNumber, VR.SH, s, Kind.STRING, "ACCESSION_NO", "s.ACCESSION_NO", null);
        add(Tag.StudyID, VR.SH, s, Kind.STRING, "STUDY_ID", "s.STUDY_ID", null);
        add(Tag.ReferringPhysicianName, VR.PN, s, Kind.PERSON_NAME, "REF_PHYSICIAN", "s.REF_PHYSICIAN",
                "s.REF_PHYSICIAN_FOLD");
        add(Tag.StudyDescription, VR.LO, s, Kind.STRING, "STUDY_DESC", "s.STUDY_DESC", null);
        add(Tag.ModalitiesInStudy, VR.CS, s, Kind.MODALITIES, "MODALITIES", "s.MODALITIES", null);
        add(Tag.NumberOfStudyRelatedSeries, VR.IS, s, Kind.COMPUTED, "S_NUM_SERIES", null, null);
        add(Tag.NumberOfStudyRelatedInstances, VR.IS, s, Kind.COMPUTED, "S_NUM_INSTANCES", null, null);
        // looked up per study by FindRows (a list: SQL has no portable aggregate for it)
        add(Tag.SOPClassesInStudy, VR.UI, s, Kind.COMPUTED, FindRows.SOP_CLASSES, null, null);
        QueryLevel se = QueryLevel.SERIES;
        add(Tag.SeriesInstanceUID, VR.UI, se, Kind.UID, "SERIES_UID", "se.SERIES_UID", null);
        add(Tag.Modality, VR.CS, se, Kind.STRING, "MODALITY", "se.MODALITY", null);
        add(Tag.SeriesNumber, VR.IS, se, Kind.INTEGER, "SERIES_NO", "se.SERIES_NO", null);
        add(Tag.SeriesDescription, VR.LO, se, Kind.STRING, "SERIES_DESC", "se.SERIES_DESC", null);
        add(Tag.BodyPartExamined, VR.CS, se, Kind.STRING, "BODY_PART", "se.BODY_PART", null);
        add(Tag.NumberOfSeriesRelatedInstances, VR.IS, se, Kind.COMPUTED, "SE_NUM_INSTANCES", null, null);
        QueryLevel i = QueryLevel.IMAGE;
        add(Tag.SOPInstanceUID, VR.UI, i, Kind.UID, "SOP_IUID", "i.SOP_IUID", null);
        add(Tag.SOPClassUID, VR.UI, i, Kind.UID, "SOP_CUID", "i.SOP_CUID", null);
        add(Tag.InstanceNumber, VR.IS, i, Kind.INTEGER, "INSTANCE_NO", "i.INSTANCE_NO", null);
        add(Tag.NumberOfFrames, VR.IS, i, Kind.INTEGER, "NUM_FRAMES", "i.NUM_FRAMES", null);
        add(Tag.AvailableTransferSyntaxUID, VR.UI, i, Kind.UID, "TSUID", "f.TSUID", null);
    }

    /** The column of {@code tag}, or {@code null} when it is not a column. */
    public static KeyColumn of(int tag) {
        return BY_TAG.get(tag);
    }

    /** The unique key of a level (PS3.4 C.6.1.1 / C.6.2.1). */
    public static KeyColumn uniqueKey(QueryLevel level) {
        switch (level) {
            case PATIENT:
                return BY_TAG.get(Tag.PatientID);
            case STUDY:
                return BY_TAG.get(Tag.StudyInstanceUID);
            case SERIES:
                return BY_TAG.get(Tag.SeriesInstanceUID);
            default:
                return BY_TAG.get(Tag.SOPInstanceUID);
        }
    }
}
