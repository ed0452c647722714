package org.lightbox.dicom.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;

/**
 * Values and items of odd length, as some older devices write them: refused by default, read with
 * {@link ReadOptions#acceptOddLengths()} and then held padded to even length, so that what is written from them is
 * valid again.
 */
class OddLengthTest {

    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final int STUDY_DESCRIPTION = 0x00081030;
    private static final int PATIENT_NAME = 0x00100010;
    private static final int PATIENT_ID = 0x00100020;
    private static final int SOP_INSTANCE_UID = 0x00080018;
    private static final int REFERENCED_SERIES = 0x00081115;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final ReadOptions LENIENT = ReadOptions.DEFAULT.withAcceptOddLengths(true);

    @TempDir
    Path dir;

    /** SOP Instance UID (UI, 5 bytes), Study Description (LO "odd", 3 bytes), Patient Name (PN, 5 bytes), Patient ID. */
    private static byte[] oddValues() {
        return Raw.explicitVR().fileHeader(EXPLICIT_LE)
                .header(SOP_INSTANCE_UID, "UI", 5).ascii("1.2.3")
                .header(STUDY_DESCRIPTION, "LO", 3).ascii("odd")
                .header(PATIENT_NAME, "PN", 5).ascii("Doe^J")
                .element(PATIENT_ID, "LO", "ID7").toByteArray();
    }

    private static DicomFile readStream(byte[] bytes, ReadOptions options) throws IOException {
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(bytes), options)) {
            Attributes meta = r.readFileMetaInformation();
            return new DicomFile(meta, r.readDataset(), r.transferSyntax());
        }
    }

    @Test
    void oddValuesAreRefusedByDefault() throws IOException {
        Path file = TestCorpus.write(dir, "odd.dcm", oddValues());
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> DicomReader.readFile(file));
        assertEquals("odd value length 5", e.getReason());
        assertEquals("(0008,0018)", e.getTagPath());
    }

    @Test
    void oddValuesAreReadPaddedWhenAccepted() throws IOException {
        byte[] bytes = oddValues();
        Path file = TestCorpus.write(dir, "odd.dcm", bytes);
        for (DicomFile f : new DicomFile[] { DicomReader.readFile(file, LENIENT), readStream(bytes, LENIENT) }) {
            Attributes ds = f.dataset();
            assertEquals("1.2.3", ds.getString(SOP_INSTANCE_UID));
            assertEquals("odd", ds.getString(STUDY_DESCRIPTION));
            assertEquals("Doe^J", ds.getString(PATIENT_NAME));
            assertEquals("ID7", ds.getString(PATIENT_ID), "the element after an odd one is where it should be");
            assertArrayEquals("1.2.3\0".getBytes(), ds.getBytes(SOP_INSTANCE_UID), "UI padded with NUL");
            assertArrayEquals("odd ".getBytes(), ds.getBytes(STUDY_DESCRIPTION), "LO padded with a space");
        }
    }

    @Test
    void whatIsWrittenFromALenientReadIsValid() throws IOException {
        DicomFile f = DicomReader.readFile(TestCorpus.write(dir, "odd.dcm", oddValues()), LENIENT);
        byte[] rewritten = TestCorpus.rewrite(f);
        DicomFile again = readStream(rewritten, ReadOptions.DEFAULT); // strict: every length is even now
        assertEquals("odd", again.dataset().getString(STUDY_DESCRIPTION));
        assertEquals("Doe^J", again.dataset().getString(PATIENT_NAME));
    }

    @Test
    void oddItemsOfASequenceAreAcceptedWithTheValues() throws IOException {
        // an item holding one odd value has an odd length itself, and so has its sequence
        int itemLength = 8 + 3;
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE).header(REFERENCED_SERIES, "SQ", 8 + itemLength);
        int item = raw.offset();
        raw.item(itemLength).header(STUDY_DESCRIPTION, "LO", 3).ascii("abc").element(PATIENT_ID, "LO", "ID");
        Path file = TestCorpus.write(dir, "oddItem.dcm", raw.toByteArray());
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> DicomReader.readFile(file));
        assertEquals("odd item length 11", e.getReason());
        assertEquals(item, e.getOffset());
        Attributes ds = DicomReader.readFile(file, LENIENT).dataset();
        assertEquals("abc", ds.getSequence(REFERENCED_SERIES).get(0).getString(STUDY_DESCRIPTION));
        assertEquals("ID", ds.getString(PATIENT_ID));
    }

    @Test
    void oddFragmentsStayRefused() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader("1.2.840.10008.1.2.5")
                .header(PIXEL_DATA, "OB", Raw.UNDEFINED).item(0);
        int at = raw.offset();
        raw.item(3).bytes(1, 2, 3).sequenceEnd();
        Path file = TestCorpus.write(dir, "oddFragment.dcm", raw.toByteArray());
        DicomFormatException e = assertThrows(DicomFormatException.class,
                () -> DicomReader.readFile(file, LENIENT.withBulkDataByReference(false)));
        assertEquals("odd item length 3", e.getReason());
        assertEquals(at, e.getOffset());
    }
}
