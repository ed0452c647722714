package org.lightbox.dicom.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.BulkDataReference;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.VR;

/** Pixel data and large binary values of a file are left in the file: recorded by offset and length, not read. */
class BulkDataTest {

    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int PIXEL_BYTES = 16 << 20;

    @TempDir
    Path dir;

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >>> 16));
        }
        return b;
    }

    private Path image(String tsUid, byte[] pixels) throws IOException {
        Attributes ds = TestCorpus.everyVR(false, "ISO_IR 100", "Doe^John", true);
        ds.setInt(0x00280010, VR.US, 2048);
        ds.setInt(0x00280011, VR.US, 4096);
        ds.setBytes(PIXEL_DATA, VR.OW, pixels);
        Path file = dir.resolve("big-" + tsUid + ".dcm");
        DicomWriter.writeFile(file, TestCorpus.meta(tsUid), ds);
        return file;
    }

    @Test
    void pixelDataIsReferencedAndNotRead() throws IOException {
        byte[] pixels = pattern(PIXEL_BYTES);
        Path file = image(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), pixels);
        long size = Files.size(file);
        BulkDataReference ref;
        try (DicomReader reader = new DicomReader(file)) {
            reader.readFileMetaInformation();
            Attributes ds = reader.readDataset();
            ref = ds.getBulkDataReference(PIXEL_DATA);
            assertEquals(PIXEL_BYTES, ref.length());
            assertEquals(size - PIXEL_BYTES, ref.offset(), "pixel data is the last value of the file");
            assertEquals(file, ref.file());
            assertTrue(reader.bytesRead() < 64 * 1024, "read " + reader.bytesRead() + " bytes of " + size);
            assertEquals(4096, ds.getInt(0x00280011, 0));
        }
        assertArrayEquals(Arrays.copyOfRange(pixels, 1_000_000, 1_000_100), ref.readBytes(1_000_000, 100));
        assertArrayEquals(pixels, ref.readBytes());
    }

    @Test
    void headerOnlyStopsBeforePixelData() throws IOException {
        Path file = image(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid(), pattern(1 << 20));
        try (DicomReader reader = new DicomReader(file, ReadOptions.headerOnly())) {
            reader.readFileMetaInformation();
            Attributes ds = reader.readDataset();
            assertTrue(reader.isStopped());
            assertFalse(ds.contains(PIXEL_DATA));
            assertTrue(ds.contains(0x7FE00009), "elements before the stop tag are read");
            assertEquals(Files.size(file) - (1 << 20) - 8, reader.position(), "positioned at the pixel data header");
            assertTrue(reader.bytesRead() < 64 * 1024);
        }
    }

    @Test
    void writingAReferenceCopiesItFromTheFileAndSwapsForBigEndian() throws IOException {
        byte[] pixels = pattern(3 << 20);
        Path file = image(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), pixels);
        DicomFile read = DicomReader.readFile(file);
        assertInstanceOf(BulkDataReference.class, read.dataset().getValue(PIXEL_DATA));

        Path copy = dir.resolve("copy.dcm");
        DicomWriter.writeFile(copy, read.fileMetaInformation(), read.dataset());
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy));

        Path big = dir.resolve("big-endian.dcm");
        DicomWriter.writeFile(big, TestCorpus.meta(TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid()), read.dataset());
        DicomFile be = DicomReader.readFile(big, ReadOptions.DEFAULT.withBulkDataByReference(false));
        byte[] swapped = be.dataset().getBytes(PIXEL_DATA);
        assertEquals(pixels.length, swapped.length);
        for (int i = 0; i < pixels.length; i += 2) {
            if (swapped[i] != pixels[i + 1] || swapped[i + 1] != pixels[i]) {
                throw new AssertionError("word " + i / 2 + " not swapped");
            }
        }
    }

    @Test
    void encapsulatedFragmentsAreReferenced() throws IOException {
        Attributes ds = TestCorpus.encapsulated();
        Fragments f = ds.getFragments(PIXEL_DATA);
        byte[] frame = pattern(100_000);
        f.add(frame);
        Path file = dir.resolve("enc.dcm");
        DicomWriter.writeFile(file, TestCorpus.meta(TestCorpus.JPEG_BASELINE), ds);
        try (DicomReader reader = new DicomReader(file)) {
            reader.readFileMetaInformation();
            Fragments read = reader.readDataset().getFragments(PIXEL_DATA);
            assertInstanceOf(byte[].class, read.get(0), "the small basic offset table is read");
            assertInstanceOf(BulkDataReference.class, read.get(4));
            assertEquals(100_000, read.length(4));
            assertTrue(reader.bytesRead() < 64 * 1024);
            assertArrayEquals(frame, read.bytes(4));
        }
    }

    @Test
    void thresholdAndOptOut() throws IOException {
        Attributes ds = new Attributes();
        ds.setBytes(0x00420011, VR.OB, pattern(10_000));
        ds.setString(0x00100010, VR.PN, "Doe^John");
        Path file = dir.resolve("doc.dcm");
        DicomWriter.writeFile(file, TestCorpus.meta(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()), ds);
        assertInstanceOf(BulkDataReference.class, DicomReader.readFile(file).dataset().getValue(0x00420011));
        assertInstanceOf(byte[].class, DicomReader.readFile(file, ReadOptions.DEFAULT.withBulkDataThreshold(10_000))
                .dataset().getValue(0x00420011));
        Attributes inMemory = DicomReader.readFile(file, ReadOptions.DEFAULT.withBulkDataByReference(false)).dataset();
        assertArrayEquals(pattern(10_000), inMemory.getBytes(0x00420011));
        assertNull(inMemory.getBulkDataReference(0x00420011));
    }
}
