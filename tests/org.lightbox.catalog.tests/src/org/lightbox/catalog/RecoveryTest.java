package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.TransferSyntax;

class RecoveryTest extends StoreFixture {

    @Override
    boolean recoverOnOpen() {
        return false; // the tests run the scan themselves
    }


    private StoredInstance stored(String study, String series, String sop) throws Exception {
        Path f = Files.write(dir.resolve(sop + ".in"), part10(study, series, sop));
        return store.importFile(f);
    }

    private static byte[] part10(String study, String series, String sop) {
        Attributes a = TestInstances.withPixels(TestInstances.ct("P1", "Fjölnir^Þór", study, series, sop));
        return TestInstances.part10(a, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    /** Closes the store as a crash would: no clean-shutdown marker. */
    private void crashAndRestart(StoreSettings settings) throws Exception {
        store.close();
        Files.delete(store.root().resolve("clean-shutdown"));
        store = FileStore.open(dir.resolve("store"), catalog, settings);
        assertFalse(store.wasShutDownCleanly());
    }

    @Test
    void mendsOrphansInBothDirectionsAfterACrash() throws Exception {
        StoredInstance kept = stored("1.3.1", "1.3.1.1", "1.3.1.1.1");
        StoredInstance lost = stored("1.3.1", "1.3.1.1", "1.3.1.1.2");
        StoredInstance truncated = stored("1.3.2", "1.3.2.1", "1.3.2.1.1");
        // the crash: a file renamed but never indexed, a file gone, a temporary file, garbage, a truncated file
        Path orphan = store.root().resolve("1.3.1/1.3.1.1/1.3.1.1.3.dcm");
        Files.write(orphan, part10("1.3.1", "1.3.1.1", "1.3.1.1.3"));
        Files.delete(lost.path());
        Path temp = Files.write(store.root().resolve("incoming/5e1f.part"), new byte[100]);
        Path garbage = store.root().resolve("1.3.9/1.3.9.1/1.3.9.1.1.dcm");
        Files.createDirectories(garbage.getParent());
        Files.write(garbage, "not DICOM at all".getBytes());
        byte[] full = Files.readAllBytes(truncated.path());
        Files.write(truncated.path(), java.util.Arrays.copyOf(full, full.length / 2));

        crashAndRestart(StoreSettings.DEFAULT);
        RecoveryReport r = store.recover();
        assertTrue(r.fullScan());
        assertEquals(1, r.tempFilesDeleted());
        assertEquals(2, r.rowsRemoved(), "the lost and the truncated file");
        assertEquals(1, r.filesIndexed());
        assertEquals(2, r.filesQuarantined(), "the garbage and the truncated file");
        assertFalse(Files.exists(temp));
        assertFalse(Files.exists(garbage));
        assertTrue(Files.exists(store.root().resolve("quarantine/1.3.9/1.3.9.1/1.3.9.1.1.dcm")));
        assertTrue(Files.exists(kept.path()));

        List<InstanceFile> study = catalog.instancesOfStudy("1.3.1");
        assertEquals(List.of("1.3.1.1.1", "1.3.1.1.3"), study.stream().map(InstanceFile::sopInstanceUid).sorted()
                .toList());
        assertEquals(2, catalog.study("1.3.1").orElseThrow().numberOfInstances());
        assertTrue(catalog.study("1.3.2").isEmpty(), "its only file was truncated");
        List<DeletionEvent> log = catalog.activityLog().deletions(null, null, 0);
        assertEquals(2, log.size());
        assertTrue(log.stream().allMatch(e -> e.reason().startsWith("recovery scan")));

        RecoveryReport again = store.recoverFully();
        assertEquals(new RecoveryReport(true, 0, 0, 0, 0, 0), again, "a second scan finds nothing to mend");
    }

    @Test
    void afterACleanShutdownOnlyTemporaryFilesAreRemoved() throws Exception {
        stored("1.3.3", "1.3.3.1", "1.3.3.1.1");
        store.close();
        Files.write(store.root().resolve("incoming/left.part"), new byte[10]);
        Path orphan = store.root().resolve("1.3.3/1.3.3.1/1.3.3.1.2.dcm");
        Files.write(orphan, part10("1.3.3", "1.3.3.1", "1.3.3.1.2"));
        store = FileStore.open(dir.resolve("store"), catalog, StoreSettings.DEFAULT);
        assertTrue(store.wasShutDownCleanly());
        RecoveryReport quick = store.recover();
        assertFalse(quick.fullScan());
        assertEquals(1, quick.tempFilesDeleted());
        assertEquals(0, quick.filesIndexed());
        assertEquals(1, store.recoverFully().filesIndexed());
    }

    @Test
    void leftoverCopiesOfRefusedDuplicatesAreDeletedNotIndexed() throws Exception {
        store.close();
        catalog.close();
        catalog = Catalog.open(db, CatalogSettings.DEFAULT.withDuplicatePolicy(DuplicatePolicy.REJECT));
        store = FileStore.open(dir.resolve("store"), catalog, StoreSettings.DEFAULT);
        StoredInstance s = stored("1.3.4", "1.3.4.1", "1.3.4.1.1");
        Path leftover = s.path().resolveSibling("1.3.4.1.1~1.dcm");
        Files.write(leftover, part10("1.3.4", "1.3.4.1", "1.3.4.1.1"));
        crashAndRestart(StoreSettings.DEFAULT);
        RecoveryReport r = store.recover();
        assertEquals(1, r.staleFilesDeleted());
        assertEquals(0, r.filesIndexed());
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(s.path()));
    }
}
