package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

class IndexingTest implements DatabaseUnderTest {

    private final DriverConnectionSource db = newDatabase();
    private Catalog catalog;

    @BeforeEach
    void open() throws Exception {
        catalog = Catalog.open(db, CatalogSettings.DEFAULT);
    }

    @AfterEach
    void close() {
        catalog.close();
        dropDatabase(db);
    }

    private static StoredFile file(String name, long size) {
        return new StoredFile("s1", "x/" + name + ".dcm", size, "1.2.840.10008.1.2.1", "CRC32C:00000000");
    }

    @Test
    void buildsTheHierarchyAndKeepsCountsSizeAndModalities() throws Exception {
        Attributes a = TestInstances.ct("P1", "Müller^Jürgen", "1.2.3.1", "1.2.3.1.1", "1.2.3.1.1.1");
        IndexedInstance first = catalog.index(a, file("a", 100));
        assertTrue(first.newStudy());
        assertTrue(first.newSeries());
        assertEquals(0, first.duplicateNumber());

        Attributes b = TestInstances.ct("P1", "Müller^Jürgen", "1.2.3.1", "1.2.3.1.1", "1.2.3.1.1.2");
        IndexedInstance second = catalog.index(b, file("b", 200));
        assertFalse(second.newStudy());
        assertFalse(second.newSeries());

        Attributes c = TestInstances.ct("P1", "Müller^Jürgen", "1.2.3.1", "1.2.3.1.2", "1.2.3.1.2.1");
        c.setString(Tag.Modality, VR.CS, "PR");
        assertTrue(catalog.index(c, file("c", 50)).newSeries());

        StudyRecord s = catalog.study("1.2.3.1").orElseThrow();
        assertEquals(2, s.numberOfSeries());
        assertEquals(3, s.numberOfInstances());
        assertEquals(350, s.sizeOnDisk());
        assertEquals("CT\\PR", s.modalities());
        assertEquals("Müller^Jürgen", s.patientName());
        assertEquals("P1", s.patientId());
        assertEquals("20240115", s.studyDate());
        assertEquals(StudyState.RECEIVED, s.state());
        assertFalse(s.isProtected());

        List<SeriesRecord> series = catalog.series("1.2.3.1");
        assertEquals(2, series.size());
        assertEquals(2, series.stream().filter(x -> x.seriesUid().equals("1.2.3.1.1")).findFirst().orElseThrow()
                .numberOfInstances());
        List<InstanceFile> files = catalog.instancesOfStudy("1.2.3.1");
        assertEquals(3, files.size());
        assertEquals(Set.of("x/a.dcm", "x/b.dcm", "x/c.dcm"),
                new TreeSet<>(files.stream().map(f -> f.file().path()).toList()));
        assertEquals("CRC32C:00000000", files.get(0).file().checksum());
    }

    /** Two studies, new series, a duplicate inside the batch and a replaced copy of an older instance. */
    private static List<Attributes> burst() {
        List<Attributes> xs = new ArrayList<>();
        xs.add(TestInstances.ct("P7", "Batch^A", "7.1", "7.1.1", "7.1.1.1"));
        xs.add(TestInstances.ct("P7", "Batch^A", "7.1", "7.1.1", "7.1.1.2"));
        Attributes pr = TestInstances.ct("P7", "Batch^A", "7.1", "7.1.2", "7.1.2.1");
        pr.setString(Tag.Modality, VR.CS, "PR");
        xs.add(pr);
        xs.add(TestInstances.ct("P8", "Batch^B", "7.2", "7.2.1", "7.2.1.1"));
        xs.add(TestInstances.ct("P7", "Batch^A", "7.1", "7.1.1", "7.1.1.2")); // the same instance again
        xs.add(TestInstances.ct("P7", "Batch^A", "7.1", "7.1.1", "7.1.1.3"));
        return xs;
    }

    private static String state(Catalog c) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String uid : List.of("7.1", "7.2")) {
            StudyRecord s = c.study(uid).orElseThrow();
            sb.append(uid).append(' ').append(s.numberOfSeries()).append(' ').append(s.numberOfInstances())
                    .append(' ').append(s.sizeOnDisk()).append(' ').append(s.modalities()).append(' ')
                    .append(s.patientId()).append('\n');
            for (SeriesRecord se : c.series(uid)) {
                sb.append("  ").append(se.seriesUid()).append(' ').append(se.numberOfInstances()).append('\n');
            }
            for (InstanceFile f : c.instancesOfStudy(uid)) {
                sb.append("  ").append(f.sopInstanceUid()).append(' ').append(f.file().path()).append('\n');
            }
        }
        return sb.toString();
    }

    @Test
    void aBatchLeavesTheCatalogAsOneByOneIndexingDoes() throws Exception {
        for (DuplicatePolicy policy : List.of(DuplicatePolicy.KEEP_BOTH, DuplicatePolicy.REPLACE)) {
            List<Attributes> xs = burst();
            List<StoredFile> files = new ArrayList<>();
            for (int i = 0; i < xs.size(); i++) {
                files.add(file("f" + i, 100 + i));
            }
            DriverConnectionSource one = newDatabase();
            DriverConnectionSource batch = newDatabase();
            try (Catalog a = Catalog.open(one, CatalogSettings.DEFAULT.withDuplicatePolicy(policy));
                    Catalog b = Catalog.open(batch, CatalogSettings.DEFAULT.withDuplicatePolicy(policy))) {
                List<IndexedInstance> single = new ArrayList<>();
                for (int i = 0; i < xs.size(); i++) {
                    single.add(a.index(xs.get(i), files.get(i)));
                }
                List<IndexedInstance> together = b.indexAll(xs, files);
                assertEquals(single, together, policy + ": what each instance reports");
                assertEquals(state(a), state(b), policy + ": counts, size, modalities and files");
                assertEquals("CT\\PR", b.study("7.1").orElseThrow().modalities());
                if (policy == DuplicatePolicy.REPLACE) {
                    assertEquals(List.of(files.get(1)), together.get(4).replaced(), "the older copy is replaced");
                }
            } finally {
                dropDatabase(one);
                dropDatabase(batch);
            }
        }
    }

    @Test
    void aNewInstanceSetsASentStudyBackToReceived() throws Exception {
        catalog.index(TestInstances.ct("P1", "A^B", "1.5", "1.5.1", "1.5.1.1"), file("a", 1));
        assertTrue(catalog.setState("1.5", StudyState.SENT));
        assertTrue(catalog.setProtected("1.5", true));
        assertEquals(StudyState.SENT, catalog.study("1.5").orElseThrow().state());
        catalog.index(TestInstances.ct("P1", "A^B", "1.5", "1.5.1", "1.5.1.2"), file("b", 1));
        StudyRecord s = catalog.study("1.5").orElseThrow();
        assertEquals(StudyState.RECEIVED, s.state());
        assertTrue(s.isProtected());
        assertFalse(catalog.setState("9.9.9", StudyState.SENT), "no such study");
    }

    @Test
    void patientsWithoutIdAreKeptApartByNameAndBirthDate() throws Exception {
        Attributes a = TestInstances.ct("", "Doe^Jane", "1.6", "1.6.1", "1.6.1.1");
        a.remove(Tag.PatientID);
        Attributes b = TestInstances.ct("", "Doe^John", "1.7", "1.7.1", "1.7.1.1");
        b.remove(Tag.PatientID);
        catalog.index(a, file("a", 1));
        catalog.index(b, file("b", 1));
        int patients = catalog.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM PATIENT")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(2, patients);
    }

    @Test
    void refusesAnInstanceWithoutItsUids() {
        Attributes a = TestInstances.ct("P1", "A^B", "1.8", "1.8.1", "1.8.1.1");
        a.remove(Tag.SeriesInstanceUID);
        InvalidInstanceException e = assertThrows(InvalidInstanceException.class,
                () -> catalog.index(a, file("a", 1)));
        assertTrue(e.getMessage().contains("(0020,000e)"), e.getMessage());
    }

    @Test
    void keepBothKeepsTheExistingInstanceAndAddsTheNewOne() throws Exception {
        Attributes a = TestInstances.ct("P1", "A^B", "1.9", "1.9.1", "1.9.1.1");
        catalog.index(a, file("first", 10), DuplicatePolicy.KEEP_BOTH);
        IndexedInstance again = catalog.index(a, file("second", 20), DuplicatePolicy.KEEP_BOTH);
        assertEquals(1, again.duplicateNumber());
        assertTrue(again.replaced().isEmpty());
        List<InstanceFile> copies = catalog.instances(List.of("1.9.1.1"));
        assertEquals(2, copies.size());
        assertEquals(2, catalog.study("1.9").orElseThrow().numberOfInstances());
    }

    @Test
    void rejectRefusesTheDuplicateAndChangesNothing() throws Exception {
        Attributes a = TestInstances.ct("P1", "A^B", "1.10", "1.10.1", "1.10.1.1");
        catalog.index(a, file("first", 10), DuplicatePolicy.REJECT);
        Attributes other = TestInstances.ct("P2", "C^D", "1.11", "1.11.1", "1.10.1.1");
        DuplicateInstanceException e = assertThrows(DuplicateInstanceException.class,
                () -> catalog.index(other, file("second", 20), DuplicatePolicy.REJECT));
        assertEquals("1.10.1.1", e.sopInstanceUid());
        assertEquals(1, catalog.instances(List.of("1.10.1.1")).size());
        assertTrue(catalog.study("1.11").isEmpty(), "the rejected instance's new study was rolled back");
    }

    @Test
    void replaceSwapsTheInstanceAndReportsTheOldFile() throws Exception {
        Attributes a = TestInstances.ct("P1", "A^B", "1.12", "1.12.1", "1.12.1.1");
        catalog.index(a, file("old", 10), DuplicatePolicy.REPLACE);
        catalog.index(TestInstances.ct("P1", "A^B", "1.12", "1.12.1", "1.12.1.2"), file("other", 5));
        IndexedInstance r = catalog.index(a, file("new", 30), DuplicatePolicy.REPLACE);
        assertEquals(List.of("x/old.dcm"), r.replaced().stream().map(StoredFile::path).toList());
        List<InstanceFile> copies = catalog.instances(List.of("1.12.1.1"));
        assertEquals(1, copies.size());
        assertEquals("x/new.dcm", copies.get(0).file().path());
        StudyRecord s = catalog.study("1.12").orElseThrow();
        assertEquals(2, s.numberOfInstances());
        assertEquals(35, s.sizeOnDisk());
        List<DeletionEvent> log = catalog.activityLog().deletions(null, null, 0);
        assertEquals(1, log.size());
        assertTrue(log.get(0).reason().contains("replaced"), log.get(0).reason());
    }

    @Test
    void aReplacingCopyCorrectsThePatientStudyAndSeriesItBelongsTo() throws Exception {
        catalog.index(TestInstances.ct("P1", "Imp^Ort", "1.15", "1.15.1", "1.15.1.1"), file("old", 10));
        Attributes fixed = TestInstances.ct("P1", "Corrected^Name", "1.15", "1.15.1", "1.15.1.1");
        fixed.setString(Tag.StudyDate, VR.DA, "20240202");
        fixed.setString(Tag.StudyDescription, VR.LO, "Knee");
        fixed.setString(Tag.Modality, VR.CS, "MR");
        fixed.setString(Tag.SeriesDescription, VR.LO, "Sagittal");
        catalog.index(fixed, file("new", 12), DuplicatePolicy.REPLACE);
        StudyRecord s = catalog.study("1.15").orElseThrow();
        assertEquals("Corrected^Name", s.patientName());
        assertEquals("20240202", s.studyDate());
        assertEquals("Knee", s.description());
        assertEquals("MR", s.modalities());
        assertEquals(1, s.numberOfInstances());
        SeriesRecord series = catalog.series("1.15").get(0);
        assertEquals("MR", series.modality());
        assertEquals("Sagittal", series.description());
        // and as a C-FIND sees it, stored attributes included
        Attributes keys = new Attributes();
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        keys.setString(Tag.StudyInstanceUID, VR.UI, "1.15");
        keys.setNull(Tag.PatientName, VR.PN);
        keys.setNull(Tag.ModalitiesInStudy, VR.CS);
        try (CatalogCursor<Attributes> c = catalog.find(FindQuery.of(InformationModel.STUDY_ROOT, keys,
                QueryOptions.DEFAULT))) {
            Attributes m = c.next();
            assertEquals("Corrected^Name", m.getString(Tag.PatientName));
            assertEquals("MR", m.getString(Tag.ModalitiesInStudy));
        }
        // keep-both adds a copy and corrects nothing
        Attributes again = TestInstances.ct("P1", "Third^Try", "1.15", "1.15.1", "1.15.1.1");
        catalog.index(again, file("third", 12), DuplicatePolicy.KEEP_BOTH);
        assertEquals("Corrected^Name", catalog.study("1.15").orElseThrow().patientName());
    }

    @Test
    void replacingTheOnlyInstanceOfAnotherStudyRemovesThatStudy() throws Exception {
        catalog.index(TestInstances.ct("P1", "A^B", "1.13", "1.13.1", "1.13.1.1"), file("old", 10));
        catalog.index(TestInstances.ct("P2", "C^D", "1.14", "1.14.1", "1.13.1.1"), file("new", 10),
                DuplicatePolicy.REPLACE);
        assertTrue(catalog.study("1.13").isEmpty());
        assertEquals("1.14", catalog.instances(List.of("1.13.1.1")).get(0).studyUid());
    }

    @Test
    void concurrentAssociationsStoringIntoOneStudyKeepItConsistent() throws Exception {
        int threads = 6;
        int perThread = 30;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        // every thread adds to three shared series, and one in three instances is the same
                        // duplicate UID for all threads (kept both by the default policy)
                        String series = "2.1.1." + (i % 3);
                        String sop = i % 10 == 0 ? "2.1.9." + i : "2.1.1." + thread + "." + i;
                        Attributes a = TestInstances.ct("P9", "Øster^Åse", "2.1", series, sop);
                        a.setString(Tag.Modality, VR.CS, i % 3 == 2 ? "MR" : "CT");
                        catalog.index(a, new StoredFile("s1", "p/" + thread + "/" + i, 1, "1.2.840.10008.1.2", null));
                    }
                    return perThread;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(perThread, f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        StudyRecord s = catalog.study("2.1").orElseThrow();
        assertEquals(threads * perThread, s.numberOfInstances());
        assertEquals(threads * perThread, s.sizeOnDisk());
        assertEquals(3, s.numberOfSeries());
        assertEquals("CT\\MR", s.modalities());
        int sum = catalog.series("2.1").stream().mapToInt(SeriesRecord::numberOfInstances).sum();
        assertEquals(threads * perThread, sum);
        assertEquals(threads, catalog.instances(List.of("2.1.9.0")).size(), "every thread's duplicate kept");
        int patients = catalog.read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM PATIENT")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(1, patients);
    }
}
