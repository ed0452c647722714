package org.lightbox.dicom.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.BulkDataReference;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.testing.DcmtkTool;

/** Read then write reproduces the input byte for byte, in every transfer syntax, for our files and dcmtk's. */
class RoundTripTest {

    @TempDir
    Path dir;

    @TestFactory
    List<DynamicTest> ourFilesPerTransferSyntax() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TransferSyntax ts : TestCorpus.NATIVE) {
            for (boolean bigEndianModel : new boolean[] { false, true }) {
                for (boolean privateVRs : new boolean[] { false, true }) {
                    String name = ts.name() + (bigEndianModel ? ", big endian model" : "")
                            + (privateVRs ? ", private VRs" : "");
                    tests.add(dynamicTest(name, () -> {
                        byte[] original = TestCorpus.part10(TestCorpus.everyVR(bigEndianModel, "ISO_IR 100",
                                "Müller^Jörg", privateVRs), ts.uid());
                        assertRoundTrip(original, ts);
                    }));
                }
            }
        }
        tests.add(dynamicTest("encapsulated pixel data", () -> {
            byte[] original = TestCorpus.part10(TestCorpus.encapsulated(), TestCorpus.JPEG_BASELINE);
            DicomFile f = assertRoundTrip(original, TransferSyntax.of(TestCorpus.JPEG_BASELINE));
            Fragments fragments = f.dataset().getFragments(0x7FE00010);
            assertEquals(4, fragments.size());
            assertArrayEquals(new long[] { 0, 20 }, fragments.basicOffsetTable());
            assertInstanceOf(BulkDataReference.class, fragments.get(1), "fragments stay in the file");
        }));
        return tests;
    }

    /** Asserts stream and file reading both write back identical bytes; returns the file-read result. */
    private DicomFile assertRoundTrip(byte[] original, TransferSyntax ts) throws IOException {
        DicomFile fromStream = TestCorpus.read(original);
        assertEquals(ts.uid(), fromStream.transferSyntax().uid());
        assertArrayEquals(original, TestCorpus.rewrite(fromStream), "read from a stream and written back");

        Path file = TestCorpus.write(dir, "rt.dcm", original);
        DicomFile fromFile = DicomReader.readFile(file);
        if (!ts.deflated()) {
            assertTrue(fromFile.dataset().getBulkDataReference(0x7FE00010) != null
                    || fromFile.dataset().getFragments(0x7FE00010) != null, "pixel data left in the file");
        }
        assertArrayEquals(original, TestCorpus.rewrite(fromFile), "read from a file and written back");
        return fromFile;
    }

    @Test
    void theSmallestWriteBufferWritesTheSameBytes() throws IOException {
        // every VR in every native transfer syntax (byte swapping included), and values several times the buffer
        for (TransferSyntax ts : TestCorpus.NATIVE) {
            for (boolean bigEndianModel : new boolean[] { false, true }) {
                Attributes ds = TestCorpus.everyVR(bigEndianModel, "ISO_IR 100", "Müller^Jörg", true);
                byte[] words = new byte[3000];
                for (int i = 0; i < words.length; i++) {
                    words[i] = (byte) (i * 7);
                }
                ds.setBytes(0x00091010, org.lightbox.dicom.core.VR.OW, words);
                ds.setString(0x00091011, org.lightbox.dicom.core.VR.LT, "x".repeat(1000));
                ByteArrayOutputStream large = new ByteArrayOutputStream();
                ByteArrayOutputStream small = new ByteArrayOutputStream();
                try (DicomWriter w = new DicomWriter(large)) {
                    w.writeDataset(ds, ts);
                }
                try (DicomWriter w = new DicomWriter(small, 1)) { // raised to the 256-byte minimum
                    w.writeDataset(ds, ts);
                }
                assertArrayEquals(large.toByteArray(), small.toByteArray(), ts.name());
                assertTrue(ts.deflated() || small.size() > 4000, ts.name() + ": the long values were written");
            }
        }
    }

    @TestFactory
    List<DynamicTest> bareDataSetsWithDetectedTransferSyntax() {
        List<DynamicTest> tests = new ArrayList<>();
        for (TransferSyntax ts : TestCorpus.NATIVE) {
            if (ts.deflated()) {
                continue; // a bare deflated stream cannot be recognised; its transfer syntax must be given
            }
            tests.add(dynamicTest(ts.name(), () -> {
                byte[] original = TestCorpus.bare(TestCorpus.everyVR(false, "ISO_IR 192", "Doe^John", true), ts);
                DicomFile f = DicomReader.readFile(TestCorpus.write(dir, "bare.dcm", original));
                assertEquals(null, f.fileMetaInformation());
                assertEquals(ts.uid(), f.transferSyntax().uid(), "detected transfer syntax");
                assertArrayEquals(original, TestCorpus.rewrite(f));
            }));
        }
        return tests;
    }

    @Test
    void deflatedDataSetOfKnownTransferSyntax() throws IOException {
        TransferSyntax ts = TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
        Attributes ds = TestCorpus.everyVR(false, "ISO_IR 100", "Doe^John", true);
        byte[] bytes = TestCorpus.bare(ds, ts);
        Attributes read = DicomReader.readDataset(new ByteArrayInputStream(bytes), ts, ReadOptions.DEFAULT);
        assertEquals(ds, read);
    }

    /**
     * Files written by dcmtk (dcmconv) in each transfer syntax, with explicit and undefined lengths, with group
     * lengths, with item padding: reading and writing them back gives the same bytes (for deflate: the same
     * inflated bytes, as two compressors need not agree).
     */
    @TestFactory
    List<DynamicTest> dcmtkFiles() throws IOException {
        Path source = TestCorpus.write(dir, "source.dcm",
                TestCorpus.part10(TestCorpus.everyVR(false, "ISO_IR 100", "Müller^Jörg", true), "1.2.840.10008.1.2.1"));
        List<DynamicTest> tests = new ArrayList<>();
        String[] syntaxes = { "+te", "+ti", "+tb", "+td" };
        String[][] variants = { { "+e" }, { "-e" }, { "+g" }, { "-e", "+g" }, { "+p", "256", "32" } };
        for (String tsOption : syntaxes) {
            for (String[] variant : variants) {
                if (tsOption.equals("+td") && variant[0].equals("+p")) {
                    continue;
                }
                String name = tsOption + " " + String.join(" ", variant);
                tests.add(dynamicTest(name, () -> {
                    Path out = dir.resolve("dcmtk" + name.replace(' ', '_') + ".dcm");
                    List<String> cmd = new ArrayList<>(List.of("dcmconv", "-q", tsOption));
                    cmd.addAll(Arrays.asList(variant));
                    cmd.add(source.toString());
                    cmd.add(out.toString());
                    DcmtkTool.output(cmd.toArray(new String[0]));
                    byte[] original = Files.readAllBytes(out);
                    DicomFile f = DicomReader.readFile(out);
                    byte[] written = TestCorpus.rewrite(f);
                    if (f.transferSyntax().deflated()) {
                        assertArrayEquals(inflatedImage(original), inflatedImage(written));
                    } else {
                        assertArrayEquals(original, written);
                    }
                }));
            }
        }
        return tests;
    }

    /** Preamble and meta as they are, the rest inflated. */
    private static byte[] inflatedImage(byte[] part10) throws IOException {
        int metaLength = 132 + 12 + (part10[140] & 0xFF | (part10[141] & 0xFF) << 8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(part10, 0, metaLength);
        try (InflaterInputStream in = new InflaterInputStream(
                new ByteArrayInputStream(part10, metaLength, part10.length - metaLength), new Inflater(true))) {
            in.transferTo(out);
        }
        assertTrue(out.size() > metaLength);
        return out.toByteArray();
    }
}
