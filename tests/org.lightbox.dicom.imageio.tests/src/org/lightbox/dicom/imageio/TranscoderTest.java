package org.lightbox.dicom.imageio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomFile;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.core.io.ReadOptions;

/** Transcoding keeps every other attribute, fixes the pixel description, and streams frame by frame. */
class TranscoderTest {

    private static final String[] LOSSLESS = { UID.RLELossless, UID.JPEGLosslessSV1, UID.JPEGLossless,
        UID.JPEGLSLossless, UID.JPEG2000Lossless, UID.ExplicitVRBigEndian, UID.ImplicitVRLittleEndian,
        UID.DeflatedExplicitVRLittleEndian };

    /** Attributes the pixel data may change, compared separately. */
    private static final int[] PIXEL_DESCRIPTION = { Tag.PhotometricInterpretation, Tag.PlanarConfiguration,
        Tag.PixelData };

    @TempDir
    Path dir;

    /** An image data set with the kinds of elements a transcoder could lose: sequences, private, UN, trailing. */
    private Path richFile(FrameBuffer[] frames) throws Exception {
        FrameFormat f = frames[0].format();
        Attributes a = TestImages.imageAttributes(f, frames.length);
        a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        a.setDouble(Tag.PixelSpacing, VR.DS, 0.5, 0.625);
        a.setDouble(Tag.RescaleSlope, VR.DS, 1);
        a.setDouble(Tag.RescaleIntercept, VR.DS, -1024);
        Sequence s = a.newSequence(Tag.ReferencedImageSequence);
        Attributes item = s.addItem();
        item.setString(Tag.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        item.setString(Tag.ReferencedSOPInstanceUID, VR.UI, "2.25.777");
        int creator = a.reservePrivateTag("LIGHTBOX TEST", 0x00290010);
        a.setString(creator, VR.LO, "private value");
        a.setBytes(0x00291011, VR.UN, new byte[] { 1, 2, 3, 4 });
        a.setBytes(0xFFFCFFFC, VR.OB, new byte[6]); // trailing padding after the pixel data
        int len = (int) f.nativeLength();
        byte[] pixels = new byte[len * frames.length + (len * frames.length & 1)];
        for (int i = 0; i < frames.length; i++) {
            frames[i].writeNative(pixels, i * len, false);
        }
        a.setBytes(Tag.PixelData, f.bitsAllocated() > 8 ? VR.OW : VR.OB, pixels);
        Path file = dir.resolve("rich-" + f.bitsAllocated() + "-" + f.samplesPerPixel() + ".dcm");
        DicomWriter.writeFile(file, FileMetaInformation.create(TestImages.SOP_CLASS, "2.25.1234567890123456789",
                UID.ExplicitVRLittleEndian), a);
        return file;
    }

    private static Attributes withoutPixelDescription(Attributes a) {
        Attributes copy = new Attributes(a);
        for (int tag : PIXEL_DESCRIPTION) {
            copy.remove(tag);
        }
        return copy;
    }

    private static List<FrameBuffer[]> images() {
        List<FrameBuffer[]> l = new ArrayList<>();
        l.add(TestImages.frames(TestImages.mono(33, 45, 16, 12, true), 3, 51, 4));
        l.add(TestImages.frames(TestImages.rgb(21, 27, true), 2, 52, 3)); // planar, odd length
        return l;
    }

    @TestFactory
    List<DynamicTest> losslessRoundTripsKeepEveryOtherAttribute() {
        List<DynamicTest> tests = new ArrayList<>();
        for (FrameBuffer[] frames : images()) {
            for (String ts : LOSSLESS) {
                tests.add(DynamicTest.dynamicTest(TransferSyntax.of(ts).name() + " " + Oracle.describe(frames), () -> {
                    Path src = richFile(frames);
                    Path mid = dir.resolve("mid.dcm");
                    Path back = dir.resolve("back.dcm");
                    Transcoder t = new Transcoder();
                    Transcoder.Result r = t.transcode(src, mid, TransferSyntax.of(ts));
                    assertEquals(frames.length, TransferSyntax.of(ts).encapsulated() ? r.frames() : frames.length);
                    t.transcode(mid, back, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                    DicomFile original = TestImages.read(src);
                    DicomFile middle = TestImages.read(mid);
                    DicomFile result = TestImages.read(back);
                    assertEquals(ts, middle.fileMetaInformation().getString(Tag.TransferSyntaxUID));
                    TransferSyntax target = TransferSyntax.of(ts);
                    if (target.explicitVR() && !target.bigEndian()) { // values compare byte for byte
                        assertEquals(withoutPixelDescription(original.dataset()), withoutPixelDescription(
                                middle.dataset()), "attributes after the first transcoding");
                    }
                    if (target.explicitVR()) { // implicit VR loses the VR of private elements by nature
                        assertEquals(withoutPixelDescription(original.dataset()), withoutPixelDescription(
                                result.dataset()), "attributes after the round trip");
                    }
                    Oracle.assertSameValues(frames, mid);
                    Oracle.assertSameValues(frames, back);
                    assertNull(middle.dataset().getString(Tag.LossyImageCompression));
                    if (frames[0].format().samplesPerPixel() == 3 && ts.startsWith("1.2.840.10008.1.2.4")) {
                        assertEquals(0, middle.dataset().getInt(Tag.PlanarConfiguration, -1), "JPEG interleaves");
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void lossyCompressionIsFlaggedWithRatioMethodAndNewUid() throws Exception {
        FrameBuffer[] frames = TestImages.frames(TestImages.rgb(32, 48, false), 2, 53, 3);
        Path src = richFile(frames);
        Path jpeg = dir.resolve("j.dcm");
        Transcoder.Result r = new Transcoder().transcode(src, jpeg, TransferSyntax.of(UID.JPEGBaseline8Bit));
        assertTrue(r.lossy());
        DicomFile f = TestImages.read(jpeg);
        Attributes a = f.dataset();
        assertEquals("YBR_FULL_422", a.getString(Tag.PhotometricInterpretation));
        assertEquals("01", a.getString(Tag.LossyImageCompression));
        assertTrue(a.getDouble(Tag.LossyImageCompressionRatio, 0) > 2, "ratio " + a.getString(
                Tag.LossyImageCompressionRatio));
        assertEquals("ISO_10918_1", a.getString(Tag.LossyImageCompressionMethod));
        assertNotEquals("2.25.1234567890123456789", a.getString(Tag.SOPInstanceUID));
        assertEquals(a.getString(Tag.SOPInstanceUID), f.fileMetaInformation().getString(
                Tag.MediaStorageSOPInstanceUID));
        assertEquals(r.sopInstanceUID(), a.getString(Tag.SOPInstanceUID));
        // the offset table has one entry per frame, each at a frame's first fragment
        Fragments fr = a.getFragments(Tag.PixelData);
        assertEquals(frames.length, fr.basicOffsetTable().length);
        // dcmtk agrees with our reading of it, and we decode back to RGB
        Path dcmtk = Oracle.dcmtk("dcmdjpeg", jpeg, dir.resolve("d.dcm"));
        Path back = dir.resolve("back.dcm");
        new Transcoder().transcode(jpeg, back, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertTrue(Oracle.maxDifference(dcmtk, back) <= JpegDctTest.TOLERANCE);
        Attributes b = TestImages.read(back).dataset();
        assertEquals("RGB", b.getString(Tag.PhotometricInterpretation));
        assertEquals("01", b.getString(Tag.LossyImageCompression), "once lossy, always lossy");
        assertEquals("ISO_10918_1", b.getString(Tag.LossyImageCompressionMethod));
        // compressing again appends the second step's ratio and method
        Path twice = dir.resolve("twice.dcm");
        new Transcoder(CodecOptions.DEFAULT.withNearLossless(3), true).transcode(back, twice,
                TransferSyntax.of(UID.JPEGLSNearLossless));
        Attributes c = TestImages.read(twice).dataset();
        assertArrayEquals(new String[] { "ISO_10918_1", "ISO_14495_1" }, c.getStrings(
                Tag.LossyImageCompressionMethod));
        assertEquals(2, c.getStrings(Tag.LossyImageCompressionRatio).length);
    }

    @Test
    void theOffsetTableOfALosslessFileIsPatchedIn() throws Exception {
        FrameBuffer[] frames = TestImages.frames(TestImages.mono(40, 40, 16, 16, false), 5, 54, 5);
        Path src = TestImages.writeNative(dir.resolve("n.dcm"), frames);
        Path out = dir.resolve("o.dcm");
        new Transcoder().transcode(src, out, TransferSyntax.of(UID.JPEGLosslessSV1));
        Fragments f = TestImages.read(out).dataset().getFragments(Tag.PixelData);
        long[] bot = f.basicOffsetTable();
        assertEquals(5, bot.length);
        long pos = 0;
        for (int i = 1; i < f.size(); i++) {
            assertEquals(pos, bot[i - 1], "offset of frame " + i);
            pos += 8 + f.length(i);
        }
        Oracle.assertSameValues(frames, Oracle.dcmtk("dcmdjpeg", out, dir.resolve("d.dcm")));
    }

    @Test
    void transcodingInPlaceReplacesTheFile() throws Exception {
        FrameBuffer[] frames = TestImages.frames(TestImages.mono(20, 30, 8, 8, false), 2, 55, 2);
        Path file = TestImages.writeNative(dir.resolve("same.dcm"), frames);
        new Transcoder().transcode(file, file, TransferSyntax.of(UID.JPEGLSLossless));
        assertEquals(UID.JPEGLSLossless, TestImages.read(file).transferSyntax().uid());
        Oracle.assertSameValues(frames, file);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void aBareDataSetStreamsToAnOutputStream() throws Exception {
        FrameBuffer[] frames = TestImages.frames(TestImages.mono(20, 30, 16, 16, false), 3, 56, 4);
        DicomFile src = TestImages.read(TestImages.writeNative(dir.resolve("n.dcm"), frames));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TransferSyntax rle = TransferSyntax.of(UID.RLELossless);
        new Transcoder().writeDataset(src.dataset(), src.transferSyntax(), rle, out);
        Attributes back = DicomReader.readDataset(new ByteArrayInputStream(out.toByteArray()), rle,
                ReadOptions.DEFAULT);
        PixelData p = PixelData.of(back, rle);
        for (int i = 0; i < frames.length; i++) {
            assertEquals(-1, TestImages.firstDifference(frames[i], p.frame(i)));
        }
    }

    @Test
    void anImpossibleTargetFailsCleanlyAndLeavesNoOutput() throws Exception {
        FrameBuffer[] frames = TestImages.frames(TestImages.mono(20, 30, 16, 16, true), 1, 57, 4);
        Path src = TestImages.writeNative(dir.resolve("n.dcm"), frames);
        Path out = dir.resolve("o.dcm");
        CodecException e = assertThrows(CodecException.class,
                () -> new Transcoder().transcode(src, out, TransferSyntax.of(UID.JPEGBaseline8Bit)));
        assertTrue(e.getMessage().contains("JPEG baseline"), e.getMessage());
        assertTrue(!Files.exists(out));
        assertThrows(CodecException.class,
                () -> new Transcoder().transcode(src, out, TransferSyntax.of(UID.JPEG2000))); // decode only
    }
}
