package org.lightbox.dicom.imageio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.UID;

/** Lossless JPEG (process 14) against dcmcjpeg/dcmdjpeg. */
class JpegLosslessTest {

    @TempDir
    Path dir;

    @TestFactory
    List<DynamicTest> decodesDcmtkSv1BitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (FrameBuffer[] frames : Oracle.losslessImages()) {
            int k = n++;
            tests.add(DynamicTest.dynamicTest(Oracle.describe(frames), () -> {
                Path nat = TestImages.writeNative(dir.resolve("n" + k + ".dcm"), frames);
                Path jpeg = Oracle.dcmtk("dcmcjpeg", nat, dir.resolve("c" + k + ".dcm"), "+e1");
                Path decoded = Oracle.dcmtk("dcmdjpeg", jpeg, dir.resolve("d" + k + ".dcm"));
                Oracle.assertSameCells(decoded, jpeg);
                Oracle.assertSameCells(nat, jpeg);
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> decodesEverySelectionValue() {
        List<DynamicTest> tests = new ArrayList<>();
        FrameBuffer[][] images = { TestImages.frames(TestImages.mono(41, 57, 16, 16, true), 2, 11, 6),
            TestImages.frames(TestImages.mono(41, 57, 16, 12, false), 1, 12, 4),
            TestImages.frames(TestImages.rgb(29, 33, false), 1, 13, 3) };
        for (int sv = 1; sv <= 7; sv++) {
            for (int i = 0; i < images.length; i++) {
                FrameBuffer[] frames = images[i];
                String name = "SV" + sv + " " + Oracle.describe(frames);
                String id = sv + "-" + i;
                int selection = sv;
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Path nat = TestImages.writeNative(dir.resolve("n" + id + ".dcm"), frames);
                    Path jpeg = Oracle.dcmtk("dcmcjpeg", nat, dir.resolve("c" + id + ".dcm"), "+el", "+sv",
                            Integer.toString(selection));
                    Oracle.assertSameCells(Oracle.dcmtk("dcmdjpeg", jpeg, dir.resolve("d" + id + ".dcm")), jpeg);
                    Oracle.assertSameCells(nat, jpeg);
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> decodesPointTransformLikeDcmtk() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int pt : new int[] { 1, 3 }) {
            tests.add(DynamicTest.dynamicTest("point transform " + pt, () -> {
                FrameBuffer[] frames = TestImages.frames(TestImages.mono(33, 47, 16, 16, false), 1, 14, 6);
                Path nat = TestImages.writeNative(dir.resolve("n" + pt + ".dcm"), frames);
                Path jpeg = Oracle.dcmtk("dcmcjpeg", nat, dir.resolve("c" + pt + ".dcm"), "+el", "+sv", "1", "+pt",
                        Integer.toString(pt));
                Oracle.assertSameCells(Oracle.dcmtk("dcmdjpeg", jpeg, dir.resolve("d" + pt + ".dcm")), jpeg);
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> dcmdjpegDecodesOurSv1Exactly() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (FrameBuffer[] frames : Oracle.losslessImages()) {
            int k = n++;
            tests.add(DynamicTest.dynamicTest(Oracle.describe(frames), () -> {
                Path ours = Oracle.encodeWithOurs(frames, UID.JPEGLosslessSV1, CodecOptions.DEFAULT,
                        dir.resolve("o" + k + ".dcm"));
                Oracle.assertSameValues(frames, Oracle.dcmtk("dcmdjpeg", ours, dir.resolve("od" + k + ".dcm")));
                Oracle.assertSameValues(frames, ours);
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> dcmdjpegDecodesOurOtherPredictors() {
        List<DynamicTest> tests = new ArrayList<>();
        FrameBuffer[] frames = TestImages.frames(TestImages.mono(41, 57, 16, 16, false), 2, 15, 6);
        for (int sv = 2; sv <= 7; sv++) {
            int selection = sv;
            tests.add(DynamicTest.dynamicTest("SV" + sv, () -> {
                Path ours = Oracle.encodeWithOurs(frames, UID.JPEGLossless,
                        CodecOptions.DEFAULT.withSelectionValue(selection), dir.resolve("o" + selection + ".dcm"));
                Oracle.assertSameValues(frames, Oracle.dcmtk("dcmdjpeg", ours, dir.resolve("d" + selection + ".dcm")));
            }));
        }
        return tests;
    }
}
