package org.lightbox.dicom.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One malformed input per kind of damage: each must raise DicomFormatException saying what is wrong, at which byte
 * offset, under which tag path, whether read from a file or from a stream.
 */
class MalformedInputTest {

    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final int PATIENT_NAME = 0x00100010;

    @TempDir
    Path dir;

    /** Reads {@code bytes} from a file and from a stream; both must fail alike. Returns the file's exception. */
    private DicomFormatException failure(byte[] bytes, String reason, long offset, String path) throws IOException {
        Path file = TestCorpus.write(dir, "bad.dcm", bytes);
        DicomFormatException fromFile = assertThrows(DicomFormatException.class, () -> DicomReader.readFile(file));
        assertTrue(fromFile.getReason().contains(reason), fromFile.getMessage());
        assertEquals(offset, fromFile.getOffset(), fromFile.getMessage());
        assertEquals(path, fromFile.getTagPath(), fromFile.getMessage());
        assertTrue(fromFile.getMessage().contains("at byte offset " + offset), fromFile.getMessage());
        DicomFormatException fromStream = assertThrows(DicomFormatException.class, () -> TestCorpus.read(bytes));
        assertEquals(offset, fromStream.getOffset(), fromStream.getMessage());
        assertEquals(path, fromStream.getTagPath(), fromStream.getMessage());
        return fromFile;
    }

    @Test
    void truncatedInsideAnElementHeader() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE).element(0x00080060, "CS", "OT");
        int at = raw.offset();
        raw.tag(PATIENT_NAME).ascii("P");
        failure(raw.toByteArray(), "truncated", at, "");
    }

    @Test
    void valueLengthPastTheEndOfTheFile() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE).element(0x00080060, "CS", "OT");
        int at = raw.offset();
        raw.header(PATIENT_NAME, "PN", 100).ascii("Doe^");
        Path file = TestCorpus.write(dir, "short.dcm", raw.toByteArray());
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> DicomReader.readFile(file));
        assertTrue(e.getReason().contains("past the end of the file"), e.getMessage());
        assertEquals(at, e.getOffset());
        assertEquals("(0010,0010)", e.getTagPath());
        DicomFormatException s = assertThrows(DicomFormatException.class, () -> TestCorpus.read(raw.toByteArray()));
        assertTrue(s.getReason().contains("truncated"), s.getMessage());
        assertEquals(at, s.getOffset());
    }

    @Test
    void hugeLengthInAStreamAllocatesOnlyWhatArrives() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE);
        int at = raw.offset();
        raw.header(0x00420011, "OB", 0xFFFFFFF0L).zeros(1000);
        DicomFormatException s = assertThrows(DicomFormatException.class, () -> TestCorpus.read(raw.toByteArray()));
        assertEquals(at, s.getOffset());
        assertEquals("(0042,0011)", s.getTagPath());
    }

    @Test
    void oddValueLength() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE);
        int at = raw.offset();
        raw.header(PATIENT_NAME, "PN", 5).ascii("Doe^J").element(0x00100020, "LO", "ID");
        failure(raw.toByteArray(), "odd value length 5", at, "(0010,0010)");
    }

    @Test
    void undefinedLengthWhereNotAllowed() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE);
        int at = raw.offset();
        raw.header(0x0040A160, "UT", Raw.UNDEFINED).ascii("text").sequenceEnd();
        failure(raw.toByteArray(), "undefined length is not allowed for VR UT", at, "(0040,a160)");

        Raw implicit = Raw.implicitVR().fileHeader("1.2.840.10008.1.2");
        int at2 = implicit.offset();
        implicit.header(PATIENT_NAME, null, Raw.UNDEFINED).ascii("Doe^").sequenceEnd();
        failure(implicit.toByteArray(), "undefined length is not allowed for VR PN", at2, "(0010,0010)");
    }

    @Test
    void absurdNestingDepth() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE);
        int at = 0;
        for (int depth = 0; depth <= 64; depth++) {
            at = raw.offset();
            raw.header(0x0040A730, "SQ", Raw.UNDEFINED).item(Raw.UNDEFINED);
        }
        DicomFormatException e = failure(raw.toByteArray(), "nested deeper than 64", at,
                "(0040,a730)[0]/".repeat(64) + "(0040,a730)");
        assertTrue(e.getMessage().length() < 2000);
    }

    @Test
    void unknownVRCode() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE);
        int at = raw.offset();
        raw.element(PATIENT_NAME, "ZZ", "Doe^");
        failure(raw.toByteArray(), "unknown VR code \"ZZ\"", at, "(0010,0010)");
    }

    @Test
    void preambleWithoutDicmPrefix() throws IOException {
        byte[] bytes = Raw.explicitVR().fileHeader(EXPLICIT_LE).element(PATIENT_NAME, "PN", "Doe^").toByteArray();
        bytes[131] = 'X';
        failure(bytes, "no \"DICM\" prefix", 128, "");
    }

    @Test
    void metaInformationWithoutTransferSyntax() throws IOException {
        Raw raw = Raw.explicitVR().zeros(128).ascii("DICM");
        raw.header(0x00020001, "OB", 2).bytes(0, 1).element(0x00020002, "UI", TestCorpus.SOP_CLASS)
                .element(PATIENT_NAME, "PN", "Doe^");
        failure(raw.toByteArray(), "no Transfer Syntax UID", 132, "");
    }

    @Test
    void metaGroupLengthPastTheEnd() throws IOException {
        Raw raw = Raw.explicitVR().zeros(128).ascii("DICM");
        raw.header(0x00020000, "UL", 4).u32(99999).element(0x00020010, "UI", EXPLICIT_LE);
        Path file = TestCorpus.write(dir, "meta.dcm", raw.toByteArray());
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> DicomReader.readFile(file));
        assertTrue(e.getReason().contains("group length 99999"), e.getMessage());
        assertEquals(132, e.getOffset());
        // a stream cannot know its size up front: it fails where the data ends
        DicomFormatException s = assertThrows(DicomFormatException.class, () -> TestCorpus.read(raw.toByteArray()));
        assertTrue(s.getReason().contains("truncated"), s.getMessage());
    }

    @Test
    void emptyFile() throws IOException {
        Path file = TestCorpus.write(dir, "empty.dcm", new byte[0]);
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> DicomReader.readFile(file));
        assertTrue(e.getReason().contains("empty"), e.getMessage());
    }

    /** The error names the path down to the element: sequence, item index, sequence, item index, element. */
    @Test
    void deepTagPath() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE);
        raw.header(0x00081115, "SQ", Raw.UNDEFINED);
        for (int i = 0; i < 2; i++) {
            raw.item(Raw.UNDEFINED).element(0x0020000E, "UI", "1.2" + i).itemEnd();
        }
        raw.item(Raw.UNDEFINED).header(0x00081199, "SQ", Raw.UNDEFINED).item(14);
        raw.element(0x00081150, "UI", "1.2.");
        int at = raw.offset();
        raw.header(0x00081155, "UI", 20).ascii("1.2.3.4.5.6.7.8.9.10").sequenceEnd().itemEnd().sequenceEnd();
        failure(raw.toByteArray(), "past the end of the enclosing item", at,
                "(0008,1115)[2]/(0008,1199)[0]/(0008,1155)");
    }

    @Test
    void itemLengthPastTheEndOfItsSequence() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE);
        raw.header(0x00081115, "SQ", 28).item(12).element(0x0020000E, "UI", "1.2.");
        int at = raw.offset();
        raw.item(100).element(0x0020000E, "UI", "1.2.");
        failure(raw.toByteArray(), "past the end of its sequence", at, "(0008,1115)[1]");
    }

    @Test
    void somethingElseWhereAnItemBelongs() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE);
        raw.header(0x00081115, "SQ", Raw.UNDEFINED);
        int at = raw.offset();
        raw.element(PATIENT_NAME, "PN", "Doe^").sequenceEnd();
        failure(raw.toByteArray(), "expected an item", at, "(0008,1115)");
    }

    @Test
    void delimiterOutsideAnyItem() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE).element(0x00080060, "CS", "OT");
        int at = raw.offset();
        raw.itemEnd().element(PATIENT_NAME, "PN", "Doe^");
        failure(raw.toByteArray(), "unexpected (fffe,e00d)", at, "(fffe,e00d)");
    }

    @Test
    void sequenceDelimiterInDefinedLengthSequence() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE);
        raw.header(0x00081115, "SQ", 16);
        int at = raw.offset();
        raw.sequenceEnd().item(0).element(PATIENT_NAME, "PN", "Doe^");
        failure(raw.toByteArray(), "sequence delimitation item in a sequence of defined length", at, "(0008,1115)");
    }

    @Test
    void fragmentOfUndefinedLength() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(TestCorpus.JPEG_BASELINE);
        raw.header(0x7FE00010, "OB", Raw.UNDEFINED).item(0);
        int at = raw.offset();
        raw.item(Raw.UNDEFINED).bytes(0xFF, 0xD8).sequenceEnd();
        failure(raw.toByteArray(), "undefined length is not allowed for a pixel data fragment", at, "(7fe0,0010)[1]");
    }

    @Test
    void corruptDeflatedData() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader("1.2.840.10008.1.2.1.99");
        int at = raw.offset();
        raw.bytes(0xFF, 0xFF, 0xFF, 0xFF, 0x12, 0x34, 0x56, 0x78, 0x9A);
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> TestCorpus.read(raw.toByteArray()));
        assertTrue(e.getReason().contains("corrupt deflated data"), e.getMessage());
        assertTrue(at > 0);
    }

    @Test
    void streamEndingMidHeaderIsTruncatedButEndingBetweenElementsIsNot() throws IOException {
        byte[] ok = Raw.explicitVR().element(PATIENT_NAME, "PN", "Doe^").toByteArray();
        assertEquals("Doe^", DicomReader.readDataset(new ByteArrayInputStream(ok),
                org.lightbox.dicom.core.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT)
                .getString(PATIENT_NAME));
        byte[] cut = java.util.Arrays.copyOf(ok, ok.length + 3);
        assertThrows(DicomFormatException.class, () -> DicomReader.readDataset(new ByteArrayInputStream(cut),
                org.lightbox.dicom.core.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT));
    }
}
