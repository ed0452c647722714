package org.lightbox.dicom.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.UID;

/**
 * Truncated, bit-flipped and random streams: every decoder either decodes something or throws
 * {@link CodecException} (never another exception), and finishes within a time bound.
 */
class CorruptStreamTest {

    private static final String[] SYNTAXES = { UID.RLELossless, UID.JPEGLosslessSV1, UID.JPEGLSLossless,
        UID.JPEGLSNearLossless, UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit, UID.JPEG2000Lossless };

    @TempDir
    Path dir;

    private static FrameFormat formatFor(String ts, boolean colour) {
        if (colour) {
            return TestImages.rgb(24, 40, false);
        }
        return ts.equals(UID.JPEGBaseline8Bit) ? TestImages.mono(32, 48, 8, 8, false)
                : TestImages.mono(32, 48, 16, 12, false);
    }

    /** Decodes, returning normally or with a CodecException; anything else fails the test. */
    private static boolean decodes(FrameDecoder d, byte[] data, String what) {
        try {
            d.decode(data, 0, data.length, FrameBuffer.allocate(d.decodedFormat()));
            return true;
        } catch (CodecException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
            return false;
        } catch (RuntimeException e) {
            fail(what + ": " + e, e);
            return false;
        }
    }

    @TestFactory
    List<DynamicTest> truncatedAndBitFlippedStreams() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String ts : SYNTAXES) {
            for (boolean colour : new boolean[] { false, true }) {
                PixelCodec codec = PixelCodecs.forTransferSyntax(ts);
                String name = codec.name() + (colour ? " colour" : " mono");
                tests.add(DynamicTest.dynamicTest(name, () -> assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
                    FrameFormat f = formatFor(ts, colour);
                    FrameBuffer src = TestImages.frame(f, 0, 7, 3);
                    FrameEncoder enc = codec.encoder(f, CodecOptions.DEFAULT);
                    byte[] good = enc.encode(src);
                    FrameDecoder dec = codec.decoder(enc.encodedFormat());
                    assertTrue(decodes(dec, good, "intact"), "the intact stream decodes");
                    int failedTruncations = 0;
                    int truncations = 0;
                    for (int len = 0; len < good.length - 2; len += Math.max(1, good.length / 150)) {
                        truncations++;
                        if (!decodes(dec, Arrays.copyOf(good, len), "truncated to " + len)) {
                            failedTruncations++;
                        }
                    }
                    // cutting into the coded data must be noticed
                    assertEquals(truncations, failedTruncations, "truncations that decoded without error");
                    Random r = new Random(ts.hashCode());
                    for (int i = 0; i < 400; i++) {
                        byte[] bad = good.clone();
                        int flips = 1 + r.nextInt(3);
                        for (int k = 0; k < flips; k++) {
                            int at = r.nextInt(bad.length);
                            bad[at] ^= (byte) (1 << r.nextInt(8));
                        }
                        decodes(dec, bad, "bit flips " + i);
                    }
                    for (int i = 0; i < 50; i++) {
                        byte[] noise = new byte[r.nextInt(4 * good.length) + 1];
                        r.nextBytes(noise);
                        if (i % 2 == 0 && noise.length > 2) {
                            System.arraycopy(good, 0, noise, 0, Math.min(good.length, noise.length) / 3);
                        }
                        decodes(dec, noise, "noise " + i);
                    }
                })));
            }
        }
        return tests;
    }

    @Test
    void theErrorNamesCodecFrameAndOffset() throws Exception {
        FrameFormat f = TestImages.mono(32, 48, 16, 12, false);
        FrameBuffer[] frames = TestImages.frames(f, 3, 8, 3);
        FrameEncoder enc = PixelCodecs.forTransferSyntax(UID.JPEGLosslessSV1).encoder(f, CodecOptions.DEFAULT);
        byte[][] coded = new byte[3][];
        for (int i = 0; i < 3; i++) {
            coded[i] = enc.encode(frames[i]);
        }
        coded[1] = Arrays.copyOf(coded[1], coded[1].length / 2);
        Path file = TestImages.writeEncapsulated(dir.resolve("t.dcm"), f, UID.JPEGLosslessSV1, coded);
        PixelData p = TestImages.pixelData(file);
        p.frame(0);
        CodecException e = assertThrows(CodecException.class, () -> p.frame(1));
        assertEquals(1, e.getFrame());
        assertEquals("JPEG lossless SV1".startsWith(e.getCodec()) || e.getCodec().startsWith("JPEG lossless"), true);
        assertTrue(e.getOffset() > 0 && e.getOffset() <= coded[1].length + 1, "offset " + e.getOffset());
        assertTrue(e.getMessage().contains("frame 2"), e.getMessage());
        p.frame(2); // the next frame still decodes
    }

    @Test
    void aFrameHeaderThatDisagreesWithTheImageIsRefusedBeforeAnyAllocation() throws Exception {
        FrameFormat small = TestImages.mono(8, 8, 16, 16, false);
        byte[] jpeg = PixelCodecs.forTransferSyntax(UID.JPEGLosslessSV1).encoder(small, CodecOptions.DEFAULT)
                .encode(TestImages.frame(small, 0, 1, 2));
        // claim 65535 x 65535 in the frame header
        for (int i = 0; i < jpeg.length - 8; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC3) {
                Arrays.fill(jpeg, i + 5, i + 9, (byte) 0xFF);
            }
        }
        FrameDecoder d = PixelCodecs.forTransferSyntax(UID.JPEGLosslessSV1).decoder(small);
        CodecException e = assertThrows(CodecException.class,
                () -> d.decode(jpeg, 0, jpeg.length, FrameBuffer.allocate(small)));
        assertTrue(e.getReason().contains("65535x65535"), e.getReason());
    }
}
