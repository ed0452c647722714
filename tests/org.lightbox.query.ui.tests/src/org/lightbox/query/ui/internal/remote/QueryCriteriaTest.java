package org.lightbox.query.ui.internal.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.query.FindRequest;
import org.lightbox.query.QueryKeys;

/** The form's values become the right C-FIND identifiers: wildcards kept, ranges built, empty fields universal. */
class QueryCriteriaTest {

    private static QueryCriteria criteria(String name, String id, String birth, String sex, String from, String to,
            String time, String modalities) {
        return new QueryCriteria(name, id, birth, sex, from, to, time, "", "", "", "", "", modalities);
    }

    @Test
    void studyRootIdentifierCarriesWildcardsRangesAndEverySeedKey() {
        FindRequest r = criteria(" MÜLL*^H? ", "", "19600101-19691231", "m", "2024-01-01", "20240131", "08:00-12",
                "ct, MR").studyRequest(InformationModel.STUDY_ROOT, null);
        Attributes id = r.identifier();
        assertEquals("STUDY", id.getString(Tag.QueryRetrieveLevel));
        assertEquals("MÜLL*^H?", id.getString(Tag.PatientName));
        assertEquals("ISO_IR 100", id.getString(Tag.SpecificCharacterSet), "Latin-1 in a key needs a charset");
        assertEquals("19600101-19691231", id.getString(Tag.PatientBirthDate));
        assertEquals("M", id.getString(Tag.PatientSex));
        assertEquals("20240101-20240131", id.getString(Tag.StudyDate));
        assertEquals("0800-12", id.getString(Tag.StudyTime));
        assertArrayEquals(new String[] { "CT", "MR" }, id.getStrings(Tag.ModalitiesInStudy));
        for (int tag : QueryKeys.STUDY_ROOT_STUDY) {
            assertTrue(r.keys().contains(tag), Tag.toString(tag) + " is requested");
        }
        // universal matching for what was left empty
        assertNull(r.matchingValues(Tag.AccessionNumber));
        assertNull(r.matchingValues(Tag.StudyInstanceUID));
        assertNull(r.matchingValues(Tag.PatientID));
    }

    @Test
    void openEndedAndSingleDayRanges() {
        assertEquals("20240101-", criteria("", "", "", "", "20240101", "", "", "")
                .studyRequest(InformationModel.STUDY_ROOT, null).identifier().getString(Tag.StudyDate));
        assertEquals("-20240131", criteria("", "", "", "", "", "2024-01-31", "", "")
                .studyRequest(InformationModel.STUDY_ROOT, null).identifier().getString(Tag.StudyDate));
        assertEquals("20240105", criteria("", "", "", "", "20240105", "2024.01.05", "", "")
                .studyRequest(InformationModel.STUDY_ROOT, null).identifier().getString(Tag.StudyDate));
        assertEquals("-19700101", QueryCriteria.dateOrRange("Birth date", "-1970-01-01"));
        assertEquals("19700101-19800101", QueryCriteria.dateOrRange("Birth date", "1970-01-01 - 1980-01-01"));
        assertEquals("19700101", QueryCriteria.dateOrRange("Birth date", "1970-01-01"));
    }

    @Test
    void patientRootSplitsPatientAndStudyKeys() {
        QueryCriteria c = criteria("SMITH*", "RQ*", "", "F", "20230101", "", "", "");
        FindRequest p = c.patientRequest(InformationModel.PATIENT_ROOT);
        assertEquals(QueryLevel.PATIENT, p.level());
        assertEquals("SMITH*", p.identifier().getString(Tag.PatientName));
        assertEquals("RQ*", p.identifier().getString(Tag.PatientID));
        assertEquals("F", p.identifier().getString(Tag.PatientSex));
        FindRequest s = c.studyRequest(InformationModel.PATIENT_ROOT, "RQ002");
        Attributes id = s.identifier();
        assertEquals("RQ002", id.getString(Tag.PatientID), "a patient-rooted study query names its patient");
        assertEquals("20230101-", id.getString(Tag.StudyDate));
        for (int tag : QueryKeys.STUDY) {
            assertTrue(s.keys().contains(tag), Tag.toString(tag) + " is requested");
        }
        assertTrue(c.hasStudyConditions());
        assertTrue(!QueryCriteria.ANY.hasStudyConditions());
    }

    @Test
    void badValuesNameTheirField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> criteria("", "", "", "",
                "2024-13-01", "", "", "").studyRequest(InformationModel.STUDY_ROOT, null));
        assertTrue(e.getMessage().startsWith("Study date (from)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> criteria("", "", "", "", "20240201", "20240101", "",
                "").studyRequest(InformationModel.STUDY_ROOT, null));
        assertTrue(e.getMessage().contains("starts"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> criteria("", "", "1970*", "", "", "", "", "")
                .patientRequest(InformationModel.PATIENT_ROOT));
        assertTrue(e.getMessage().startsWith("Birth date"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> criteria("", "", "", "", "", "", "8 o'clock", "")
                .studyRequest(InformationModel.STUDY_ROOT, null));
        assertTrue(e.getMessage().startsWith("Study time"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new QueryCriteria("", "", "", "", "", "", "", "", "",
                "1.2.3*", "", "", "").studyRequest(InformationModel.STUDY_ROOT, null));
        assertTrue(e.getMessage().startsWith("Study UID"), e.getMessage());
    }
}
