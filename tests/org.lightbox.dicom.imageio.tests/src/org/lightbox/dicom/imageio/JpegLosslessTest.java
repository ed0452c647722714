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
        return Oracle.weDecodeLikeDcmtk(Oracle.losslessImages(), dir, "dcmcjpeg", "dcmdjpeg", "+e1");
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
                tests.add(DynamicTest.dynamicTest(name, () -> Oracle.assertWeDecodeLikeDcmtk(frames, true, dir, id,
                        "dcmcjpeg", "dcmdjpeg", "+el", "+sv", Integer.toString(selection))));
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
                Oracle.assertWeDecodeLikeDcmtk(frames, false, dir, Integer.toString(pt), "dcmcjpeg", "dcmdjpeg", "+el",
                        "+sv", "1", "+pt", Integer.toString(pt)); // lossy: the low bits are gone
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> dcmdjpegDecodesOurSv1Exactly() {
        return Oracle.dcmtkDecodesOursExactly(Oracle.losslessImages(), dir, UID.JPEGLosslessSV1, CodecOptions.DEFAULT,
                "dcmdjpeg");
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
