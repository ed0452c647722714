package org.lightbox.dicom.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.UID;

/**
 * Lossy JPEG (baseline 8-bit, extended 12-bit) against dcmcjpeg/dcmdjpeg. Decoding uses the same integer IDCT,
 * upsampling and colour conversion as dcmtk's IJG library; the stated tolerance is a maximum absolute difference of
 * 1 from dcmdjpeg's decode, for 8 and 12 bits (we measure 0 on these images).
 */
class JpegDctTest {

    static final int TOLERANCE = 1;

    @TempDir
    Path dir;

    private static List<Object[]> cases() {
        List<Object[]> l = new ArrayList<>();
        l.add(new Object[] { "+eb", TestImages.frames(TestImages.mono(53, 67, 8, 8, false), 3, 31, 3) });
        l.add(new Object[] { "+eb", TestImages.frames(TestImages.rgb(37, 45, false), 2, 32, 3) });
        l.add(new Object[] { "+eb", TestImages.frames(TestImages.rgb(64, 48, false), 1, 33, 2) });
        l.add(new Object[] { "+ee", TestImages.frames(TestImages.mono(53, 67, 16, 12, false), 3, 34, 5) });
        l.add(new Object[] { "+ee", TestImages.frames(TestImages.mono(40, 40, 8, 8, false), 1, 35, 3) });
        l.add(new Object[] { "+ee", TestImages.frames(TestImages.rgb(37, 45, false), 1, 36, 3) });
        return l;
    }

    @TestFactory
    List<DynamicTest> decodesDcmtkWithinTolerance() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Object[] c : cases()) {
            String process = (String) c[0];
            FrameBuffer[] frames = (FrameBuffer[]) c[1];
            int k = n++;
            tests.add(DynamicTest.dynamicTest(process + " " + Oracle.describe(frames), () -> {
                Path nat = TestImages.writeNative(dir.resolve("n" + k + ".dcm"), frames);
                Path jpeg = Oracle.dcmtk("dcmcjpeg", nat, dir.resolve("c" + k + ".dcm"), process);
                Path decoded = Oracle.dcmtk("dcmdjpeg", jpeg, dir.resolve("d" + k + ".dcm"));
                PixelData ours = TestImages.pixelData(jpeg);
                PixelData theirs = TestImages.pixelData(decoded);
                assertEquals(theirs.storedFormat(), ours.decodedFormat(), "decoded format (RGB after YBR)");
                int max = Oracle.maxDifference(decoded, jpeg);
                assertTrue(max <= TOLERANCE, "max difference from dcmdjpeg " + max);
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> dcmdjpegDecodesOurEncodingAsWeDo() {
        List<DynamicTest> tests = new ArrayList<>();
        int n = 0;
        for (Object[] c : cases()) {
            String process = (String) c[0];
            FrameBuffer[] frames = (FrameBuffer[]) c[1];
            String ts = process.equals("+eb") ? UID.JPEGBaseline8Bit : UID.JPEGExtended12Bit;
            int k = n++;
            tests.add(DynamicTest.dynamicTest(process + " " + Oracle.describe(frames), () -> {
                Path ours = Oracle.encodeWithOurs(frames, ts, CodecOptions.DEFAULT, dir.resolve("o" + k + ".dcm"));
                Path decoded = Oracle.dcmtk("dcmdjpeg", ours, dir.resolve("od" + k + ".dcm"));
                assertTrue(Oracle.maxDifference(decoded, ours) <= TOLERANCE, "dcmdjpeg and we decode differently");
                // quality: no worse than dcmtk's own encoder at the same quality factor (90), give or take 25%
                Path nat = TestImages.writeNative(dir.resolve("n" + k + ".dcm"), frames);
                Path dcmtk = Oracle.dcmtk("dcmcjpeg", nat, dir.resolve("c" + k + ".dcm"), process);
                double ourError = Oracle.rmsError(frames, decoded);
                double theirError = Oracle.rmsError(frames, Oracle.dcmtk("dcmdjpeg", dcmtk, dir.resolve("cd" + k
                        + ".dcm")));
                assertTrue(ourError <= 1.25 * theirError + 0.05, "RMS error " + ourError + " vs dcmtk's "
                        + theirError);
            }));
        }
        return tests;
    }

    @Test
    void rgbIsCodedAsYbrFull422AndDecodedBackToRgb() throws Exception {
        FrameFormat f = TestImages.rgb(16, 32, false);
        FrameEncoder enc = PixelCodecs.forTransferSyntax(UID.JPEGBaseline8Bit).encoder(f, CodecOptions.DEFAULT);
        assertEquals(PhotometricInterpretation.YBR_FULL_422, enc.encodedFormat().photometric());
        FrameDecoder dec = PixelCodecs.forTransferSyntax(UID.JPEGBaseline8Bit).decoder(enc.encodedFormat());
        assertEquals(PhotometricInterpretation.RGB, dec.decodedFormat().photometric());
        // a frame declared RGB is left alone (dcmtk's default too)
        assertEquals(PhotometricInterpretation.RGB,
                PixelCodecs.forTransferSyntax(UID.JPEGBaseline8Bit).decoder(f).decodedFormat().photometric());
    }

    @Test
    void lossyEncodersRefuseSignedOrTooDeepData() {
        PixelCodec baseline = PixelCodecs.forTransferSyntax(UID.JPEGBaseline8Bit);
        PixelCodec extended = PixelCodecs.forTransferSyntax(UID.JPEGExtended12Bit);
        assertFalse(baseline.canEncode(TestImages.mono(8, 8, 16, 12, false)));
        assertTrue(extended.canEncode(TestImages.mono(8, 8, 16, 12, false)));
        assertFalse(extended.canEncode(TestImages.mono(8, 8, 16, 16, false)));
        assertFalse(extended.canEncode(TestImages.mono(8, 8, 16, 12, true)));
    }
}
