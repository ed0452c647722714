package org.lightbox.dicom.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.UID;

/** RLE Lossless against dcmcrle/dcmdrle, both directions. */
class RleCodecTest {

    @TempDir
    Path dir;

    private static List<FrameBuffer[]> images() {
        List<FrameBuffer[]> l = Oracle.losslessImages();
        l.add(TestImages.frames(TestImages.rgb(37, 45, true), 2, 6, 3)); // planar configuration 1
        l.add(TestImages.frames(TestImages.mono(30, 129, 8, 8, false), 2, 7, 0)); // long runs, rows > 128
        return l;
    }

    @TestFactory
    List<DynamicTest> decodesWhatDcmcrleEncodes() {
        return Oracle.weDecodeLikeDcmtk(images(), dir, "dcmcrle", "dcmdrle");
    }

    @TestFactory
    List<DynamicTest> dcmdrleDecodesOurEncodingExactly() {
        return Oracle.dcmtkDecodesOursExactly(images(), dir, UID.RLELossless, CodecOptions.DEFAULT, "dcmdrle");
    }

    @Test
    void encodesThirtyTwoBitSamplesInFourSegmentsEach() throws Exception {
        FrameFormat f = new FrameFormat(9, 11, 1, 32, 32, false, false, PhotometricInterpretation.MONOCHROME2);
        FrameBuffer src = FrameBuffer.allocate(f);
        for (int i = 0; i < src.length(); i++) {
            src.set(i, i * 0x01030507 ^ (i % 3 == 0 ? 0 : 0xF0F0F0F0));
        }
        PixelCodec codec = PixelCodecs.forTransferSyntax(UID.RLELossless);
        byte[] encoded = codec.encoder(f, CodecOptions.DEFAULT).encode(src);
        assertEquals(4, encoded[0], "segment count in the header");
        FrameBuffer back = FrameBuffer.allocate(f);
        codec.decoder(f).decode(encoded, 0, encoded.length, back);
        assertEquals(-1, TestImages.firstDifference(src, back));
    }

    @Test
    void segmentsAreEvenAndNoRunCrossesARow() throws Exception {
        FrameFormat f = TestImages.mono(3, 5, 8, 8, false);
        FrameBuffer src = FrameBuffer.allocate(f);
        java.util.Arrays.fill(src.bytes(), (byte) 7); // one value everywhere: runs would cross rows if allowed
        byte[] e = PixelCodecs.forTransferSyntax(UID.RLELossless).encoder(f, CodecOptions.DEFAULT).encode(src);
        // per row: a replicate run header (-4 for 5 bytes) and the byte
        byte[] expectedSegment = { -4, 7, -4, 7, -4, 7 };
        assertEquals(64 + expectedSegment.length, e.length);
        for (int i = 0; i < expectedSegment.length; i++) {
            assertEquals(expectedSegment[i], e[64 + i], "segment byte " + i);
        }
        assertTrue(e.length % 2 == 0);
    }
}
