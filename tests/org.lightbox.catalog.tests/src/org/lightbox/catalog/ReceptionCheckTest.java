package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.lightbox.catalog.internal.index.LevelAttributes;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.core.io.DicomWriter;

/**
 * What the store refuses before a reception may be acknowledged, and what it must keep: an instance the catalog
 * cannot take is refused whatever the duplicate policy (never acknowledged, then quarantined); an imported file cut
 * short is refused; values of odd length, as older devices write them, are stored byte for byte; and messages speak
 * of the sender's data set or the imported file, never of the store's temporary file.
 */
class ReceptionCheckTest extends StoreFixture {

    private static final String LONG_UID = "1.2.826.0.1.3680043.8.498.12345678901234567890123456789012345678901";


    private void reopen(DuplicatePolicy policy) throws Exception {
        store.close();
        catalog.close();
        catalog = Catalog.open(db, CatalogSettings.DEFAULT.withDuplicatePolicy(policy));
        store = FileStore.open(dir.resolve("store"), catalog, StoreSettings.DEFAULT);
        store.recover();
    }

    /** Listens to the indexer; any call for a refused reception is a failure of the test. */
    private static final class Heard implements IndexingListener {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void indexed(StoredInstance instance) {
            events.add("indexed " + instance.indexed().sopInstanceUid());
        }

        @Override
        public synchronized void failed(Path file, CatalogException cause) {
            events.add("failed " + file + ": " + cause.getMessage());
        }
    }

    /** Receives like the storage service: meta by the store, the data set bytes as sent, catalogued afterwards. */
    private StoredFile receive(byte[] dataSet, String sopUid, IndexingListener listener) throws Exception {
        try (IncomingFile in = store.create(UID.CTImageStorage, sopUid, UID.ExplicitVRLittleEndian, "MODALITY1")) {
            in.output().write(dataSet);
            return in.commitThenIndex(listener);
        }
    }

    /** Regular files under the store, without its own bookkeeping (store id, lock, clean-shutdown marker). */
    private List<Path> storedFiles() throws IOException {
        try (Stream<Path> s = Files.walk(store.root())) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getParent().equals(store.root()))
                    .toList();
        }
    }

    private static byte[] explicitLE(Attributes ds) {
        return TestInstances.dataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    // ------------------------------------------------------------------ instances the catalog cannot take

    @Test
    void anInstanceTheCatalogCannotTakeIsRefusedBeforeSuccessWhateverThePolicy() throws Exception {
        int[] uidTags = { Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPInstanceUID };
        int n = 0;
        for (DuplicatePolicy policy : DuplicatePolicy.values()) {
            reopen(policy);
            for (int tag : uidTags) {
                for (String bad : new String[] { LONG_UID, null, "1.2.3\u00014" }) {
                    n++;
                    Attributes ds = TestInstances.withPixels(TestInstances.ct("P" + n, "Bad^Uid", "1.2.60." + n,
                            "1.2.60." + n + ".1", "1.2.60." + n + ".1.1"));
                    if (bad == null) {
                        ds.remove(tag);
                    } else {
                        ds.setString(tag, VR.UI, bad);
                    }
                    String sop = tag == Tag.SOPInstanceUID && bad != null ? bad : "1.2.60." + n + ".1.1";
                    Heard heard = new Heard();
                    String what = policy + ", " + Tag.toString(tag) + " = " + bad;
                    InvalidInstanceException e = assertThrows(InvalidInstanceException.class,
                            () -> receive(explicitLE(ds), sop, heard), what);
                    assertTrue(e.getMessage().contains(Tag.toString(tag)), what + ": " + e.getMessage());
                    assertTrue(e.getMessage().contains(bad == LONG_UID ? "is longer than 64 characters"
                            : bad == null ? "the data set has no" : "control character 0x01"), e.getMessage());
                    store.awaitIndexing();
                    assertEquals(List.of(), heard.events, what + ": nothing reaches the indexer");
                    assertEquals(List.of(), storedFiles(), what + ": nothing stored, no temporary file left");
                    assertTrue(catalog.study("1.2.60." + n).isEmpty(), what);
                }
            }
        }
        reopen(DuplicatePolicy.KEEP_BOTH);
        RecoveryReport r = store.recoverFully();
        assertEquals(0, r.filesQuarantined(), "nothing acknowledged ends in quarantine");
        assertEquals(0, r.filesIndexed());
    }

    @Test
    void aNulInsideATextValueDoesNotStopCataloguing() throws Exception {
        // PostgreSQL refuses NUL in text: the columns leave it out rather than fail after the acknowledgement
        Attributes ds = TestInstances.ct("P\0ID", "Nul^In\0Name", "1.2.67", "1.2.67.1", "1.2.67.1.1");
        ds.setString(Tag.StudyDescription, VR.LO, "Tho\0rax");
        Heard heard = new Heard();
        receive(explicitLE(ds), "1.2.67.1.1", heard);
        store.awaitIndexing();
        assertEquals(List.of("indexed 1.2.67.1.1"), heard.events);
        StudyRecord study = catalog.study("1.2.67").orElseThrow();
        assertEquals("Nul^InName", study.patientName());
        assertEquals("PID", study.patientId());
        assertEquals("Thorax", study.description());
    }

    @Test
    void importRefusesWhatTheCatalogCannotTake() throws Exception {
        Attributes ds = TestInstances.ct("P1", "Long^Uid", "1.2.61", LONG_UID, "1.2.61.1.1");
        Path f = Files.write(dir.resolve("long.dcm"),
                TestInstances.part10(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        InvalidInstanceException e = assertThrows(InvalidInstanceException.class, () -> store.importFile(f));
        assertEquals("Series Instance UID (0020,000e) is longer than 64 characters", e.getMessage());
        assertEquals(List.of(), storedFiles());
    }

    // ------------------------------------------------------------------ files cut short

    /** A Part 10 file whose native pixel data announce {@code pixels} bytes; the last {@code missing} are not there. */
    private Path cutShort(String name, int pixels, int missing) throws IOException {
        Attributes ds = TestInstances.withPixels(TestInstances.ct("P2", "Cut^Short", "1.2.62", "1.2.62.1",
                "1.2.62.1." + pixels));
        ds.setBytes(Tag.PixelData, VR.OW, new byte[pixels]);
        byte[] whole = TestInstances.part10(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return Files.write(dir.resolve(name), Arrays.copyOf(whole, whole.length - missing));
    }

    @Test
    void importRefusesAFileCutShortAndSaysWhere() throws Exception {
        // small enough to sit in the bytes the store keeps in memory, and large: read from the file
        for (int pixels : new int[] { 8192, 200_000 }) {
            Path f = cutShort("cut" + pixels + ".dcm", pixels, 62);
            long at = Files.size(f) - (pixels - 62) - 12; // the pixel data's element header
            InvalidInstanceException e = assertThrows(InvalidInstanceException.class, () -> store.importFile(f));
            assertEquals("unreadable DICOM data in cut" + pixels + ".dcm: value length " + pixels
                    + " runs past the end of the file (" + (pixels - 62) + " bytes left) at byte offset " + at
                    + " in (7fe0,0010)", e.getMessage());
            assertEquals(List.of(), storedFiles(), "nothing stored, no temporary file left");
        }
        assertTrue(catalog.study("1.2.62").isEmpty());
        // the same file whole is imported
        Path whole = cutShort("whole.dcm", 200_000, 0);
        StoredInstance s = store.importFile(whole);
        assertArrayEquals(Files.readAllBytes(whole), Files.readAllBytes(s.path()));
    }

    @Test
    void importRefusesEncapsulatedPixelDataCutShort() throws Exception {
        Attributes ds = TestInstances.ct("P3", "Cut^Fragments", "1.2.63", "1.2.63.1", "1.2.63.1.1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(out)) {
            w.writeFileMetaInformation(FileMetaInformation.create(UID.CTImageStorage, "1.2.63.1.1",
                    UID.RLELossless));
            w.writeDataset(ds, TransferSyntax.of(UID.RLELossless));
        }
        // pixel data of undefined length: an empty offset table, one whole fragment, one cut short
        out.writeBytes(new byte[] { (byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0, 0, -1, -1, -1, -1 });
        out.writeBytes(new byte[] { (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 0, 0, 0, 0 });
        out.writeBytes(new byte[] { (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 16, 0, 0, 0 });
        out.writeBytes(new byte[16]);
        out.writeBytes(new byte[] { (byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, 0, 0x10, 0, 0 });
        out.writeBytes(new byte[100]);
        Path f = Files.write(dir.resolve("frag.dcm"), out.toByteArray());
        InvalidInstanceException e = assertThrows(InvalidInstanceException.class, () -> store.importFile(f));
        assertTrue(e.getMessage().contains("item length 4096 runs past the end of the file (100 bytes left)"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("in (7fe0,0010)[2]"), e.getMessage());
        assertEquals(List.of(), storedFiles());
    }

    // ------------------------------------------------------------------ odd value lengths

    /**
     * {@code ds} in explicit VR little endian, with Study Description "odd" and Admitting Diagnoses Description
     * "abc" encoded at their odd lengths (3), as an older device writes them.
     */
    private static byte[] withOddValues(Attributes ds) {
        Map<Integer, byte[]> elements = new TreeMap<>(Integer::compareUnsigned);
        for (int i = 0; i < ds.size(); i++) {
            Attributes one = new Attributes();
            LevelAttributes.copy(ds, i, one);
            elements.put(ds.tagAt(i), explicitLE(one));
        }
        elements.put(Tag.StudyDescription, oddLO(Tag.StudyDescription, "odd"));
        elements.put(Tag.AdmittingDiagnosesDescription, oddLO(Tag.AdmittingDiagnosesDescription, "abc"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        elements.values().forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static byte[] oddLO(int tag, String value) {
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] { (byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8), 'L', 'O',
                (byte) v.length, 0 });
        b.writeBytes(v);
        return b.toByteArray();
    }

    private Attributes studyKeys(String studyUid) {
        Attributes k = new Attributes();
        k.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        k.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        k.setNull(Tag.StudyDescription, VR.LO);
        k.setNull(Tag.AdmittingDiagnosesDescription, VR.LO);
        return k;
    }

    private Attributes findStudy(String studyUid) throws Exception {
        List<Attributes> found = new ArrayList<>();
        try (CatalogCursor<Attributes> c = catalog.find(FindQuery.of(InformationModel.STUDY_ROOT,
                studyKeys(studyUid), QueryOptions.DEFAULT))) {
            for (Attributes a = c.next(); a != null; a = c.next()) {
                found.add(a);
            }
        }
        assertEquals(1, found.size());
        return found.get(0);
    }

    @Test
    void oddLengthValuesAreReceivedAndStoredByteForByte() throws Exception {
        Attributes ds = TestInstances.withPixels(TestInstances.ct("P4", "Old^Device", "1.2.64", "1.2.64.1",
                "1.2.64.1.1"));
        ds.remove(Tag.StudyDescription);
        byte[] body = withOddValues(ds);
        Heard heard = new Heard();
        StoredFile f = receive(body, "1.2.64.1.1", heard);
        store.awaitIndexing();
        assertEquals(List.of("indexed 1.2.64.1.1"), heard.events);
        byte[] onDisk = Files.readAllBytes(store.resolve(f));
        assertArrayEquals(body, Arrays.copyOfRange(onDisk, onDisk.length - body.length, onDisk.length),
                "the data set is stored as sent, odd lengths and all");
        assertEquals("odd", catalog.study("1.2.64").orElseThrow().description());
        Attributes found = findStudy("1.2.64");
        assertEquals("odd", found.getString(Tag.StudyDescription));
        assertEquals("abc", found.getString(Tag.AdmittingDiagnosesDescription), "kept in the study's attributes");
    }

    @Test
    void oddLengthValuesAreImportedByteForByte() throws Exception {
        Attributes ds = TestInstances.withPixels(TestInstances.ct("P5", "Old^Device", "1.2.65", "1.2.65.1",
                "1.2.65.1.1"));
        ds.remove(Tag.StudyDescription);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(file)) {
            w.writeFileMetaInformation(FileMetaInformation.create(UID.CTImageStorage, "1.2.65.1.1",
                    UID.ExplicitVRLittleEndian));
        }
        file.writeBytes(withOddValues(ds));
        Path src = Files.write(dir.resolve("old.dcm"), file.toByteArray());
        StoredInstance s = store.importFile(src);
        assertArrayEquals(file.toByteArray(), Files.readAllBytes(s.path()));
        assertEquals("abc", findStudy("1.2.65").getString(Tag.AdmittingDiagnosesDescription));
    }

    // ------------------------------------------------------------------ messages

    @Test
    void aNetworkRefusalSpeaksOfTheDataSetNotOfTheTemporaryFile() throws Exception {
        Attributes ds = TestInstances.ct("P6", "Bad^Vr", "1.2.66", "1.2.66.1", "1.2.66.1.1");
        byte[] good = explicitLE(ds);
        // a VR no one knows, on an element after the first ones: its offset counts from the data set's start
        Attributes first = new Attributes();
        LevelAttributes.copy(ds, 0, first);
        int at = explicitLE(first).length;
        byte[] bad = good.clone();
        bad[at + 4] = 'Z';
        bad[at + 5] = 'Z';
        InvalidInstanceException e = assertThrows(InvalidInstanceException.class,
                () -> receive(bad, "1.2.66.1.1", new Heard()));
        assertFalse(e.getMessage().contains(".part"), e.getMessage());
        assertTrue(e.getMessage().startsWith("unreadable data set: unknown VR code \"ZZ\""), e.getMessage());
        assertTrue(e.getMessage().contains("at byte offset " + at + " of the data set in "
                + Tag.toString(ds.tagAt(1))), e.getMessage());
        assertEquals(List.of(), storedFiles());
    }

    @Test
    void anImportRefusalNamesTheImportedFile() throws Exception {
        Path junk = Files.write(dir.resolve("junk.dcm"), new byte[500]);
        InvalidInstanceException e = assertThrows(InvalidInstanceException.class, () -> store.importFile(junk));
        assertFalse(e.getMessage().contains(".part"), e.getMessage());
        assertTrue(e.getMessage().contains("junk.dcm"), e.getMessage());
    }
}
