package org.lightbox.dicom.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.VR;

/** Writing a data set in another transfer syntax converts byte order and VR form, and converting back restores it. */
class TranscodeTest {

    @TestFactory
    List<DynamicTest> everyPairAndBack() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TransferSyntax a : TestCorpus.NATIVE) {
            for (TransferSyntax b : TestCorpus.NATIVE) {
                if (a == b) {
                    continue;
                }
                tests.add(dynamicTest(a.name() + " -> " + b.name() + " -> back", () -> {
                    Attributes ds = TestCorpus.everyVR(false, "ISO_IR 100", "Müller^Jörg", false);
                    byte[] original = TestCorpus.part10(ds, a.uid());
                    byte[] converted = TestCorpus.part10(TestCorpus.read(original).dataset(), b.uid());
                    assertFalse(Arrays.equals(original, converted), "the encodings differ");
                    Attributes inB = TestCorpus.read(converted).dataset();
                    assertSameValues(ds, inB);
                    byte[] back = TestCorpus.part10(inB, a.uid());
                    assertArrayEquals(original, back);
                }));
            }
        }
        return tests;
    }

    /** The decoded values survive the conversion (the raw bytes differ in byte order). */
    private static void assertSameValues(Attributes expected, Attributes actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            int tag = expected.tagAt(i);
            assertEquals(tag, actual.tagAt(i));
            assertEquals(expected.vrAt(i), actual.vrAt(i), Tag.toString(tag));
            VR vr = expected.vrAt(i);
            if (vr == VR.SQ) {
                Sequence s = expected.getSequence(tag);
                Sequence t = actual.getSequence(tag);
                assertEquals(s.size(), t.size());
                for (int k = 0; k < s.size(); k++) {
                    assertSameValues(s.get(k), t.get(k));
                }
            } else if (vr.isStringLike()) {
                assertArrayEquals(expected.getStrings(tag), actual.getStrings(tag));
            } else if (vr == VR.OB || vr == VR.UN) {
                assertArrayEquals(expected.getBytes(tag), actual.getBytes(tag));
            } else {
                assertArrayEquals(expected.getLongs(tag), actual.getLongs(tag), Tag.toString(tag));
                assertArrayEquals(expected.getDoubles(tag), actual.getDoubles(tag));
            }
        }
    }

    @Test
    void bigEndianSwapsByWordSize() throws IOException {
        Attributes ds = new Attributes();
        ds.setInt(0x00280010, VR.US, 0x0102);
        ds.setLong(0x00209057, VR.UL, 0x01020304);
        ds.setInt(0x00280009, VR.AT, 0x00181063);
        ds.setLong(0x00720083, VR.UV, 0x0102030405060708L);
        ds.setBytes(0x00420011, VR.OB, new byte[] { 1, 2, 3, 4 });
        ds.setInt(0x00281201, VR.OW, 0x0102, 0x0304);
        ds.setString(0x00100020, VR.LO, "AB");
        Attributes be = TestCorpus.read(TestCorpus.part10(ds, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid())).dataset();
        assertEquals(true, be.isBigEndian());
        assertArrayEquals(new byte[] { 1, 2 }, be.getBytes(0x00280010));
        assertArrayEquals(new byte[] { 1, 2, 3, 4 }, be.getBytes(0x00209057));
        assertArrayEquals(new byte[] { 0, 0x18, 0x10, 0x63 }, be.getBytes(0x00280009), "AT: two 16-bit words");
        assertArrayEquals(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }, be.getBytes(0x00720083));
        assertArrayEquals(new byte[] { 1, 2, 3, 4 }, be.getBytes(0x00420011), "OB is not swapped");
        assertArrayEquals(new byte[] { 1, 2, 3, 4 }, be.getBytes(0x00281201), "OW swapped by 16-bit word");
        assertEquals("AB", be.getString(0x00100020));
        assertEquals(0x0102, be.getInt(0x00280010, 0));
        assertEquals(0x00181063, be.getInt(0x00280009, 0));
    }

    @Test
    void copyingIntoTheOtherByteOrderConverts() {
        Attributes le = TestCorpus.everyVR(false, "ISO_IR 100", "Doe^John", true);
        Attributes be = new Attributes(true, 64);
        be.addAll(le);
        assertArrayEquals(TestCorpus.part10(le, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid()),
                TestCorpus.part10(be, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid()));
        assertArrayEquals(TestCorpus.part10(le, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()),
                TestCorpus.part10(be, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()));
    }

    @Test
    void implicitToExplicitTakesVRsFromTheDictionary() throws IOException {
        Attributes ds = TestCorpus.everyVR(false, "ISO_IR 100", "Doe^John", true);
        Attributes implicit = TestCorpus.read(TestCorpus.part10(ds,
                TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid())).dataset();
        assertEquals(VR.PN, implicit.getVR(0x00100010));
        assertEquals(VR.OW, implicit.getVR(0x7FE00010));
        assertEquals(VR.LO, implicit.getVR(0x00290010), "private creator");
        assertEquals(VR.UN, implicit.getVR(0x00291001), "private element of unknown VR");
        assertEquals(VR.UN, implicit.getVR(0x00291003), "private sequence of unknown VR");
        Attributes explicit = TestCorpus.read(TestCorpus.part10(implicit,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid())).dataset();
        assertEquals(VR.UN, explicit.getVR(0x00291001));
        assertEquals("private text", new String(explicit.getBytes(0x00291001), StandardCharsets.US_ASCII));
        assertEquals("inside private sequence",
                explicit.getSequence(0x00291003).get(0).getString(0x00100020), "UN sequence items are implicit VR");
    }
}
