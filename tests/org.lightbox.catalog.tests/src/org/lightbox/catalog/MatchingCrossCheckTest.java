package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.lightbox.catalog.internal.query.AttributeMatcher;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

/**
 * The SQL translation of matching against the in-memory matcher (which implements PS3.4 C.2.2.2 directly on
 * attributes): for many study-level keys, both must select the same studies of {@link QueryCorpus}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one corpus per class, loaded by the instance's database
class MatchingCrossCheckTest implements DatabaseUnderTest {

    private DriverConnectionSource db;
    private Catalog catalog;
    /** Per study: its first instance, with Modalities in Study as the catalog computes it. */
    private final Map<String, Attributes> studies = new LinkedHashMap<>();

    @BeforeAll
    void load() throws Exception {
        db = newDatabase();
        catalog = Catalog.open(db, CatalogSettings.DEFAULT);
        QueryCorpus.load(catalog);
        Map<String, Set<String>> modalities = new LinkedHashMap<>();
        for (Attributes a : QueryCorpus.instances()) {
            String uid = a.getString(Tag.StudyInstanceUID);
            studies.putIfAbsent(uid, new Attributes(a));
            modalities.computeIfAbsent(uid, k -> new TreeSet<>()).add(a.getString(Tag.Modality));
        }
        for (Map.Entry<String, Attributes> e : studies.entrySet()) {
            e.getValue().setString(Tag.ModalitiesInStudy, VR.CS, modalities.get(e.getKey()).toArray(new String[0]));
        }
    }

    @AfterAll
    void close() {
        catalog.close();
        dropDatabase(db);
    }

    private static final Object[][] CASES = {
        { Tag.PatientName, "Müller^Jürgen" }, { Tag.PatientName, "M*" }, { Tag.PatientName, "*ü*" },
        { Tag.PatientName, "?ü*" }, { Tag.PatientName, "*^J*" }, { Tag.PatientName, "müller*" },
        { Tag.PatientName, "100%_Test^X" }, { Tag.PatientName, "Αλέξης*" }, { Tag.PatientName, "*" },
        { Tag.PatientID, "P1" }, { Tag.PatientID, "P?" }, { Tag.PatientID, "P1\\P3" }, { Tag.PatientID, "X" },
        { Tag.PatientBirthDate, "19700101-19851231" }, { Tag.PatientBirthDate, "-19691231" },
        { Tag.PatientBirthDate, "20000229" }, { Tag.PatientSex, "M" }, { Tag.PatientSex, "F\\O" },
        { Tag.StudyDate, "20240101-20241231" }, { Tag.StudyDate, "20231231" }, { Tag.StudyDate, "-20230110" },
        { Tag.StudyDate, "20190505\\20240615" }, { Tag.StudyTime, "0700-1015" }, { Tag.StudyTime, "10" },
        { Tag.StudyTime, "235959-" }, { Tag.StudyTime, "-0830" }, { Tag.AccessionNumber, "A*" },
        { Tag.AccessionNumber, "B5" }, { Tag.AccessionNumber, "?5" }, { Tag.StudyID, "ID*" },
        { Tag.StudyDescription, "*a*" }, { Tag.StudyDescription, "Caf?" }, { Tag.StudyDescription, "50% off_x" },
        { Tag.StudyDescription, "Ελληνικά" }, { Tag.ReferringPhysicianName, "Öztürk^Ayse" },
        { Tag.ReferringPhysicianName, "ÖZTÜRK*" }, { Tag.ReferringPhysicianName, "Dr*" },
        { Tag.ModalitiesInStudy, "CT" }, { Tag.ModalitiesInStudy, "CT\\MR" }, { Tag.ModalitiesInStudy, "?R" },
        { Tag.ModalitiesInStudy, "U*" }, { Tag.StudyInstanceUID, "9.2" },
        { Tag.StudyInstanceUID, "9.2\\9.5\\9.9" }, };

    @TestFactory
    Stream<DynamicTest> sqlAndAttributeMatchingAgree() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] c : CASES) {
            for (boolean ignoreCase : new boolean[] { false, true }) {
                int tag = (Integer) c[0];
                String value = (String) c[1];
                tests.add(DynamicTest.dynamicTest(Tag.toString(tag) + "=" + value + (ignoreCase ? " (ignoring case)" : ""),
                        () -> check(tag, value, ignoreCase)));
            }
        }
        return tests.stream();
    }

    private void check(int tag, String value, boolean ignoreCase) throws Exception {
        Attributes keys = FindTest.keys(QueryLevel.STUDY, tag, value);
        if (tag != Tag.StudyInstanceUID) {
            keys.setNull(Tag.StudyInstanceUID, VR.UI);
        }
        Set<String> expected = new TreeSet<>();
        for (Map.Entry<String, Attributes> e : studies.entrySet()) {
            if (AttributeMatcher.matches(keys, tag, e.getValue(), ignoreCase)) {
                expected.add(e.getKey());
            }
        }
        QueryOptions options = QueryOptions.DEFAULT.withCaseInsensitivePersonNames(ignoreCase);
        Set<String> actual = new TreeSet<>();
        try (CatalogCursor<Attributes> c = catalog.find(FindQuery.of(InformationModel.STUDY_ROOT, keys, options))) {
            for (Attributes a = c.next(); a != null; a = c.next()) {
                actual.add(a.getString(Tag.StudyInstanceUID));
            }
        }
        assertEquals(expected, actual);
    }
}
