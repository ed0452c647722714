package org.lightbox.dicom.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.lightbox.testing.DcmtkTool;

/** Round trips through dcmtk: the helpers the codec tests share. */
final class Oracle {

    private Oracle() {
    }

    /** The images every lossless codec is tested with: 8, 12 (signed), 16-bit (both), RGB; odd sizes; 3 frames. */
    static List<FrameBuffer[]> losslessImages() {
        List<FrameBuffer[]> l = new ArrayList<>();
        l.add(TestImages.frames(TestImages.mono(53, 67, 8, 8, false), 3, 1, 3));
        l.add(TestImages.frames(TestImages.mono(53, 67, 16, 12, true), 3, 2, 4));
        l.add(TestImages.frames(TestImages.mono(53, 67, 16, 16, false), 3, 3, 6));
        l.add(TestImages.frames(TestImages.mono(40, 31, 16, 16, true), 2, 4, 7));
        l.add(TestImages.frames(TestImages.rgb(37, 45, false), 3, 5, 3));
        l.add(TestImages.frames(TestImages.mono(21, 19, 8, 5, false), 1, 6, 1)); // fewer bits stored than 8
        return l;
    }

    static String describe(FrameBuffer[] frames) {
        return frames[0].format() + " x" + frames.length;
    }

    /** One test per lossless image: {@link #assertWeDecodeLikeDcmtk} with the original as a further check. */
    static List<DynamicTest> weDecodeLikeDcmtk(List<FrameBuffer[]> images, Path dir, String encoder, String decoder,
            String... options) {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (FrameBuffer[] frames : images) {
            String id = Integer.toString(n++);
            tests.add(DynamicTest.dynamicTest(describe(frames),
                    () -> assertWeDecodeLikeDcmtk(frames, true, dir, id, encoder, decoder, options)));
        }
        return tests;
    }

    /**
     * Compresses {@code frames} with dcmtk's {@code encoder} (and {@code options}) and asserts we decode exactly what
     * dcmtk's {@code decoder} does, and when {@code lossless} the original too. Files go to {@code dir}, named by
     * {@code id}.
     */
    static void assertWeDecodeLikeDcmtk(FrameBuffer[] frames, boolean lossless, Path dir, String id, String encoder,
            String decoder, String... options) throws IOException, InterruptedException {
        Path nat = TestImages.writeNative(dir.resolve("n" + id + ".dcm"), frames);
        Path theirs = dcmtk(encoder, nat, dir.resolve("c" + id + ".dcm"), options);
        assertSameCells(dcmtk(decoder, theirs, dir.resolve("d" + id + ".dcm")), theirs);
        if (lossless) {
            assertSameCells(nat, theirs);
        }
    }

    /**
     * One test per image: we encode it for {@code tsUid} with {@code options}; dcmtk's {@code decoder} and we must
     * both give back the original values. Files go to {@code dir}.
     */
    static List<DynamicTest> dcmtkDecodesOursExactly(List<FrameBuffer[]> images, Path dir, String tsUid,
            CodecOptions options, String decoder) {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (FrameBuffer[] frames : images) {
            int k = n++;
            tests.add(DynamicTest.dynamicTest(describe(frames), () -> {
                Path ours = encodeWithOurs(frames, tsUid, options, dir.resolve("o" + k + ".dcm"));
                assertSameValues(frames, dcmtk(decoder, ours, dir.resolve("od" + k + ".dcm")));
                assertSameValues(frames, ours);
            }));
        }
        return tests;
    }

    /** Runs a dcmtk tool on {@code in}, writing {@code out}; returns {@code out}. */
    static Path dcmtk(String tool, Path in, Path out, String... options) throws IOException, InterruptedException {
        String[] command = new String[options.length + 3];
        command[0] = tool;
        System.arraycopy(options, 0, command, 1, options.length);
        command[options.length + 1] = in.toString();
        command[options.length + 2] = out.toString();
        DcmtkTool.output(command);
        return out;
    }

    /** Encodes the frames with our codec for {@code tsUid} and writes them as a DICOM file. */
    static Path encodeWithOurs(FrameBuffer[] frames, String tsUid, CodecOptions options, Path file)
            throws IOException {
        FrameEncoder enc = PixelCodecs.forTransferSyntax(tsUid).encoder(frames[0].format(), options);
        byte[][] out = new byte[frames.length][];
        for (int i = 0; i < frames.length; i++) {
            out[i] = enc.encode(frames[i]);
        }
        return TestImages.writeEncapsulated(file, enc.encodedFormat(), tsUid, out);
    }

    /** Asserts both files hold the same frames, cell for cell (all bits allocated). */
    static void assertSameCells(Path expected, Path actual) throws IOException {
        PixelData e = TestImages.pixelData(expected);
        PixelData a = TestImages.pixelData(actual);
        assertEquals(e.frameCount(), a.frameCount(), "frames");
        for (int i = 0; i < e.frameCount(); i++) {
            FrameBuffer x = e.frame(i);
            FrameBuffer y = a.frame(i);
            assertEquals(x.format(), y.format(), "format of frame " + (i + 1));
            int d = TestImages.firstDifference(x, y);
            if (d >= 0) {
                fail("frame " + (i + 1) + " differs at sample " + d + ": " + x.get(d) + " expected, " + y.get(d)
                        + " decoded");
            }
        }
    }

    /** Asserts the stored values (bits stored, sign-extended) of every frame equal the originals. */
    static void assertSameValues(FrameBuffer[] expected, Path actual) throws IOException {
        PixelData a = TestImages.pixelData(actual);
        assertEquals(expected.length, a.frameCount(), "frames");
        for (int i = 0; i < expected.length; i++) {
            FrameBuffer y = a.frame(i);
            FrameBuffer x = expected[i].withPlanar(y.format().planar());
            for (int k = 0; k < x.length(); k++) {
                if (x.value(k) != y.value(k)) {
                    fail("frame " + (i + 1) + " sample " + k + ": " + x.value(k) + " expected, " + y.value(k)
                            + " decoded");
                }
            }
        }
    }

    /** The largest absolute difference of stored values over all frames of two files. */
    static int maxDifference(Path a, Path b) throws IOException {
        PixelData x = TestImages.pixelData(a);
        PixelData y = TestImages.pixelData(b);
        assertEquals(x.frameCount(), y.frameCount(), "frames");
        int max = 0;
        for (int i = 0; i < x.frameCount(); i++) {
            FrameBuffer fx = x.frame(i);
            FrameBuffer fy = y.frame(i);
            assertEquals(fx.format().samples(), fy.format().samples(), "samples of frame " + (i + 1));
            max = Math.max(max, TestImages.maxAbsDifference(fx, fy.withPlanar(fx.format().planar())));
        }
        return max;
    }

    /** Root mean square error of the frames in {@code file} against the originals. */
    static double rmsError(FrameBuffer[] originals, Path file) throws IOException {
        PixelData p = TestImages.pixelData(file);
        double sum = 0;
        long n = 0;
        for (int i = 0; i < originals.length; i++) {
            FrameBuffer y = p.frame(i);
            FrameBuffer x = originals[i].withPlanar(y.format().planar());
            for (int k = 0; k < x.length(); k++) {
                double d = x.value(k) - y.value(k);
                sum += d * d;
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }
}
