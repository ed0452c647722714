package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.dict.DataDictionary;

/** C-FIND matching at every level and model over {@link QueryCorpus}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one corpus per class, loaded by the instance's database
class FindTest implements DatabaseUnderTest {

    private DriverConnectionSource db;
    private Catalog catalog;

    @BeforeAll
    void load() throws Exception {
        db = newDatabase();
        catalog = Catalog.open(db, CatalogSettings.DEFAULT);
        QueryCorpus.load(catalog);
    }

    @AfterAll
    void close() {
        catalog.close();
        dropDatabase(db);
    }

    /** An identifier in ISO_IR 100: pairs of tag and value ({@code null}: empty return key). */
    static Attributes keys(QueryLevel level, Object... pairs) {
        Attributes k = new Attributes();
        k.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        k.setString(Tag.QueryRetrieveLevel, VR.CS, level.name());
        for (int i = 0; i < pairs.length; i += 2) {
            int tag = (Integer) pairs[i];
            String v = (String) pairs[i + 1];
            if (v == null) {
                k.setNull(tag, DataDictionary.standard().vrOf(tag));
            } else {
                k.setString(tag, v);
            }
        }
        return k;
    }

    List<Attributes> find(InformationModel model, QueryOptions options, Attributes keys) throws Exception {
        List<Attributes> out = new ArrayList<>();
        try (CatalogCursor<Attributes> c = catalog.find(FindQuery.of(model, keys, options))) {
            for (Attributes a = c.next(); a != null; a = c.next()) {
                out.add(a);
            }
        }
        return out;
    }

    List<Attributes> find(InformationModel model, QueryLevel level, Object... pairs) throws Exception {
        return find(model, QueryOptions.DEFAULT, keys(level, pairs));
    }

    static Set<String> values(List<Attributes> results, int tag) {
        Set<String> s = new TreeSet<>();
        for (Attributes a : results) {
            s.add(a.getString(tag, "<empty>"));
        }
        return s;
    }

    private Set<String> studies(Object... pairs) throws Exception {
        List<Object> p = new ArrayList<>(List.of(pairs));
        if (!p.contains(Tag.StudyInstanceUID)) {
            p.add(Tag.StudyInstanceUID);
            p.add(null);
        }
        return values(find(InformationModel.STUDY_ROOT, QueryLevel.STUDY, p.toArray()), Tag.StudyInstanceUID);
    }

    private Set<String> patients(QueryOptions options, Object... pairs) throws Exception {
        List<Object> p = new ArrayList<>(List.of(pairs));
        p.add(Tag.PatientID);
        p.add(null);
        return values(find(InformationModel.PATIENT_ROOT, options, keys(QueryLevel.PATIENT, p.toArray())),
                Tag.PatientID);
    }

    // ------------------------------------------------------------------ patient level

    @Test
    void patientLevelUniversalSingleAndCounts() throws Exception {
        assertEquals(Set.of("P1", "P2", "P3", "P4", "P5"), patients(QueryOptions.DEFAULT));
        List<Attributes> r = find(InformationModel.PATIENT_ROOT, QueryLevel.PATIENT, Tag.PatientID, "P1",
                Tag.PatientName, null, Tag.NumberOfPatientRelatedStudies, null, Tag.NumberOfPatientRelatedSeries,
                null, Tag.NumberOfPatientRelatedInstances, null, Tag.PatientBirthDate, null);
        assertEquals(1, r.size());
        Attributes p1 = r.get(0);
        assertEquals("Müller^Jürgen", p1.getString(Tag.PatientName));
        assertEquals("ISO_IR 100", p1.getString(Tag.SpecificCharacterSet));
        assertEquals("PATIENT", p1.getString(Tag.QueryRetrieveLevel));
        assertEquals(2, p1.getInt(Tag.NumberOfPatientRelatedStudies, -1));
        assertEquals(3, p1.getInt(Tag.NumberOfPatientRelatedSeries, -1));
        assertEquals(6, p1.getInt(Tag.NumberOfPatientRelatedInstances, -1));
        assertEquals("19700101", p1.getString(Tag.PatientBirthDate));
    }

    @Test
    void patientNameWildcardsAreCaseSensitiveUnlessAskedOtherwise() throws Exception {
        assertEquals(Set.of("P1"), patients(QueryOptions.DEFAULT, Tag.PatientName, "Mü*"));
        assertEquals(Set.of("P2"), patients(QueryOptions.DEFAULT, Tag.PatientName, "MÜ*"));
        QueryOptions ci = QueryOptions.DEFAULT.withCaseInsensitivePersonNames(true);
        assertEquals(Set.of("P1", "P2"), patients(ci, Tag.PatientName, "mü*"));
        assertEquals(Set.of("P1"), patients(ci, Tag.PatientName, "müller^jürgen"));
        assertEquals(Set.of("P3"), patients(QueryOptions.DEFAULT, Tag.PatientName, "Ñ?ñez*"));
        assertEquals(Set.of("P1"), patients(QueryOptions.DEFAULT, Tag.PatientName, "Müller^Jürgen^^"),
                "trailing empty components are insignificant");
        assertEquals(Set.of(), patients(QueryOptions.DEFAULT, Tag.PatientName, "Müller"),
                "single value matching is exact");
        assertEquals(Set.of("P1", "P2", "P3", "P4", "P5"), patients(QueryOptions.DEFAULT, Tag.PatientName, "*"));
    }

    @Test
    void theQuerysOwnCharacterSetDecodesItsValues() throws Exception {
        for (String charset : new String[] { "ISO_IR 192", "ISO 2022 IR 100" }) {
            Attributes k = new Attributes();
            k.setString(Tag.SpecificCharacterSet, VR.CS, charset);
            k.setString(Tag.QueryRetrieveLevel, VR.CS, "PATIENT");
            k.setString(Tag.PatientName, VR.PN, "Ñúñez*");
            k.setNull(Tag.PatientID, VR.LO);
            List<Attributes> r = find(InformationModel.PATIENT_ROOT, QueryOptions.DEFAULT, k);
            assertEquals(Set.of("P3"), values(r, Tag.PatientID), charset);
            assertEquals("ISO_IR 100", r.get(0).getString(Tag.SpecificCharacterSet), "answered in the stored set");
        }
    }

    @Test
    void likeMetacharactersInValuesAreLiterals() throws Exception {
        assertEquals(Set.of("P4"), patients(QueryOptions.DEFAULT, Tag.PatientName, "100%_*"));
        assertEquals(Set.of("P4"), patients(QueryOptions.DEFAULT, Tag.PatientName, "10?%*"));
        assertEquals(Set.of(), patients(QueryOptions.DEFAULT, Tag.PatientName, "1_0*"), "'_' is no wildcard");
        assertEquals(Set.of(), patients(QueryOptions.DEFAULT, Tag.PatientName, "%"), "'%' is no wildcard");
        assertEquals(Set.of("9.5"), studies(Tag.StudyDescription, "50% off_?"));
    }

    @Test
    void patientDateRangesListsAndIssuer() throws Exception {
        assertEquals(Set.of("P2", "P3", "P5"), patients(QueryOptions.DEFAULT, Tag.PatientBirthDate, "19800101-"));
        assertEquals(Set.of("P1", "P4"), patients(QueryOptions.DEFAULT, Tag.PatientBirthDate, "-19751231"));
        assertEquals(Set.of("P1"), patients(QueryOptions.DEFAULT, Tag.PatientBirthDate, "19700101"));
        assertEquals(Set.of("P1", "P3"), patients(QueryOptions.DEFAULT, Tag.PatientBirthDate,
                "19600101-19751231\\20000101-20001231"));
        assertEquals(Set.of("P1", "P2", "P3", "P5"), patients(QueryOptions.DEFAULT, Tag.PatientSex, "M\\F"));
        assertEquals(Set.of("P3"), patients(QueryOptions.DEFAULT, Tag.IssuerOfPatientID, "HOSP"));
    }

    // ------------------------------------------------------------------ study level

    @Test
    void studyDateAndTimeRanges() throws Exception {
        assertEquals(Set.of("9.1", "9.2"), studies(Tag.StudyDate, "20230101-20231231"));
        assertEquals(Set.of("9.3", "9.4", "9.6"), studies(Tag.StudyDate, "20240101-"));
        assertEquals(Set.of("9.5"), studies(Tag.StudyDate, "-20200101"));
        assertEquals(Set.of("9.3"), studies(Tag.StudyDate, "20240101"));
        assertEquals(Set.of("9.1", "9.6"), studies(Tag.StudyTime, "0800-0900"), "0900 as upper bound is 09:00:59.999999");
        assertEquals(Set.of("9.2"), studies(Tag.StudyTime, "2359-"));
        assertEquals(Set.of("9.3"), studies(Tag.StudyTime, "12"), "a partial time matches its whole hour");
        assertEquals(Set.of("9.1", "9.4", "9.6"), studies(Tag.StudyDate, "20230101-20241231", Tag.StudyTime, "08-10"),
                "both keys must match");
    }

    @Test
    void studyKeysOfStringsModalitiesAndUidLists() throws Exception {
        assertEquals(Set.of("9.1", "9.2"), studies(Tag.PatientName, "Mü*"));
        assertEquals(Set.of("9.1"), studies(Tag.ModalitiesInStudy, "PR"));
        assertEquals(Set.of("9.1", "9.3", "9.6"), studies(Tag.ModalitiesInStudy, "CT"));
        assertEquals(Set.of("9.1", "9.3", "9.5", "9.6"), studies(Tag.ModalitiesInStudy, "C*"));
        assertEquals(Set.of("9.2", "9.4"), studies(Tag.ModalitiesInStudy, "MR\\US"));
        assertEquals(Set.of("9.1", "9.2", "9.3", "9.4", "9.6"), studies(Tag.AccessionNumber, "A?"));
        assertEquals(Set.of("9.4"), studies(Tag.StudyDescription, "Caf*"));
        assertEquals(Set.of("9.1", "9.3"), studies(Tag.StudyInstanceUID, "9.1\\9.3\\9.77"));
        assertEquals(Set.of("9.2"), studies(Tag.StudyID, "ID2"));
        assertEquals(Set.of(), studies(Tag.StudyDescription, "thorax"), "LO matching is case-sensitive");
    }

    @Test
    void referringPhysicianIgnoringCase() throws Exception {
        QueryOptions ci = QueryOptions.DEFAULT.withCaseInsensitivePersonNames(true);
        List<Attributes> r = find(InformationModel.STUDY_ROOT, ci, keys(QueryLevel.STUDY,
                Tag.ReferringPhysicianName, "öztürk*", Tag.StudyInstanceUID, null));
        assertEquals(Set.of("9.1", "9.6"), values(r, Tag.StudyInstanceUID));
        assertEquals(Set.of(), studies(Tag.ReferringPhysicianName, "öztürk*"));
    }

    @Test
    void studyResultsCarryTheRequestedReturnKeys() throws Exception {
        List<Attributes> r = find(InformationModel.STUDY_ROOT, QueryLevel.STUDY, Tag.StudyInstanceUID, "9.1",
                Tag.PatientName, null, Tag.PatientID, null, Tag.StudyDate, null, Tag.StudyTime, null,
                Tag.AccessionNumber, null, Tag.StudyDescription, null, Tag.ModalitiesInStudy, null,
                Tag.NumberOfStudyRelatedSeries, null, Tag.NumberOfStudyRelatedInstances, null,
                Tag.ReferringPhysicianName, null, Tag.SeriesInstanceUID, null, Tag.RetrieveAETitle, null,
                Tag.InstanceAvailability, null, Tag.PatientAge, null);
        assertEquals(1, r.size());
        Attributes a = r.get(0);
        assertEquals("Müller^Jürgen", a.getString(Tag.PatientName));
        assertEquals("P1", a.getString(Tag.PatientID));
        assertEquals("20230110", a.getString(Tag.StudyDate));
        assertEquals("0830", a.getString(Tag.StudyTime), "the time as received, not its matching form");
        assertEquals("A1", a.getString(Tag.AccessionNumber));
        assertEquals("Thorax", a.getString(Tag.StudyDescription));
        assertEquals(List.of("CT", "PR"), List.of(a.getStrings(Tag.ModalitiesInStudy)));
        assertEquals(2, a.getInt(Tag.NumberOfStudyRelatedSeries, -1));
        assertEquals(4, a.getInt(Tag.NumberOfStudyRelatedInstances, -1));
        assertEquals("Öztürk^Ayse", a.getString(Tag.ReferringPhysicianName));
        assertTrue(a.contains(Tag.SeriesInstanceUID) && !a.containsValue(Tag.SeriesInstanceUID),
                "a key below the query level is returned empty");
        assertTrue(a.contains(Tag.PatientAge) && !a.containsValue(Tag.PatientAge), "no value stored");
        assertEquals("ONLINE", a.getString(Tag.InstanceAvailability));
        assertTrue(a.contains(Tag.RetrieveAETitle));
        assertEquals("ISO_IR 100", a.getString(Tag.SpecificCharacterSet));
        List<Attributes> withAet = find(InformationModel.STUDY_ROOT,
                QueryOptions.DEFAULT.withRetrieveAETitle("LIGHTBOX"), keys(QueryLevel.STUDY, Tag.StudyInstanceUID,
                        "9.4", Tag.RetrieveAETitle, null, Tag.PatientAge, null));
        assertEquals("LIGHTBOX", withAet.get(0).getString(Tag.RetrieveAETitle));
        assertEquals("024Y", withAet.get(0).getString(Tag.PatientAge), "from the stored study attributes");
    }

    @Test
    void sequenceMatchingAndReturn() throws Exception {
        Attributes k = keys(QueryLevel.STUDY, Tag.StudyInstanceUID, null);
        Attributes item = k.newSequence(Tag.ProcedureCodeSequence).addItem();
        item.setString(Tag.CodeValue, VR.SH, "CT1");
        item.setNull(Tag.CodeMeaning, VR.LO);
        List<Attributes> r = find(InformationModel.STUDY_ROOT, QueryOptions.DEFAULT, k);
        assertEquals(Set.of("9.1"), values(r, Tag.StudyInstanceUID));
        Sequence returned = r.get(0).getSequence(Tag.ProcedureCodeSequence);
        assertEquals(1, returned.size());
        assertEquals("CT1", returned.get(0).getString(Tag.CodeValue));
        assertEquals("CT Thorax mit Kontrastmittel", returned.get(0).getString(Tag.CodeMeaning));
        assertNull(returned.get(0).getString(Tag.CodingSchemeDesignator), "only the requested item keys");

        Attributes any = keys(QueryLevel.STUDY, Tag.StudyInstanceUID, null);
        any.newSequence(Tag.ProcedureCodeSequence).addItem().setString(Tag.CodeValue, VR.SH, "?T1\\MR*");
        assertEquals(Set.of("9.1", "9.2"), values(find(InformationModel.STUDY_ROOT, QueryOptions.DEFAULT, any),
                Tag.StudyInstanceUID));
        Attributes empty = keys(QueryLevel.STUDY, Tag.StudyInstanceUID, null);
        empty.newSequence(Tag.ProcedureCodeSequence);
        assertEquals(6, find(InformationModel.STUDY_ROOT, QueryOptions.DEFAULT, empty).size(),
                "an empty sequence is a return key only");
    }

    @Test
    void patientRootStudyLevelNeedsThePatientIdAndMatchesOnlyStudyKeys() throws Exception {
        InvalidQueryException e = assertThrows(InvalidQueryException.class,
                () -> find(InformationModel.PATIENT_ROOT, QueryLevel.STUDY, Tag.StudyInstanceUID, null));
        assertEquals(Tag.PatientID, e.tag());
        assertThrows(InvalidQueryException.class, () -> find(InformationModel.PATIENT_ROOT, QueryLevel.STUDY,
                Tag.PatientID, "P*", Tag.StudyInstanceUID, null));
        List<Attributes> r = find(InformationModel.PATIENT_ROOT, QueryLevel.STUDY, Tag.PatientID, "P1",
                Tag.PatientName, "Nobody", Tag.StudyInstanceUID, null);
        assertEquals(Set.of("9.1", "9.2"), values(r, Tag.StudyInstanceUID));
        assertEquals("Müller^Jürgen", r.get(0).getString(Tag.PatientName), "upper-level keys are returned");
        assertEquals(Set.of("9.2"), values(find(InformationModel.PATIENT_ROOT, QueryLevel.STUDY, Tag.PatientID, "P1",
                Tag.StudyDate, "20231201-", Tag.StudyInstanceUID, null), Tag.StudyInstanceUID));
    }

    @Test
    void anIssuerBesideThePatientIdQualifiesItBelowThePatientLevelAndInRetrieves() throws Exception {
        // P1 has no issuer, P3 is HOSP's: a query naming another issuer must not reach their studies
        assertEquals(Set.of(), values(find(InformationModel.PATIENT_ROOT, QueryLevel.STUDY, Tag.PatientID, "P1",
                Tag.IssuerOfPatientID, "HOSP", Tag.StudyInstanceUID, null), Tag.StudyInstanceUID));
        assertEquals(Set.of(), values(find(InformationModel.PATIENT_ROOT, QueryLevel.STUDY, Tag.PatientID, "P3",
                Tag.IssuerOfPatientID, "OTHER", Tag.StudyInstanceUID, null), Tag.StudyInstanceUID));
        List<Attributes> r = find(InformationModel.PATIENT_ROOT, QueryLevel.STUDY, Tag.PatientID, "P3",
                Tag.IssuerOfPatientID, "HOSP", Tag.StudyInstanceUID, null);
        assertEquals(Set.of("9.4"), values(r, Tag.StudyInstanceUID));
        assertEquals("HOSP", r.get(0).getString(Tag.IssuerOfPatientID));
        assertEquals(Set.of("9.4.1"), values(find(InformationModel.PATIENT_ROOT, QueryLevel.SERIES,
                Tag.PatientID, "P3", Tag.IssuerOfPatientID, "HOSP", Tag.StudyInstanceUID, "9.4",
                Tag.SeriesInstanceUID, null), Tag.SeriesInstanceUID));
        assertEquals(Set.of("9.4"), values(find(InformationModel.PATIENT_ROOT, QueryLevel.STUDY, Tag.PatientID, "P3",
                Tag.IssuerOfPatientID, null, Tag.StudyInstanceUID, null), Tag.StudyInstanceUID), "empty: any issuer");

        assertEquals(0, catalog.locate(FindQuery.of(InformationModel.PATIENT_ROOT, keys(QueryLevel.PATIENT,
                Tag.PatientID, "P1", Tag.IssuerOfPatientID, "HOSP"), QueryOptions.DEFAULT)).size());
        assertEquals(2, catalog.locate(FindQuery.of(InformationModel.PATIENT_ROOT, keys(QueryLevel.PATIENT,
                Tag.PatientID, "P3", Tag.IssuerOfPatientID, "HOSP"), QueryOptions.DEFAULT)).size());
        assertEquals(0, catalog.locate(FindQuery.of(InformationModel.PATIENT_ROOT, keys(QueryLevel.STUDY,
                Tag.PatientID, "P3", Tag.IssuerOfPatientID, "OTHER", Tag.StudyInstanceUID, "9.4"),
                QueryOptions.DEFAULT)).size());
        assertEquals(2, catalog.locate(FindQuery.of(InformationModel.STUDY_ROOT, keys(QueryLevel.STUDY,
                Tag.IssuerOfPatientID, "OTHER", Tag.StudyInstanceUID, "9.4"), QueryOptions.DEFAULT)).size(),
                "Study Root retrieves name studies by their UIDs alone");
    }

    @Test
    void sopClassesInStudyAreListedAndPrivateKeysLeftOut() throws Exception {
        List<Attributes> r = find(InformationModel.STUDY_ROOT, QueryLevel.STUDY, Tag.StudyInstanceUID, "9.1",
                Tag.SOPClassesInStudy, null, 0x00090010, null, 0x00091001, null);
        assertEquals(1, r.size());
        assertArrayEquals(new String[] { UID.CTImageStorage }, r.get(0).getStrings(Tag.SOPClassesInStudy));
        assertFalse(r.get(0).contains(0x00090010), "no Private Creator without its block");
        assertFalse(r.get(0).contains(0x00091001));
        // at other levels it is not computed: returned empty, as keys of other levels are
        List<Attributes> series = find(InformationModel.STUDY_ROOT, QueryLevel.SERIES, Tag.StudyInstanceUID, "9.1",
                Tag.SeriesInstanceUID, null, Tag.SOPClassesInStudy, null);
        assertTrue(series.stream().allMatch(a -> a.contains(Tag.SOPClassesInStudy)
                && a.getString(Tag.SOPClassesInStudy) == null));
    }

    @Test
    void malformedRangesAndLevelsAreRefusedWithTheOffendingTag() {
        InvalidQueryException e = assertThrows(InvalidQueryException.class,
                () -> find(InformationModel.STUDY_ROOT, QueryLevel.STUDY, Tag.StudyDate, "2023xx01"));
        assertEquals(Tag.StudyDate, e.tag());
        assertThrows(InvalidQueryException.class,
                () -> find(InformationModel.STUDY_ROOT, QueryLevel.STUDY, Tag.StudyTime, "25-"));
        // keys matched on the stored attributes are checked too, not left to match nothing
        for (Object[] bad : new Object[][] { { Tag.AcquisitionDateTime, "abc" }, { Tag.AcquisitionDateTime,
            "20201399" }, { Tag.ContentDate, "abc" }, { Tag.ContentTime, "99" } }) {
            InvalidQueryException stored = assertThrows(InvalidQueryException.class, () -> find(
                    InformationModel.STUDY_ROOT, QueryLevel.IMAGE, Tag.StudyInstanceUID, "9.1", Tag.SeriesInstanceUID,
                    "9.1.1", bad[0], bad[1]), () -> bad[1] + " is refused");
            assertEquals((int) bad[0], stored.tag());
        }
        assertDoesNotThrow(() -> find(InformationModel.STUDY_ROOT, QueryLevel.IMAGE, Tag.StudyInstanceUID, "9.1",
                Tag.SeriesInstanceUID, "9.1.1", Tag.AcquisitionDateTime, "20200101-", Tag.ContentDate, "*"));
        InvalidQueryException level = assertThrows(InvalidQueryException.class, () -> FindQuery.of(
                InformationModel.PATIENT_STUDY_ONLY, keys(QueryLevel.SERIES), QueryOptions.DEFAULT));
        assertEquals(Tag.QueryRetrieveLevel, level.tag());
        Attributes noLevel = new Attributes();
        assertThrows(InvalidQueryException.class,
                () -> FindQuery.of(InformationModel.STUDY_ROOT, noLevel, QueryOptions.DEFAULT));
        assertThrows(InvalidQueryException.class, () -> FindQuery.of(InformationModel.STUDY_ROOT,
                keys(QueryLevel.PATIENT), QueryOptions.DEFAULT), "study root has no patient level");
    }

    @Test
    void patientStudyOnlyModelAnswersPatientAndStudyLevels() throws Exception {
        assertEquals(Set.of("P3"), values(find(InformationModel.PATIENT_STUDY_ONLY, QueryLevel.PATIENT,
                Tag.PatientName, "Ñ*", Tag.PatientID, null), Tag.PatientID));
        assertEquals(Set.of("9.4"), values(find(InformationModel.PATIENT_STUDY_ONLY, QueryLevel.STUDY,
                Tag.PatientID, "P3", Tag.StudyInstanceUID, null), Tag.StudyInstanceUID));
    }

    // ------------------------------------------------------------------ series and image levels

    @Test
    void seriesLevelMatchingWithColumnsAndStoredAttributes() throws Exception {
        assertThrows(InvalidQueryException.class,
                () -> find(InformationModel.STUDY_ROOT, QueryLevel.SERIES, Tag.Modality, "CT"));
        List<Attributes> r = find(InformationModel.STUDY_ROOT, QueryLevel.SERIES, Tag.StudyInstanceUID, "9.1",
                Tag.SeriesInstanceUID, null, Tag.Modality, null, Tag.SeriesNumber, null,
                Tag.NumberOfSeriesRelatedInstances, null, Tag.InstitutionName, null, Tag.StudyDescription, null);
        assertEquals(Set.of("9.1.1", "9.1.2"), values(r, Tag.SeriesInstanceUID));
        Attributes ct = r.stream().filter(a -> "CT".equals(a.getString(Tag.Modality))).findFirst().orElseThrow();
        assertEquals(3, ct.getInt(Tag.NumberOfSeriesRelatedInstances, -1));
        assertEquals("Hôpital Nord", ct.getString(Tag.InstitutionName));
        assertEquals("Thorax", ct.getString(Tag.StudyDescription));
        assertEquals(Set.of("9.1.2"), values(find(InformationModel.STUDY_ROOT, QueryLevel.SERIES,
                Tag.StudyInstanceUID, "9.1", Tag.SeriesNumber, "2", Tag.SeriesInstanceUID, null),
                Tag.SeriesInstanceUID));
        assertEquals(Set.of("9.1.2"), values(find(InformationModel.STUDY_ROOT, QueryLevel.SERIES,
                Tag.StudyInstanceUID, "9.1", Tag.Modality, "PR", Tag.SeriesInstanceUID, null),
                Tag.SeriesInstanceUID));
        assertEquals(Set.of("9.4.1"), values(find(InformationModel.PATIENT_ROOT, QueryLevel.SERIES,
                Tag.PatientID, "P3", Tag.StudyInstanceUID, "9.4", Tag.InstitutionName, "Hôp*",
                Tag.SeriesInstanceUID, null), Tag.SeriesInstanceUID), "matched on stored attributes");
        assertEquals(Set.of(), values(find(InformationModel.STUDY_ROOT, QueryLevel.SERIES,
                Tag.StudyInstanceUID, "9.2", Tag.InstitutionName, "Hôp*", Tag.SeriesInstanceUID, null),
                Tag.SeriesInstanceUID));
        assertEquals(Set.of(), values(find(InformationModel.STUDY_ROOT, QueryLevel.SERIES,
                Tag.StudyInstanceUID, "9.1", Tag.SeriesNumber, "x", Tag.SeriesInstanceUID, null),
                Tag.SeriesInstanceUID), "a non-number matches no IS value");
    }

    @Test
    void imageLevelInBothModels() throws Exception {
        assertThrows(InvalidQueryException.class, () -> find(InformationModel.PATIENT_ROOT, QueryLevel.IMAGE,
                Tag.PatientID, "P1", Tag.StudyInstanceUID, "9.1", Tag.SOPInstanceUID, null));
        List<Attributes> r = find(InformationModel.PATIENT_ROOT, QueryLevel.IMAGE, Tag.PatientID, "P1",
                Tag.StudyInstanceUID, "9.1", Tag.SeriesInstanceUID, "9.1.1", Tag.SOPInstanceUID, null,
                Tag.SOPClassUID, null, Tag.InstanceNumber, null, Tag.AvailableTransferSyntaxUID, null,
                Tag.Rows, null);
        assertEquals(Set.of("9.1.1.1", "9.1.1.2", "9.1.1.3"), values(r, Tag.SOPInstanceUID));
        Attributes first = r.stream().filter(a -> a.getString(Tag.SOPInstanceUID).equals("9.1.1.1")).findFirst()
                .orElseThrow();
        assertEquals("1.2.840.10008.5.1.4.1.1.2", first.getString(Tag.SOPClassUID));
        assertEquals("1", first.getString(Tag.InstanceNumber));
        assertEquals("1.2.840.10008.1.2.1", first.getString(Tag.AvailableTransferSyntaxUID));
        assertEquals(4, first.getInt(Tag.Rows, -1), "an instance attribute kept in the stored attributes");
        assertEquals(Set.of("9.1.1.2"), values(find(InformationModel.STUDY_ROOT, QueryLevel.IMAGE,
                Tag.StudyInstanceUID, "9.1", Tag.SeriesInstanceUID, "9.1.1", Tag.InstanceNumber, "2",
                Tag.SOPInstanceUID, null), Tag.SOPInstanceUID));
        assertEquals(Set.of("9.1.1.1", "9.1.1.3"), values(find(InformationModel.STUDY_ROOT, QueryLevel.IMAGE,
                Tag.StudyInstanceUID, "9.1", Tag.SeriesInstanceUID, "9.1.1", Tag.SOPInstanceUID,
                "9.1.1.1\\9.1.1.3\\9.2.1.1"), Tag.SOPInstanceUID), "a UID list at the image level");
    }

    @Test
    void relationalQueriesNeedNoUpperKeys() throws Exception {
        QueryOptions rel = QueryOptions.DEFAULT.withRelational(true);
        List<Attributes> r = find(InformationModel.STUDY_ROOT, rel, keys(QueryLevel.IMAGE, Tag.PatientName, "Mü*",
                Tag.Modality, "MR", Tag.SOPInstanceUID, null));
        assertEquals(Set.of("9.2.1.1", "9.2.1.2"), values(r, Tag.SOPInstanceUID));
    }

    @Test
    void longUidListsAreSplitIntoSeveralStatements() throws Exception {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            uids.add("8.8." + i);
        }
        uids.add(600, "9.3.1.2");
        uids.add("9.6.1.1");
        Attributes k = keys(QueryLevel.IMAGE);
        k.setString(Tag.SOPInstanceUID, VR.UI, uids.toArray(new String[0]));
        List<Attributes> r = find(InformationModel.STUDY_ROOT, QueryOptions.DEFAULT.withRelational(true), k);
        assertEquals(Set.of("9.3.1.2", "9.6.1.1"), values(r, Tag.SOPInstanceUID));
    }

    @Test
    void limitStopsTheStream() throws Exception {
        List<Attributes> r = find(InformationModel.PATIENT_ROOT, QueryOptions.DEFAULT.withLimit(2),
                keys(QueryLevel.PATIENT, Tag.PatientID, null));
        assertEquals(2, r.size());
        try (CatalogCursor<Attributes> c = catalog.find(FindQuery.of(InformationModel.PATIENT_ROOT,
                keys(QueryLevel.PATIENT), QueryOptions.DEFAULT))) {
            c.next(); // a C-CANCEL after the first response: closing the cursor is enough
        }
    }

    @Test
    void charactersTheStoredSetCannotHoldFallBackToUtf8() throws Exception {
        List<Attributes> r = find(InformationModel.STUDY_ROOT, QueryLevel.SERIES, Tag.StudyInstanceUID, "9.6",
                Tag.PatientName, null, Tag.InstitutionName, null, Tag.StudyDescription, null);
        assertEquals(1, r.size());
        assertEquals("ISO_IR 192", r.get(0).getString(Tag.SpecificCharacterSet));
        assertEquals("Αλέξης^Νίκος", r.get(0).getString(Tag.PatientName));
        assertEquals("Κλινική", r.get(0).getString(Tag.InstitutionName));
        // a Latin-1 query for the Greek patient's study: the stored study is UTF-8, values decode right
        List<Attributes> latin = find(InformationModel.STUDY_ROOT, QueryLevel.STUDY, Tag.ReferringPhysicianName,
                "Öztürk^Ayse", Tag.StudyDescription, null, Tag.StudyInstanceUID, null);
        assertEquals(Set.of("9.1", "9.6"), values(latin, Tag.StudyInstanceUID));
        assertEquals(Set.of("Thorax", "Ελληνικά"), values(latin, Tag.StudyDescription));
    }

    // ------------------------------------------------------------------ retrieve and the study browser

    @Test
    void locateFindsTheFilesOfARetrieve() throws Exception {
        List<InstanceFile> study = catalog.locate(FindQuery.of(InformationModel.STUDY_ROOT,
                keys(QueryLevel.STUDY, Tag.StudyInstanceUID, "9.1\\9.3"), QueryOptions.DEFAULT));
        assertEquals(6, study.size());
        assertEquals(Set.of("9.1", "9.3"), new TreeSet<>(study.stream().map(InstanceFile::studyUid).toList()));
        assertTrue(study.stream().allMatch(f -> f.file().path().equals("c/" + f.sopInstanceUid() + ".dcm")));
        List<InstanceFile> patient = catalog.locate(FindQuery.of(InformationModel.PATIENT_ROOT,
                keys(QueryLevel.PATIENT, Tag.PatientID, "P1"), QueryOptions.DEFAULT));
        assertEquals(6, patient.size());
        List<InstanceFile> series = catalog.locate(FindQuery.of(InformationModel.PATIENT_ROOT,
                keys(QueryLevel.SERIES, Tag.PatientID, "P1", Tag.StudyInstanceUID, "9.1", Tag.SeriesInstanceUID,
                        "9.1.2"), QueryOptions.DEFAULT));
        assertEquals(List.of("9.1.2.1"), series.stream().map(InstanceFile::sopInstanceUid).toList());
        InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> catalog.locate(FindQuery.of(
                InformationModel.STUDY_ROOT, keys(QueryLevel.STUDY, Tag.PatientID, "P1"), QueryOptions.DEFAULT)));
        assertEquals(Tag.StudyInstanceUID, e.tag());
        assertThrows(InvalidQueryException.class, () -> catalog.locate(FindQuery.of(InformationModel.PATIENT_ROOT,
                keys(QueryLevel.PATIENT, Tag.PatientID, "*"), QueryOptions.DEFAULT)), "no wildcard retrieves");
        assertEquals(2, catalog.instances(List.of("9.4.1.1", "9.4.1.2", "7.7")).size());
    }

    @Test
    void studyBrowserListUsesTheSameMatching() throws Exception {
        List<StudyRecord> r = new ArrayList<>();
        assertThrows(InvalidQueryException.class, () -> catalog.studies(FindQuery.of(InformationModel.STUDY_ROOT,
                keys(QueryLevel.STUDY, Tag.StudyDate, "2023"), QueryOptions.DEFAULT)), "\"2023\" is not a date");
        try (CatalogCursor<StudyRecord> c = catalog.studies(FindQuery.of(InformationModel.STUDY_ROOT,
                keys(QueryLevel.STUDY, Tag.PatientName, "Mü*", Tag.InstitutionName, "Kl*"), QueryOptions.DEFAULT))) {
            for (StudyRecord s = c.next(); s != null; s = c.next()) {
                r.add(s);
            }
        }
        assertEquals(2, r.size(), "InstitutionName is a series attribute: not matched at the study level");
        try (CatalogCursor<StudyRecord> c = catalog.studies(FindQuery.of(InformationModel.STUDY_ROOT,
                keys(QueryLevel.STUDY, Tag.PatientAge, "024Y"), QueryOptions.DEFAULT))) {
            StudyRecord s = c.next();
            assertEquals("9.4", s.studyUid());
            assertEquals("Ñúñez^José", s.patientName());
            assertEquals("US", s.modalities());
            assertNull(c.next());
        }
    }
}
