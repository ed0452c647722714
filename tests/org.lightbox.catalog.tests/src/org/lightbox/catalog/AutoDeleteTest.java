package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.internal.db.Sql;
import org.lightbox.dicom.core.TransferSyntax;

class AutoDeleteTest implements DatabaseUnderTest {

    @TempDir
    Path dir;

    private final DriverConnectionSource db = newDatabase();
    private Catalog catalog;
    private FileStore store;
    private final Instant now = Instant.parse("2025-06-01T12:00:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    @BeforeEach
    void open() throws Exception {
        catalog = Catalog.open(db, CatalogSettings.DEFAULT);
        store = FileStore.open(dir.resolve("store"), catalog, StoreSettings.DEFAULT.withFsync(FsyncPolicy.NEVER));
    }

    @AfterEach
    void close() throws IOException {
        store.close();
        catalog.close();
        dropDatabase(db);
    }

    /** A study of two instances received {@code daysAgo} days before {@link #now}. */
    private void study(String uid, int daysAgo) throws Exception {
        for (int i = 1; i <= 2; i++) {
            byte[] f = TestInstances.part10(TestInstances.withPixels(TestInstances.ct("P-" + uid, "Läufer^Åsa", uid,
                    uid + ".1", uid + ".1." + i)), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            store.importFile(Files.write(dir.resolve("f"), f));
        }
        Instant t = now.minus(Duration.ofDays(daysAgo));
        catalog.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE STUDY SET RECEIVED = ?, LAST_ACCESS = ? WHERE STUDY_UID = ?")) {
                Sql.setInstant(ps, 1, t);
                Sql.setInstant(ps, 2, t);
                ps.setString(3, uid);
                return ps.executeUpdate();
            }
        });
    }

    private Set<String> remaining() throws CatalogException {
        Set<String> s = new TreeSet<>();
        for (StudyRecord r : catalog.allStudies()) {
            s.add(r.studyUid());
        }
        return s;
    }

    private AutoDeleteReport run(RetentionPolicy p, long capacity) throws Exception {
        return new AutoDelete(store, p, () -> {
            try {
                return capacity - store.usedBytes();
            } catch (CatalogException e) {
                throw new IllegalStateException(e);
            }
        }, clock).run();
    }

    @Test
    void deletesStudiesOlderThanTheMaximumAgeAndLogsIt() throws Exception {
        study("1.4.1", 40);
        study("1.4.2", 10);
        study("1.4.3", 31);
        AutoDeleteReport r = run(RetentionPolicy.NONE.withMaxAge(Duration.ofDays(30),
                RetentionPolicy.AgeBasis.RECEIVED), Long.MAX_VALUE);
        assertEquals(List.of("1.4.1", "1.4.3"), r.deleted().stream().map(DeletedStudy::studyUid).toList(),
                "oldest first");
        assertEquals(Set.of("1.4.2"), remaining());
        assertFalse(Files.exists(store.root().resolve("1.4.1")));
        List<DeletionEvent> log = catalog.activityLog().deletions(null, null, 0);
        assertEquals(2, log.size());
        assertTrue(log.get(0).reason().contains("older than PT720H"), log.get(0).reason());
        assertEquals("Läufer^Åsa", log.get(0).patientName());
    }

    @Test
    void onlyStudiesInTheDeletableStatesAndNeverProtectedOnes() throws Exception {
        study("1.4.4", 50);
        study("1.4.5", 50);
        study("1.4.6", 50);
        study("1.4.7", 50);
        catalog.setState("1.4.5", StudyState.SENT);
        catalog.setState("1.4.6", StudyState.COMMITTED);
        catalog.setState("1.4.7", StudyState.COMMITTED);
        catalog.setProtected("1.4.7", true);
        RetentionPolicy p = RetentionPolicy.NONE.withMaxAge(Duration.ofDays(30), RetentionPolicy.AgeBasis.RECEIVED)
                .withDeletableStates(EnumSet.of(StudyState.SENT, StudyState.COMMITTED));
        AutoDeleteReport r = run(p, Long.MAX_VALUE);
        assertEquals(Set.of("1.4.5", "1.4.6"), new TreeSet<>(r.deleted().stream().map(DeletedStudy::studyUid).toList()));
        assertEquals(Set.of("1.4.4", "1.4.7"), remaining());
    }

    @Test
    void deleteOnceCommittedDeletesCommittedStudiesWhateverTheirAge() throws Exception {
        study("1.4.20", 1);
        study("1.4.21", 1);
        study("1.4.22", 1);
        study("1.4.23", 1);
        catalog.setState("1.4.20", StudyState.COMMITTED);
        catalog.setState("1.4.21", StudyState.SENT);
        catalog.setState("1.4.22", StudyState.COMMITTED);
        catalog.setProtected("1.4.22", true);
        catalog.setState("1.4.23", StudyState.COMMITTED);
        RetentionPolicy p = RetentionPolicy.NONE.withDeleteOnceCommitted(true);
        try (Pin pin = catalog.pin("1.4.23")) {
            AutoDeleteReport r = run(p, Long.MAX_VALUE);
            assertEquals(List.of("1.4.20"), r.deleted().stream().map(DeletedStudy::studyUid).toList());
            assertTrue(r.deleted().get(0).reason().contains("committed"), r.deleted().get(0).reason());
            assertEquals(List.of("1.4.23"), r.skipped(), "a study being sent or read is left alone");
        }
        AutoDeleteReport again = run(p, Long.MAX_VALUE);
        assertEquals(List.of("1.4.23"), again.deleted().stream().map(DeletedStudy::studyUid).toList(),
                "the pinned one goes once released");
        assertEquals(Set.of("1.4.21", "1.4.22"), remaining(), "sent and protected ones stay");
        assertFalse(RetentionPolicy.NONE.deleteOnceCommitted());
        assertTrue(run(RetentionPolicy.NONE.withMaxAge(Duration.ofDays(30), RetentionPolicy.AgeBasis.RECEIVED),
                Long.MAX_VALUE).deleted().isEmpty(), "without the rule a young committed study stays");
    }

    @Test
    void aPinnedStudyIsSkippedAndDeletedOnceReleased() throws Exception {
        study("1.4.8", 60);
        RetentionPolicy p = RetentionPolicy.NONE.withMaxAge(Duration.ofDays(30), RetentionPolicy.AgeBasis.RECEIVED);
        try (Pin pin = catalog.pin("1.4.8")) {
            AutoDeleteReport r = run(p, Long.MAX_VALUE);
            assertTrue(r.deleted().isEmpty());
            assertEquals(List.of(pin.studyUid()), r.skipped());
        }
        assertEquals(1, run(p, Long.MAX_VALUE).deleted().size());
    }

    @Test
    void lastAccessKeepsAStudyInUseAlive() throws Exception {
        study("1.4.9", 60);
        study("1.4.10", 60);
        catalog.pin("1.4.10").close(); // read just now (real time, after the fixed clock's "now")
        RetentionPolicy p = RetentionPolicy.NONE.withMaxAge(Duration.ofDays(30), RetentionPolicy.AgeBasis.LAST_ACCESS);
        AutoDeleteReport r = new AutoDelete(store, p, () -> Long.MAX_VALUE, Clock.systemUTC()).run();
        assertEquals(List.of("1.4.9"), r.deleted().stream().map(DeletedStudy::studyUid).toList());
    }

    @Test
    void quotaAndFreeSpaceDeleteOldestFirstUntilSatisfied() throws Exception {
        study("1.4.11", 5);
        study("1.4.12", 4);
        study("1.4.13", 3);
        study("1.4.14", 2);
        long perStudy = catalog.study("1.4.11").orElseThrow().sizeOnDisk();
        AutoDeleteReport quota = run(RetentionPolicy.NONE.withMaxStoreBytes(3 * perStudy), Long.MAX_VALUE);
        assertEquals(List.of("1.4.11"), quota.deleted().stream().map(DeletedStudy::studyUid).toList());
        assertEquals(3 * perStudy, quota.usedBytesAfter());
        assertTrue(quota.deleted().get(0).reason().contains("quota"));
        // a disk of 4 studies' size holding 3: free space of one study; ask for two
        AutoDeleteReport space = run(RetentionPolicy.NONE.withMinFreeBytes(2 * perStudy), 4 * perStudy);
        assertEquals(List.of("1.4.12"), space.deleted().stream().map(DeletedStudy::studyUid).toList());
        assertEquals(2 * perStudy, space.freeBytesAfter());
        assertTrue(space.deleted().get(0).reason().contains("free space"));
        assertEquals(Set.of("1.4.13", "1.4.14"), remaining());
        assertTrue(run(RetentionPolicy.NONE, 0).deleted().isEmpty(), "no rules, no deletion");
    }
}
