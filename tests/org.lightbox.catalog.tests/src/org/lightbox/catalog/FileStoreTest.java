package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomFile;
import org.lightbox.dicom.core.io.DicomReader;

class FileStoreTest extends StoreFixture {


    /** Receives like the storage service: meta written by the store, data set bytes as they came. */
    private StoredInstance receive(FileStore s, Attributes ds, TransferSyntax ts) throws Exception {
        try (IncomingFile in = s.create(ds.getString(Tag.SOPClassUID), ds.getString(Tag.SOPInstanceUID), ts.uid(),
                "MODALITY1")) {
            in.output().write(TestInstances.dataset(ds, ts));
            return in.commit();
        }
    }

    private long filesUnder(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void storesTheReceivedBytesUnchangedAndIndexesThem() throws Exception {
        Attributes ds = TestInstances.withPixels(TestInstances.ct("P1", "Müller^Jürgen", "1.2.40.1", "1.2.40.1.1",
                "1.2.40.1.1.1"));
        ds.setString(0x00090010, VR.LO, "ACME 1.0");
        ds.setBytes(0x00091001, VR.UN, new byte[] { 1, 2, 3, 4 });
        byte[] body = TestInstances.dataset(ds, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN);
        StoredInstance s;
        try (IncomingFile in = store.create(UID.CTImageStorage, "1.2.40.1.1.1", UID.ExplicitVRBigEndian, "CT1")) {
            in.output().write(body, 0, 10);
            in.output().write(body, 10, body.length - 10);
            s = in.commit();
        }
        assertEquals("1.2.40.1/1.2.40.1.1/1.2.40.1.1.1.dcm", s.file().path());
        assertEquals(s.path(), store.resolve(s.file()));
        byte[] onDisk = Files.readAllBytes(s.path());
        byte[] tail = java.util.Arrays.copyOfRange(onDisk, onDisk.length - body.length, onDisk.length);
        assertArrayEquals(body, tail, "the data set is stored byte for byte as received");
        assertEquals(onDisk.length, s.file().size());
        assertEquals(UID.ExplicitVRBigEndian, s.file().transferSyntaxUid());
        assertTrue(s.file().checksum().matches("CRC32C:[0-9a-f]{8}"));
        DicomFile f = DicomReader.readFile(s.path());
        assertEquals("CT1", f.fileMetaInformation().getString(Tag.SourceApplicationEntityTitle));
        assertEquals("1.2.40.1.1.1", f.fileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID));
        assertEquals("Müller^Jürgen", f.dataset().getString(Tag.PatientName));
        assertArrayEquals(new byte[] { 1, 2, 3, 4 }, f.dataset().getBytes(0x00091001), "private data kept");
        List<InstanceFile> indexed = catalog.instancesOfStudy("1.2.40.1");
        assertEquals(1, indexed.size());
        assertEquals(s.file(), indexed.get(0).file());
        assertEquals(0, filesUnder(store.root().resolve("incoming")), "no temporary file left");
    }

    @Test
    void writesOfEverySizeLandInOrderWithTheirChecksum() throws Exception {
        Attributes ds = TestInstances.withPixels(TestInstances.ct("P8", "Sizes^Test", "1.2.47", "1.2.47.1",
                "1.2.47.1.1"));
        ds.setString(0x00090010, VR.LO, "ACME 1.0");
        ds.setBytes(0x00091002, VR.OB, new byte[150_000]); // writes larger than the 64 KB write buffer
        byte[] body = TestInstances.dataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        StoredInstance s;
        try (IncomingFile in = store.create(UID.CTImageStorage, "1.2.47.1.1", UID.ExplicitVRLittleEndian, "CT1")) {
            for (int i = 0; i < 100; i++) {
                in.output().write(body[i]);
            }
            in.output().write(body, 100, 70_000);
            for (int off = 70_100; off < body.length; off += 1000) {
                in.output().write(body, off, Math.min(1000, body.length - off));
            }
            s = in.commit();
        }
        byte[] onDisk = Files.readAllBytes(s.path());
        assertArrayEquals(body, java.util.Arrays.copyOfRange(onDisk, onDisk.length - body.length, onDisk.length));
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(onDisk);
        assertEquals(String.format("CRC32C:%08x", crc.getValue()), s.file().checksum());
        assertEquals(onDisk.length, s.file().size());
    }

    @Test
    void aHeaderLongerThanTheKeptBytesIsReadFromTheFile() throws Exception {
        // the store parses the header from the first bytes it kept in memory; here Study and Series Instance UID
        // lie beyond them, behind a 40 KB private value, and the pixels follow
        Attributes ds = TestInstances.withPixels(TestInstances.ct("P9", "Long^Header", "1.2.49", "1.2.49.1",
                "1.2.49.1.1"));
        ds.setString(0x00090010, VR.LO, "ACME 1.0");
        ds.setBytes(0x00091002, VR.OB, new byte[40_000]);
        StoredInstance s = receive(store, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals("1.2.49/1.2.49.1/1.2.49.1.1.dcm", s.file().path());
        assertEquals("1.2.49.1", catalog.instancesOfStudy("1.2.49").get(0).seriesUid());
        // and a whole file smaller than the kept bytes, without pixels: parsed from memory to its end
        Attributes small = TestInstances.ct("P9", "Long^Header", "1.2.49", "1.2.49.2", "1.2.49.2.1");
        StoredInstance t = receive(store, small, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals("1.2.49/1.2.49.2/1.2.49.2.1.dcm", t.file().path());
        assertEquals(2, catalog.instancesOfStudy("1.2.49").size());
    }

    @Test
    @org.junit.jupiter.api.Timeout(120) // a lost file or a stopped indexer would leave await() waiting for ever
    void awaitingWhileAStreamIsIndexedLosesAndRepeatsNothing() throws Exception {
        // a burst longer than a batch, with await() called from another thread all along (each call nudges the
        // indexer out of its wait for more files): every file is catalogued once, and await() sees all before it
        int files = 200;
        java.util.concurrent.ConcurrentHashMap<String, Integer> told = new java.util.concurrent.ConcurrentHashMap<>();
        IndexingListener listener = new IndexingListener() {
            @Override
            public void indexed(StoredInstance instance) {
                told.merge(instance.indexed().sopInstanceUid(), 1, Integer::sum);
            }

            @Override
            public void failed(Path file, CatalogException cause) {
                told.merge("failed " + file, 1, Integer::sum);
            }
        };
        java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger awaits = new java.util.concurrent.atomic.AtomicInteger();
        Thread waiter = new Thread(() -> {
            while (sending.get()) {
                store.awaitIndexing();
                awaits.incrementAndGet();
            }
        });
        waiter.start();
        try {
            for (int i = 1; i <= files; i++) {
                String study = "1.2.48." + (i % 2);
                Attributes ds = TestInstances.ct("P48", "Stream^Test", study, study + ".1", study + ".1." + i);
                try (IncomingFile in = store.create(UID.CTImageStorage, study + ".1." + i,
                        UID.ExplicitVRLittleEndian, "CT1")) {
                    in.output().write(TestInstances.dataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
                    in.commitThenIndex(listener);
                }
                if (i == files / 2) {
                    store.awaitIndexing();
                    assertEquals(files / 2, told.size(), "await() returns once everything before it is catalogued");
                }
            }
        } finally {
            sending.set(false);
            waiter.join();
        }
        store.awaitIndexing();
        assertEquals(files, told.size());
        assertTrue(told.values().stream().allMatch(n -> n == 1), "each file told once: " + told);
        assertEquals(files / 2, catalog.instancesOfStudy("1.2.48.0").size());
        assertEquals(files / 2, catalog.instancesOfStudy("1.2.48.1").size());
        assertTrue(awaits.get() > 0);
    }

    @Test
    void importCopiesAPart10File() throws Exception {
        Attributes ds = TestInstances.withPixels(TestInstances.ct("P2", "A^B", "1.2.41", "1.2.41.1", "1.2.41.1.1"));
        byte[] part10 = TestInstances.part10(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        Path src = Files.write(dir.resolve("in.dcm"), part10);
        StoredInstance s = store.importFile(src);
        assertArrayEquals(part10, Files.readAllBytes(s.path()));
        assertEquals(UID.ImplicitVRLittleEndian, s.file().transferSyntaxUid());
        Path bare = Files.write(dir.resolve("bare.dcm"), TestInstances.dataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertThrows(InvalidInstanceException.class, () -> store.importFile(bare));
        Path junk = Files.write(dir.resolve("junk.dcm"), new byte[500]);
        assertThrows(InvalidInstanceException.class, () -> store.importFile(junk));
        assertEquals(1, filesUnder(store.root()) - 2, "only the good file (besides store-id and .lock)");
    }

    @Test
    void anAbandonedOrFailedReceptionLeavesNothing() throws Exception {
        try (IncomingFile in = store.create()) {
            in.output().write(new byte[1000]);
            assertTrue(Files.exists(in.temporaryPath()));
        }
        Attributes noSeries = TestInstances.ct("P3", "A^B", "1.2.42", "1.2.42.1", "1.2.42.1.1");
        noSeries.remove(Tag.SeriesInstanceUID);
        assertThrows(InvalidInstanceException.class, () -> receive(store, noSeries,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertEquals(0, filesUnder(store.root().resolve("incoming")));
        assertFalse(Files.exists(store.root().resolve("1.2.42")));
    }

    @Test
    void hostileUidsNeverEscapeTheStore() throws Exception {
        Attributes ds = TestInstances.ct("P4", "A^B", "../../evil", "1.2.43.1/..", "..\\x");
        StoredInstance s = receive(store, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertTrue(s.path().startsWith(store.root()));
        assertTrue(s.file().path().matches("x[0-9a-f]{32}/x[0-9a-f]{32}/x[0-9a-f]{32}\\.dcm"), s.file().path());
        assertThrows(IllegalArgumentException.class, () -> new StoredFile(store.storeId(), "../x.dcm", 1, "1.2", null));
    }

    @Test
    void keepBothStoresTheDuplicateBesideTheOriginal() throws Exception {
        Attributes ds = TestInstances.ct("P5", "A^B", "1.2.44", "1.2.44.1", "1.2.44.1.1");
        StoredInstance a = receive(store, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        StoredInstance b = receive(store, ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        assertNotEquals(a.path(), b.path());
        assertTrue(b.file().path().endsWith("1.2.44.1.1~1.dcm"), b.file().path());
        assertTrue(Files.exists(a.path()) && Files.exists(b.path()));
        assertEquals(2, catalog.instances(List.of("1.2.44.1.1")).size());
    }

    @Test
    void rejectRemovesTheNewFileAndKeepsTheOld() throws Exception {
        try (FileStore s = reopen(DuplicatePolicy.REJECT)) {
            Attributes ds = TestInstances.ct("P6", "A^B", "1.2.45", "1.2.45.1", "1.2.45.1.1");
            StoredInstance a = receive(s, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            byte[] before = Files.readAllBytes(a.path());
            assertThrows(DuplicateInstanceException.class, () -> receive(s, ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
            assertArrayEquals(before, Files.readAllBytes(a.path()));
            assertEquals(1, filesUnder(a.path().getParent()));
        }
    }

    @Test
    void replaceDeletesTheOldFileAfterTheCommit() throws Exception {
        try (FileStore s = reopen(DuplicatePolicy.REPLACE)) {
            Attributes ds = TestInstances.ct("P7", "A^B", "1.2.46", "1.2.46.1", "1.2.46.1.1");
            StoredInstance a = receive(s, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            StoredInstance b = receive(s, ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
            assertFalse(Files.exists(a.path()));
            assertTrue(Files.exists(b.path()));
            List<InstanceFile> now = catalog.instances(List.of("1.2.46.1.1"));
            assertEquals(1, now.size());
            assertEquals(UID.ImplicitVRLittleEndian, now.get(0).file().transferSyntaxUid());
        }
    }

    /** The same store directory with another catalog policy (the test's store is closed first). */
    private FileStore reopen(DuplicatePolicy policy) throws Exception {
        store.close();
        catalog.close(); // one Catalog per embedded database: closing shuts the database down
        catalog = Catalog.open(db, CatalogSettings.DEFAULT.withDuplicatePolicy(policy));
        store = FileStore.open(dir.resolve("store"), catalog, StoreSettings.DEFAULT);
        return store;
    }

    @Test
    void aFileOfTheCataloguedSizeIsWholeAndAnyOtherIsDamagedOrMissing() throws Exception {
        StoredInstance s = receive(store, TestInstances.ct("P9", "A^B", "1.2.48", "1.2.48.1", "1.2.48.1.1"),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertNull(store.damage(s.file()));
        long size = s.file().size();
        try (var ch = java.nio.channels.FileChannel.open(s.path(), java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size - 10);
        }
        String damaged = store.damage(s.file());
        assertEquals("stored file damaged: " + (size - 10) + " of " + size + " bytes", damaged);
        assertTrue(damaged.length() <= 64, "fits an Error Comment whole");
        Files.delete(s.path());
        assertEquals("stored file missing", store.damage(s.file()));
    }

    @Test
    void replaceLeavesACopyInAnotherWorkstationsStoreAlone() throws Exception {
        reopen(DuplicatePolicy.REPLACE);
        // a second workstation: its own store, the same (shared) catalog
        try (FileStore other = FileStore.open(dir.resolve("other-store"), catalog, StoreSettings.DEFAULT)) {
            other.recover();
            Attributes ds = TestInstances.ct("P9", "A^B", "1.2.49", "1.2.49.1", "1.2.49.1.1");
            StoredInstance theirs = receive(other, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            // received here through the background indexer, as the node does
            java.util.concurrent.CompletableFuture<StoredInstance> indexed = new java.util.concurrent.CompletableFuture<>();
            try (IncomingFile in = store.create(ds.getString(Tag.SOPClassUID), "1.2.49.1.1",
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), "MODALITY2")) {
                in.output().write(TestInstances.dataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
                in.commitThenIndex(new IndexingListener() {
                    @Override
                    public void indexed(StoredInstance s) {
                        indexed.complete(s);
                    }

                    @Override
                    public void failed(Path file, CatalogException cause) {
                        indexed.completeExceptionally(cause);
                    }
                });
            }
            StoredInstance ours = indexed.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(ours.indexed().replaced().isEmpty(), "the other store's copy is not replaced");
            assertTrue(Files.exists(theirs.path()), "and its file stays");
            assertEquals(2, catalog.instances(List.of("1.2.49.1.1")).size(), "both copies are catalogued");
            // the indexer lives on: the next reception is catalogued too
            StoredInstance next = receive(store, TestInstances.ct("P9", "A^B", "1.2.49", "1.2.49.1", "1.2.49.1.2"),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            assertEquals(1, catalog.instances(List.of(next.indexed().sopInstanceUid())).size());
        }
    }

    @Test
    void batchAndNeverPoliciesStoreToo() throws Exception {
        for (FsyncPolicy p : new FsyncPolicy[] { FsyncPolicy.BATCH, FsyncPolicy.NEVER }) {
            store.close();
            store = FileStore.open(dir.resolve("store"), catalog, new StoreSettings(p, 3, false));
            for (int i = 0; i < 5; i++) {
                Attributes ds = TestInstances.ct("P8", "A^B", "1.2.47", "1.2.47.1", "1.2.47.1." + p.ordinal() + i);
                StoredInstance s = receive(store, ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                assertTrue(Files.exists(s.path()));
                assertEquals(null, s.file().checksum());
            }
            store.sync();
        }
        assertEquals(10, catalog.study("1.2.47").orElseThrow().numberOfInstances());
    }

    @Test
    void oneProcessOwnsAStore() {
        IOException e = assertThrows(IOException.class,
                () -> FileStore.open(dir.resolve("store"), catalog, StoreSettings.DEFAULT));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
    }

    @Test
    void theStoreIdSurvivesReopening() throws Exception {
        String id = store.storeId();
        store.close();
        store = FileStore.open(dir.resolve("store"), catalog, StoreSettings.DEFAULT);
        assertEquals(id, store.storeId());
        assertTrue(store.wasShutDownCleanly());
        StoredFile foreign = new StoredFile("another", "a/b.dcm", 1, "1.2", null);
        assertThrows(IllegalArgumentException.class, () -> store.resolve(foreign));
    }

    @Test
    void deleteStudyRemovesFilesRowsAndFoldersAndLogsIt() throws Exception {
        Attributes a = TestInstances.ct("P9", "Groß^Jörg", "1.2.48", "1.2.48.1", "1.2.48.1.1");
        Attributes b = TestInstances.ct("P9", "Groß^Jörg", "1.2.48", "1.2.48.2", "1.2.48.2.1");
        StoredInstance sa = receive(store, a, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        receive(store, b, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        receive(store, TestInstances.ct("P9", "Groß^Jörg", "1.2.49", "1.2.49.1", "1.2.49.1.1"),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        DeletedStudy d = store.deleteStudy("1.2.48", "deleted by the user");
        assertEquals(2, d.instances());
        assertTrue(d.studyRemoved());
        assertTrue(d.bytes() > 0);
        assertFalse(Files.exists(sa.path().getParent().getParent()), "study folder removed");
        assertTrue(catalog.study("1.2.48").isEmpty());
        assertTrue(catalog.study("1.2.49").isPresent(), "the patient's other study stays");
        List<DeletionEvent> log = catalog.activityLog().deletions(null, null, 10);
        assertEquals(1, log.size());
        assertEquals("1.2.48", log.get(0).studyUid());
        assertEquals("Groß^Jörg", log.get(0).patientName());
        assertEquals("deleted by the user", log.get(0).reason());
        assertEquals(2, log.get(0).instances());
    }

    @Test
    void pinnedOrProtectedStudiesAreNotDeleted() throws Exception {
        receive(store, TestInstances.ct("P10", "A^B", "1.2.50", "1.2.50.1", "1.2.50.1.1"),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        try (Pin pin = catalog.pin("1.2.50")) {
            assertTrue(catalog.isPinned(pin.studyUid()));
            assertThrows(StudyInUseException.class, () -> store.deleteStudy("1.2.50", "test"));
        }
        assertFalse(catalog.isPinned("1.2.50"));
        catalog.setProtected("1.2.50", true);
        assertThrows(StudyInUseException.class, () -> store.deleteStudy("1.2.50", "test"));
        catalog.setProtected("1.2.50", false);
        assertEquals(1, store.deleteStudy("1.2.50", "test").instances());
    }
}
