package org.lightbox.dicom.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.UID;

/** JPEG-LS against dcmcjpls/dcmdjpls (CharLS): lossless and near-lossless, every interleave mode. */
class JpegLsTest {

    @TempDir
    Path dir;

    @TestFactory
    List<DynamicTest> decodesDcmtkLosslessBitForBit() {
        return Oracle.weDecodeLikeDcmtk(Oracle.losslessImages(), dir, "dcmcjpls", "dcmdjpls");
    }

    @TestFactory
    List<DynamicTest> decodesEveryInterleaveMode() {
        List<DynamicTest> tests = new ArrayList<>();
        String[][] modes = { { "+il" }, { "+is" }, { "+in" } };
        FrameBuffer[][] images = { TestImages.frames(TestImages.rgb(37, 45, false), 2, 21, 3),
            TestImages.frames(TestImages.rgb(16, 24, false), 1, 22, 0) }; // flat areas: runs across pixels
        for (String[] mode : modes) {
            for (int i = 0; i < images.length; i++) {
                FrameBuffer[] frames = images[i];
                String id = mode[0].substring(1) + i;
                tests.add(DynamicTest.dynamicTest(mode[0] + " " + Oracle.describe(frames), () -> {
                    Path nat = TestImages.writeNative(dir.resolve("n" + id + ".dcm"), frames);
                    Path jls = Oracle.dcmtk("dcmcjpls", nat, dir.resolve("c" + id + ".dcm"), mode);
                    Oracle.assertSameCells(nat, jls);
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> decodesNearLosslessLikeDcmdjpls() {
        List<DynamicTest> tests = new ArrayList<>();
        int[] near = { 1, 3, 10 };
        int n = 0;
        for (FrameBuffer[] frames : Oracle.losslessImages()) {
            if (frames[0].format().signed() || frames[0].format().bitsStored() < 8) {
                continue; // dcmcjpls refuses signed data, and fewer than 8 bits, for near-lossless
            }
            for (int d : near) {
                int k = n++;
                tests.add(DynamicTest.dynamicTest("NEAR " + d + " " + Oracle.describe(frames),
                        () -> Oracle.assertWeDecodeLikeDcmtk(frames, false, dir, Integer.toString(k), "dcmcjpls",
                                "dcmdjpls", "+en", "+md", Integer.toString(d))));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> dcmdjplsDecodesOurLosslessExactly() {
        List<FrameBuffer[]> images = Oracle.losslessImages();
        images.add(TestImages.frames(TestImages.mono(20, 300, 8, 8, false), 1, 23, 0)); // long runs
        images.add(TestImages.frames(TestImages.mono(21, 19, 8, 5, false), 1, 24, 1)); // MAXVAL below 128
        return Oracle.dcmtkDecodesOursExactly(images, dir, UID.JPEGLSLossless, CodecOptions.DEFAULT, "dcmdjpls");
    }

    @TestFactory
    List<DynamicTest> ourNearLosslessStaysWithinNear() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (FrameBuffer[] frames : Oracle.losslessImages()) {
            for (int near : new int[] { 1, 2, 7 }) {
                int k = n++;
                tests.add(DynamicTest.dynamicTest("NEAR " + near + " " + Oracle.describe(frames), () -> {
                    Path ours = Oracle.encodeWithOurs(frames, UID.JPEGLSNearLossless,
                            CodecOptions.DEFAULT.withNearLossless(near), dir.resolve("o" + k + ".dcm"));
                    if (frames[0].format().bitsStored() >= 8) { // dcmtk's CharLS cannot decode fewer bits
                        Path theirs = Oracle.dcmtk("dcmdjpls", ours, dir.resolve("d" + k + ".dcm"));
                        // dcmtk and we reconstruct the same samples, and each is within NEAR of the original
                        assertEquals(0, Oracle.maxDifference(theirs, ours), "dcmdjpls and we differ");
                    }
                    PixelData p = TestImages.pixelData(ours);
                    for (int i = 0; i < frames.length; i++) {
                        FrameBuffer y = p.frame(i);
                        FrameFormat f = frames[i].format();
                        int mask = f.storedMask();
                        for (int s = 0; s < y.length(); s++) {
                            int e = Math.abs((frames[i].get(s) & mask) - (y.get(s) & mask));
                            assertTrue(e <= near, "frame " + (i + 1) + " sample " + s + " is off by " + e);
                        }
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void nearLosslessTransferSyntaxIsLossyAndLosslessIsNot() throws Exception {
        FrameFormat f = TestImages.mono(8, 8, 8, 8, false);
        assertTrue(PixelCodecs.forTransferSyntax(UID.JPEGLSNearLossless).encoder(f, CodecOptions.DEFAULT).isLossy());
        assertTrue(!PixelCodecs.forTransferSyntax(UID.JPEGLSLossless).encoder(f, CodecOptions.DEFAULT).isLossy());
    }
}
