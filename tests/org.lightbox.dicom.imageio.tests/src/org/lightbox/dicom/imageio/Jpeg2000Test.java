package org.lightbox.dicom.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;

/**
 * JPEG 2000 against OpenJPEG (opj_compress / opj_decompress): lossless decoding bit for bit, lossy decoding within
 * a stated tolerance of OpenJPEG's own decoding, our lossless encoding decoded exactly by OpenJPEG.
 */
class Jpeg2000Test {

    /** Lossy: the largest difference allowed between our decoding and OpenJPEG's of the same codestream. */
    static int lossyTolerance(int bitsStored) {
        return Math.max(2, 1 << Math.max(0, bitsStored - 14)); // 2 up to 15 bits, 4 at 16 bits
    }

    /** Lossy at ratio 10: the least peak signal-to-noise ratio of our decoding against the original, in dB. */
    static final double MIN_PSNR = 35;

    @TempDir
    Path dir;

    private static List<FrameBuffer[]> images() {
        List<FrameBuffer[]> l = Oracle.losslessImages();
        l.add(TestImages.frames(TestImages.mono(47, 38, 16, 12, false), 2, 31, 3));
        l.add(TestImages.frames(TestImages.mono(36, 40, 8, 8, true), 1, 32, 2));
        return l;
    }

    /** The format a data set declares for OpenJPEG's codestreams: colour is coded with RCT (lossless) or ICT. */
    private static FrameFormat declared(FrameFormat f, boolean lossy) {
        return f.samplesPerPixel() == 3 ? f.withPlanar(false).withPhotometric(lossy ? PhotometricInterpretation.YBR_ICT
                : PhotometricInterpretation.YBR_RCT) : f;
    }

    private byte[][] compressAll(FrameBuffer[] frames, String... options) throws Exception {
        byte[][] out = new byte[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            out[i] = OpenJpeg.compress(frames[i], dir, options);
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> decodesOpenJpegLosslessBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (FrameBuffer[] frames : images()) {
            int k = n++;
            tests.add(DynamicTest.dynamicTest(Oracle.describe(frames), () -> {
                byte[][] coded = compressAll(frames, "-n", "3");
                Path file = TestImages.writeEncapsulated(dir.resolve("l" + k + ".dcm"),
                        declared(frames[0].format(), false), UID.JPEG2000Lossless, coded);
                Oracle.assertSameValues(frames, file);
                PixelData p = TestImages.pixelData(file);
                assertEquals(PhotometricInterpretation.RGB.samplesPerPixel() == frames[0].format().samplesPerPixel()
                        ? PhotometricInterpretation.RGB : frames[0].format().photometric(),
                        p.decodedFormat().photometric());
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> decodesEveryCodingOption() {
        // tiles, tile-parts, progression orders, precincts, markers, code-block styles, quality layers, no MCT
        String[][] options = { { "-t", "32,24", "-n", "3" }, { "-t", "32,32", "-TP", "R", "-n", "3" }, { "-p", "RPCL" },
            { "-p", "CPRL", "-c", "[32,32]" }, { "-p", "PCRL", "-c", "[32,32],[16,16]", "-b", "16,16" }, { "-SOP", "-EPH" }, { "-M", "63" }, { "-r", "40,10,1" },
            { "-b", "16,16", "-n", "2" }, { "-mct", "0" } };
        List<DynamicTest> tests = new ArrayList<>();
        FrameBuffer[][] images = { TestImages.frames(TestImages.mono(70, 90, 16, 16, true), 1, 33, 4),
            TestImages.frames(TestImages.rgb(64, 72, false), 1, 34, 3) };
        int n = 0;
        for (String[] o : options) {
            for (FrameBuffer[] frames : images) {
                int k = n++;
                tests.add(DynamicTest.dynamicTest(String.join(" ", o) + " " + Oracle.describe(frames), () -> {
                    boolean noMct = o[0].equals("-mct");
                    FrameFormat f = noMct ? frames[0].format() : declared(frames[0].format(), false);
                    Path file = TestImages.writeEncapsulated(dir.resolve("o" + k + ".dcm"), f, UID.JPEG2000Lossless,
                            compressAll(frames, o));
                    Oracle.assertSameValues(frames, file);
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> decodesOpenJpegLossyLikeOpenJpeg() {
        List<DynamicTest> tests = new ArrayList<>();
        List<FrameBuffer[]> images = List.of(TestImages.frames(TestImages.mono(64, 80, 8, 8, false), 2, 35, 2),
                TestImages.frames(TestImages.mono(64, 80, 16, 12, false), 1, 36, 3),
                TestImages.frames(TestImages.mono(64, 80, 16, 16, true), 1, 37, 4),
                TestImages.frames(TestImages.rgb(64, 80, false), 2, 38, 2));
        int n = 0;
        for (FrameBuffer[] frames : images) {
            int k = n++;
            tests.add(DynamicTest.dynamicTest(Oracle.describe(frames), () -> {
                byte[][] coded = compressAll(frames, "-I", "-r", "10");
                FrameFormat f = declared(frames[0].format(), true);
                Path file = TestImages.writeEncapsulated(dir.resolve("y" + k + ".dcm"), f, UID.JPEG2000, coded);
                PixelData p = TestImages.pixelData(file);
                int bits = f.bitsStored();
                double peak = (1L << bits) - 1;
                for (int i = 0; i < frames.length; i++) {
                    FrameBuffer ours = p.frame(i);
                    FrameBuffer theirs = OpenJpeg.decompress(coded[i], ours.format(), dir);
                    int d = TestImages.maxAbsDifference(theirs, ours);
                    assertTrue(d <= lossyTolerance(bits), "frame " + (i + 1) + ": we differ from opj_decompress by "
                            + d + ", more than " + lossyTolerance(bits));
                    FrameBuffer original = frames[i].withPlanar(false);
                    double sum = 0;
                    for (int s = 0; s < original.length(); s++) {
                        double e = original.value(s) - ours.value(s);
                        sum += e * e;
                    }
                    double psnr = 10 * Math.log10(peak * peak / (sum / original.length()));
                    assertTrue(psnr >= MIN_PSNR, "frame " + (i + 1) + ": PSNR " + psnr + " dB");
                }
                // decoding a lossy syntax keeps the data set flagged as lossy
                Path back = dir.resolve("yb" + k + ".dcm");
                new Transcoder().transcode(file, back, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                Attributes a = TestImages.read(back).dataset();
                assertEquals("01", a.getString(Tag.LossyImageCompression));
                if (f.samplesPerPixel() == 3) {
                    assertEquals("RGB", a.getString(Tag.PhotometricInterpretation));
                }
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> openJpegDecodesOurLosslessExactly() {
        List<DynamicTest> tests = new ArrayList<>();
        List<FrameBuffer[]> images = images();
        images.add(TestImages.frames(TestImages.rgb(21, 27, true), 2, 39, 3)); // planar source
        images.add(TestImages.frames(TestImages.mono(5, 7, 16, 16, false), 1, 40, 8)); // smaller than a code-block
        images.add(TestImages.frames(TestImages.mono(64, 64, 16, 10, true), 1, 41, 0));
        int n = 0;
        for (FrameBuffer[] frames : images) {
            int k = n++;
            tests.add(DynamicTest.dynamicTest(Oracle.describe(frames), () -> {
                FrameFormat f = frames[0].format();
                FrameEncoder enc = PixelCodecs.forTransferSyntax(UID.JPEG2000Lossless).encoder(f,
                        CodecOptions.DEFAULT);
                assertFalse(enc.isLossy());
                assertEquals(f.samplesPerPixel() == 3 ? PhotometricInterpretation.YBR_RCT : f.photometric(),
                        enc.encodedFormat().photometric());
                byte[][] coded = new byte[frames.length][];
                for (int i = 0; i < frames.length; i++) {
                    coded[i] = enc.encode(frames[i]);
                    FrameBuffer theirs = OpenJpeg.decompress(coded[i], f.withPlanar(false), dir);
                    FrameBuffer original = frames[i].withPlanar(false);
                    for (int s = 0; s < original.length(); s++) {
                        if (original.value(s) != theirs.value(s)) {
                            fail("frame " + (i + 1) + " sample " + s + ": " + original.value(s) + " expected, "
                                    + theirs.value(s) + " from opj_decompress");
                        }
                    }
                }
                Oracle.assertSameValues(frames, TestImages.writeEncapsulated(dir.resolve("e" + k + ".dcm"),
                        enc.encodedFormat(), UID.JPEG2000Lossless, coded));
            }));
        }
        return tests;
    }

    @Test
    void multiFrameWithOffsetTableAndFramesSplitOverFragments() throws Exception {
        FrameBuffer[] frames = TestImages.frames(TestImages.mono(48, 56, 16, 16, false), 4, 42, 5);
        byte[][] coded = compressAll(frames);
        Attributes a = TestImages.imageAttributes(frames[0].format(), frames.length);
        Fragments fr = a.newFragments(Tag.PixelData, VR.OB, 2 * frames.length + 1);
        byte[] bot = new byte[4 * frames.length];
        List<byte[]> parts = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < frames.length; i++) {
            for (int k = 0; k < 4; k++) {
                bot[4 * i + k] = (byte) (offset >> (8 * k));
            }
            byte[] c = coded[i].length % 2 == 0 ? coded[i] : Arrays.copyOf(coded[i], coded[i].length + 1);
            int half = c.length / 4 * 2;
            parts.add(Arrays.copyOfRange(c, 0, half));
            parts.add(Arrays.copyOfRange(c, half, c.length));
            offset += 16 + c.length;
        }
        fr.add(bot);
        parts.forEach(fr::add);
        Path file = dir.resolve("multi.dcm");
        DicomWriter.writeFile(file, FileMetaInformation.create(TestImages.SOP_CLASS, "2.25.1234567890123456789",
                UID.JPEG2000Lossless), a);
        PixelData p = TestImages.pixelData(file);
        assertEquals(frames.length, p.frameCount());
        for (int i = frames.length - 1; i >= 0; i--) { // any order: frames are found through the table
            assertEquals(-1, TestImages.firstDifference(frames[i], p.frame(i)), "frame " + (i + 1));
        }
    }

    @Test
    void transcodingThroughJpeg2000KeepsPixelsAndFlagsNothingLossy() throws Exception {
        FrameBuffer[] frames = TestImages.frames(TestImages.rgb(40, 52, false), 3, 43, 3);
        Path src = TestImages.writeNative(dir.resolve("n.dcm"), frames);
        Path j2k = dir.resolve("j.dcm");
        Transcoder.Result r = new Transcoder().transcode(src, j2k, TransferSyntax.of(UID.JPEG2000Lossless));
        assertFalse(r.lossy());
        assertEquals(3, r.frames());
        Attributes a = TestImages.read(j2k).dataset();
        assertEquals("YBR_RCT", a.getString(Tag.PhotometricInterpretation));
        assertEquals(null, a.getString(Tag.LossyImageCompression));
        assertEquals(3, a.getFragments(Tag.PixelData).basicOffsetTable().length);
        for (int i = 0; i < frames.length; i++) { // OpenJPEG reads every frame of the file back exactly
            FrameBuffer theirs = OpenJpeg.decompress(TestImages.pixelData(j2k).frameBytes(i), frames[i].format(),
                    dir);
            assertEquals(-1, TestImages.firstDifference(frames[i], theirs), "frame " + (i + 1));
        }
        Path back = dir.resolve("b.dcm");
        new Transcoder().transcode(j2k, back, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertEquals("RGB", TestImages.read(back).dataset().getString(Tag.PhotometricInterpretation));
        Oracle.assertSameValues(frames, back);
    }

    @Test
    void aTruncatedOrDamagedFrameNamesFrameAndCodec() throws Exception {
        FrameFormat f = TestImages.mono(40, 48, 16, 12, false);
        FrameBuffer[] frames = TestImages.frames(f, 3, 44, 3);
        byte[][] coded = compressAll(frames, "-I", "-r", "8");
        coded[1] = Arrays.copyOf(coded[1], coded[1].length * 2 / 3);
        Path file = TestImages.writeEncapsulated(dir.resolve("t.dcm"), f, UID.JPEG2000, coded);
        PixelData p = TestImages.pixelData(file);
        p.frame(0);
        CodecException e = assertThrows(CodecException.class, () -> p.frame(1));
        assertEquals(1, e.getFrame());
        assertEquals("JPEG 2000", e.getCodec());
        assertTrue(e.getMessage().contains("frame 2") && e.getMessage().contains("truncated"), e.getMessage());
        p.frame(2);
        // a codestream of another size than the data set declares is refused before decoding
        byte[] other = OpenJpeg.compress(TestImages.frame(TestImages.mono(20, 48, 16, 12, false), 0, 45, 2), dir,
                "-n", "3");
        FrameDecoder d = PixelCodecs.forTransferSyntax(UID.JPEG2000Lossless).decoder(f);
        CodecException size = assertThrows(CodecException.class,
                () -> d.decode(other, 0, other.length, FrameBuffer.allocate(d.decodedFormat())));
        assertTrue(size.getReason().contains("48x20x1"), size.getReason());
    }

    @Test
    void lossyJpeg2000IsDecodeOnly() throws Exception {
        FrameFormat f = TestImages.mono(8, 8, 16, 16, false);
        PixelCodec lossy = PixelCodecs.forTransferSyntax(UID.JPEG2000);
        assertTrue(lossy.isLossy());
        assertFalse(lossy.canEncode(f));
        assertThrows(CodecException.class, () -> lossy.encoder(f, CodecOptions.DEFAULT));
        assertTrue(PixelCodecs.forTransferSyntax(UID.JPEG2000Lossless).canEncode(f));
    }
}
