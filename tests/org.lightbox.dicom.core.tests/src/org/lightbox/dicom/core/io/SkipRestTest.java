package org.lightbox.dicom.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DicomReader#skipRest()}: after a header-only read, the rest of a file is walked with every length checked
 * against the bytes left, and values skipped (never read), so a file cut short is found without loading its pixels.
 */
class SkipRestTest {

    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final String RLE = "1.2.840.10008.1.2.5";
    private static final int PIXEL_DATA = 0x7FE00010;

    @TempDir
    Path dir;

    /** A small header, then native pixel data of {@code pixelBytes}, of which only {@code present} are there. */
    private static Raw nativePixels(long pixelBytes, int present) {
        return Raw.explicitVR().fileHeader(EXPLICIT_LE).element(0x00080060, "CS", "OT")
                .element(0x00100010, "PN", "Doe^Jane").element(0x00280010, "US", "")
                .header(PIXEL_DATA, "OW", pixelBytes).zeros(present);
    }

    private static DicomFormatException walkFails(Path file) throws IOException {
        try (DicomReader r = new DicomReader(file, ReadOptions.headerOnly())) {
            r.readDataset();
            assertTrue(r.isStopped(), "a header-only read stops at the pixel data");
            return assertThrows(DicomFormatException.class, r::skipRest);
        }
    }

    @Test
    void pixelDataCutShortIsFoundAndSaysWhere() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE).element(0x00080060, "CS", "OT");
        int at = raw.offset();
        raw.header(PIXEL_DATA, "OW", 8192).zeros(8130);
        Path file = TestCorpus.write(dir, "cut.dcm", raw.toByteArray());
        DicomFormatException e = walkFails(file);
        assertEquals("value length 8192 runs past the end of the file (8130 bytes left)", e.getReason());
        assertEquals(at, e.getOffset());
        assertEquals("(7fe0,0010)", e.getTagPath());
        assertTrue(e.getMessage().contains("at byte offset " + at), e.getMessage());
    }

    @Test
    void aWholeFileWalksToItsEndWithoutReadingThePixels() throws IOException {
        int pixels = 4 << 20;
        Path file = TestCorpus.write(dir, "big.dcm", nativePixels(pixels, pixels).toByteArray());
        try (DicomReader r = new DicomReader(file, ReadOptions.headerOnly())) {
            r.readDataset();
            r.skipRest();
            assertFalse(r.isStopped());
            assertEquals(java.nio.file.Files.size(file), r.position(), "walked to the end");
            assertTrue(r.bytesRead() < 64 * 1024, "pixel data skipped, not read: " + r.bytesRead());
        }
    }

    @Test
    void elementsAfterThePixelDataAreCheckedToo() throws IOException {
        byte[] whole = nativePixels(16, 16).element(0xFFFCFFFC, "OB", "\0\0").toByteArray();
        Path ok = TestCorpus.write(dir, "trailing.dcm", whole);
        try (DicomReader r = new DicomReader(ok, ReadOptions.headerOnly())) {
            r.readDataset();
            r.skipRest();
        }
        Path cut = TestCorpus.write(dir, "trailingCut.dcm", Arrays.copyOf(whole, whole.length - 5));
        DicomFormatException e = walkFails(cut);
        assertTrue(e.getReason().contains("truncated"), e.getMessage());
        assertEquals(whole.length - 14, e.getOffset());
    }

    @Test
    void encapsulatedFragmentsAreWalkedItemByItem() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(RLE).element(0x00080060, "CS", "OT")
                .header(PIXEL_DATA, "OB", Raw.UNDEFINED).item(0).item(1000).zeros(1000);
        int second = raw.offset();
        raw.item(5000).zeros(4000);
        DicomFormatException e = walkFails(TestCorpus.write(dir, "frag.dcm", raw.toByteArray()));
        assertEquals("item length 5000 runs past the end of the file (4000 bytes left)", e.getReason());
        assertEquals(second, e.getOffset());
        assertEquals("(7fe0,0010)[2]", e.getTagPath());

        byte[] noDelimiter = Raw.explicitVR().fileHeader(RLE).header(PIXEL_DATA, "OB", Raw.UNDEFINED).item(0)
                .item(4).zeros(4).toByteArray();
        DicomFormatException d = walkFails(TestCorpus.write(dir, "frag2.dcm", noDelimiter));
        assertTrue(d.getReason().contains("inside encapsulated pixel data"), d.getMessage());
    }

    @Test
    void aStreamCutShortInAValueIsTruncated() throws IOException {
        byte[] bytes = nativePixels(8192, 8130).toByteArray();
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(bytes), ReadOptions.headerOnly())) {
            r.readDataset();
            DicomFormatException e = assertThrows(DicomFormatException.class, r::skipRest);
            assertEquals("truncated: input ends inside the value (length 8192)", e.getReason());
            assertEquals("(7fe0,0010)", e.getTagPath());
        }
    }

    @Test
    void withoutAHeaderReadTheWholeDataSetIsWalked() throws IOException {
        Raw raw = Raw.explicitVR().fileHeader(EXPLICIT_LE).element(0x00080060, "CS", "OT");
        int at = raw.offset();
        raw.header(0x00100010, "PN", 100).ascii("Doe^");
        try (DicomReader r = new DicomReader(TestCorpus.write(dir, "early.dcm", raw.toByteArray()))) {
            DicomFormatException e = assertThrows(DicomFormatException.class, r::skipRest);
            assertEquals(at, e.getOffset());
            assertEquals("(0010,0010)", e.getTagPath());
        }
    }

    @Test
    void oddLengthsFollowTheOptionsWhileWalking() throws IOException {
        byte[] bytes = Raw.explicitVR().fileHeader(EXPLICIT_LE).header(PIXEL_DATA, "OB", 3).bytes(1, 2, 3)
                .toByteArray();
        Path file = TestCorpus.write(dir, "oddPixels.dcm", bytes);
        DicomFormatException e = walkFails(file);
        assertEquals("odd value length 3", e.getReason());
        try (DicomReader r = new DicomReader(file, ReadOptions.headerOnly().withAcceptOddLengths(true))) {
            r.readDataset();
            r.skipRest();
        }
    }
}
