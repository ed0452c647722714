package org.lightbox.storage.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.ChunkedInput;
import org.lightbox.dicom.core.io.DicomFormatException;
import org.lightbox.dicom.core.io.DicomWriter;

/** The streaming copy: byte-identical for well-formed data sets, a located error for malformed ones. */
class DataSetCopyTest {

    static Attributes instance(boolean bigEndian) {
        Attributes a = new Attributes(bigEndian, 32);
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        a.setString(Tag.SOPInstanceUID, VR.UI, "1.2.3.4.100");
        a.setString(Tag.PatientName, VR.PN, "Müller^Jürgen");
        a.setString(Tag.PatientID, VR.LO, "P-7");
        Sequence s = a.newSequence(Tag.ReferencedImageSequence);
        Attributes item = s.addItem();
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, UID.CTImageStorage);
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "1.2.3.4.99");
        Sequence nested = item.newSequence(Tag.PurposeOfReferenceCodeSequence);
        nested.addItem().setString(Tag.CodeValue, VR.SH, "121311");
        s.addItem(); // an empty item
        a.setString(Tag.StudyInstanceUID, VR.UI, "1.2.3.4");
        a.setString(Tag.SeriesInstanceUID, VR.UI, "1.2.3.4.1");
        int creator = a.reservePrivateTag("ACME 1.1", 0x00290010);
        a.setBytes(creator, VR.OB, new byte[] { 1, 2, 3, 4 });
        a.setInt(Tag.Rows, VR.US, 4);
        a.setInt(Tag.Columns, VR.US, 4);
        return a;
    }

    static byte[] encode(Attributes a, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out);
        w.writeDataset(a, ts);
        w.flush();
        return out.toByteArray();
    }

    static ReceivedHeader copyOk(byte[] in, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReceivedHeader h = DataSetCopy.copy(new ByteArrayInputStream(in), out, ts);
        assertArrayEquals(in, out.toByteArray(), "copied byte for byte");
        return h;
    }

    @TestFactory
    List<DynamicTest> everyEncodingIsCopiedUnchanged() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
                TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN)) {
            tests.add(DynamicTest.dynamicTest(ts.name(), () -> {
                Attributes a = instance(ts.bigEndian());
                byte[] px = new byte[4 * 4 * 2];
                Arrays.fill(px, (byte) 7);
                a.setBytes(Tag.PixelData, VR.OW, px);
                ReceivedHeader h = copyOk(encode(a, ts), ts);
                assertEquals("1.2.3.4.100", h.sopInstanceUid());
                assertEquals(UID.CTImageStorage, h.sopClassUid());
                assertEquals("1.2.3.4", h.studyUid());
                assertEquals("P-7", h.patientId());
                assertEquals("Müller^Jürgen", h.patientName(), "decoded as ISO_IR 100");
            }));
        }
        return tests;
    }

    @Test
    void encapsulatedPixelDataAndUndefinedLengthSequences() throws IOException {
        TransferSyntax ts = TransferSyntax.of(UID.JPEGLosslessSV1);
        Attributes a = instance(false);
        a.getSequence(Tag.ReferencedImageSequence).setUndefinedLength(true);
        Fragments f = a.newFragments(Tag.PixelData, VR.OB, 3);
        f.add(new byte[0]);
        f.add(new byte[] { (byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, (byte) 0xFF, (byte) 0xD9 });
        f.add(new byte[] { 9, 9 });
        byte[] in = encode(a, ts);
        assertEquals("1.2.3.4.100", copyOk(in, ts).sopInstanceUid());
    }

    /** Byte surgery on a valid explicit VR LE data set. */
    private static byte[] explicit() throws IOException {
        Attributes a = instance(false);
        a.setBytes(Tag.PixelData, VR.OW, new byte[32]);
        return encode(a, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    }

    private static DicomFormatException malformed(byte[] in, TransferSyntax ts) {
        return assertThrows(DicomFormatException.class,
                () -> DataSetCopy.copy(new ByteArrayInputStream(in), OutputStream.nullOutputStream(), ts));
    }

    @Test
    void truncatedPixelDataIsMalformed() throws IOException {
        byte[] full = explicit();
        DicomFormatException e = malformed(Arrays.copyOf(full, full.length - 5),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertTrue(e.getMessage().contains("5 bytes before the end of the value"), e.getMessage());
        assertEquals("(7fe0,0010)", e.getTagPath());
    }

    @Test
    void cutInsideAHeaderIsMalformed() throws IOException {
        byte[] full = explicit();
        DicomFormatException e = malformed(Arrays.copyOf(full, full.length - 32 - 6),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertTrue(e.getMessage().contains("ends inside an element header"), e.getMessage());
    }

    @Test
    void definedLengthsMustNest() throws IOException {
        // (0008,1140) SQ length 20: one item of length 12 holding (0008,1150) UI "1.2"
        byte[] ok = { 0x08, 0x00, 0x40, 0x11, 'S', 'Q', 0, 0, 20, 0, 0, 0, (byte) 0xFE, (byte) 0xFF, 0x00,
            (byte) 0xE0, 12, 0, 0, 0, 0x08, 0x00, 0x50, 0x11, 'U', 'I', 4, 0, '1', '.', '2', 0 };
        copyOk(ok, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] itemTooLong = ok.clone();
        itemTooLong[16] = 100;
        DicomFormatException e = malformed(itemTooLong, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertTrue(e.getMessage().contains("a length of 100 runs past the end of the enclosing sequence"),
                e.getMessage());
        assertEquals(12, e.getOffset());
        byte[] valueTooLong = ok.clone();
        valueTooLong[26] = 6;
        e = malformed(valueTooLong, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertTrue(e.getMessage().contains("runs past the end of the enclosing item"), e.getMessage());
        assertEquals("(0008,1140)[0]/(0008,1150)", e.getTagPath());
    }

    @Test
    void unknownVrAndStrayDelimiterAreMalformed() throws IOException {
        byte[] in = explicit();
        int pn = indexOf(in, new byte[] { 0x10, 0x00, 0x10, 0x00, 'P', 'N' });
        byte[] badVr = in.clone();
        badVr[pn + 4] = 'Q';
        badVr[pn + 5] = 'Q';
        DicomFormatException e = malformed(badVr, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertTrue(e.getMessage().contains("unknown VR 'QQ'"), e.getMessage());
        assertEquals(pn, e.getOffset());

        byte[] stray = { (byte) 0xFE, (byte) 0xFF, 0x0D, (byte) 0xE0, 0, 0, 0, 0 };
        e = malformed(stray, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertTrue(e.getMessage().contains("unexpected (fffe,e00d)"), e.getMessage());
    }

    @Test
    void anUnclosedSequenceIsMalformed() throws IOException {
        // (0008,1140) SQ of undefined length with one undefined-length item, never delimited
        byte[] in = { 0x08, 0x00, 0x40, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1, (byte) 0xFE, (byte) 0xFF, 0x00,
            (byte) 0xE0, -1, -1, -1, -1 };
        DicomFormatException e = malformed(in, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertTrue(e.getMessage().contains("ends inside an element header"), e.getMessage());
        assertEquals("(0008,1140)[0]", e.getTagPath());
    }

    @Test
    void deepNestingIsRefusedWithoutRecursion() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            b.writeBytes(new byte[] { 0x08, 0x00, 0x40, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1, (byte) 0xFE, (byte) 0xFF,
                0x00, (byte) 0xE0, -1, -1, -1, -1 });
        }
        DicomFormatException e = malformed(b.toByteArray(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
    }

    @Test
    void aHugeLengthNeedsNoMemory() {
        // a 4 GB-1 value length with 8 bytes behind it: the copy streams, it never allocates the value
        byte[] in = { 0x09, 0x00, 0x10, 0x10, 'O', 'B', 0, 0, -2, -1, -1, -1, 1, 2, 3, 4, 5, 6, 7, 8 };
        DicomFormatException e = malformed(in, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertTrue(e.getMessage().contains("before the end of the value"), e.getMessage());
    }

    @Test
    void writeFailuresAreTheStoresFault() throws IOException {
        byte[] in = explicit();
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        DataSetCopy.WriteFailure e = assertThrows(DataSetCopy.WriteFailure.class,
                () -> DataSetCopy.copy(new ByteArrayInputStream(in), full, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertTrue(e.getMessage().contains("No space left"));
    }

    /** A network-like input: hands its bytes on in small chunks, where they lie, as the PDV stream does. */
    static final class Chunked extends ByteArrayInputStream implements ChunkedInput {
        long handedOn;

        Chunked(byte[] b) {
            super(b);
        }

        @Override
        public long transferTo(OutputStream out, long max) throws IOException {
            long n = 0;
            while (n < max && pos < count) {
                int len = (int) Math.min(Math.min(7, count - pos), max - n);
                out.write(buf, pos, len);
                pos += len;
                n += len;
            }
            handedOn += n;
            return n;
        }
    }

    @Test
    void valuesFromAChunkedInputAreHandedOnUnchanged() throws IOException {
        for (TransferSyntax ts : List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN)) {
            Attributes a = instance(ts.bigEndian());
            byte[] px = new byte[4 * 4 * 2];
            Arrays.fill(px, (byte) 7);
            a.setBytes(Tag.PixelData, VR.OW, px);
            byte[] in = encode(a, ts);
            Chunked chunked = new Chunked(in);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ReceivedHeader h = DataSetCopy.copy(chunked, out, ts);
            assertArrayEquals(in, out.toByteArray(), ts.name() + ": copied byte for byte");
            assertEquals("1.2.3.4.100", h.sopInstanceUid());
            assertTrue(chunked.handedOn >= px.length, ts.name() + ": the pixels went by the chunked path");
        }
    }

    @Test
    void aChunkedInputThatEndsInsideAValueIsMalformedAndAFullDiskIsTheStores() throws IOException {
        byte[] full = explicit();
        DicomFormatException e = assertThrows(DicomFormatException.class, () -> DataSetCopy.copy(
                new Chunked(Arrays.copyOf(full, full.length - 5)), OutputStream.nullOutputStream(),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertTrue(e.getMessage().contains("5 bytes before the end of the value"), e.getMessage());
        assertEquals("(7fe0,0010)", e.getTagPath());
        OutputStream diskFull = new OutputStream() {
            private int left = full.length - 16; // the header fits, the pixels do not

            @Override
            public void write(int b) throws IOException {
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len > left) {
                    throw new IOException("No space left on device");
                }
                left -= len;
            }
        };
        DataSetCopy.WriteFailure w = assertThrows(DataSetCopy.WriteFailure.class,
                () -> DataSetCopy.copy(new Chunked(full), diskFull, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertTrue(w.getMessage().contains("No space left"), w.getMessage());
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
