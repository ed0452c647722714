package org.lightbox.dicom.imageio.internal.jpeg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PhotometricInterpretation;
import org.lightbox.dicom.imageio.TestSupport;

/**
 * Restart intervals in lossless JPEG (dcmtk cannot write them, but decodes them): our encoder writes RST markers,
 * dcmdjpeg must decode the result exactly, and so must our decoder; a missing marker is an error.
 */
class RestartIntervalTest {

    @TempDir
    Path dir;

    private static FrameBuffer image(FrameFormat f) {
        FrameBuffer b = FrameBuffer.allocate(f);
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < b.length(); i++) {
            b.set(i, (i % f.columns()) * 37 + (i / f.columns()) * 11 + r.nextInt(50));
        }
        b.normalizeHighBits();
        return b;
    }

    @Test
    void restartMarkersEveryFewRowsDecodeLikeDcmtk() throws Exception {
        FrameFormat f = new FrameFormat(37, 43, 1, 16, 16, false, false, PhotometricInterpretation.MONOCHROME2);
        FrameBuffer src = image(f);
        byte[] jpeg = new JpegLosslessEncoder(f, 1, 5).encode(src);
        FrameBuffer back = FrameBuffer.allocate(f);
        new JpegLosslessDecoder(f).decode(jpeg, 0, jpeg.length, back);
        assertEquals(-1, TestSupport.firstDifference(src, back));
        Path file = TestSupport.writeEncapsulated(dir.resolve("rst.dcm"), f, UID.JPEGLossless, jpeg);
        TestSupport.assertDcmtkDecodes("dcmdjpeg", file, dir.resolve("d.dcm"), src);
    }

    @Test
    void aMissingRestartMarkerIsAnError() throws Exception {
        FrameFormat f = new FrameFormat(20, 16, 1, 8, 8, false, false, PhotometricInterpretation.MONOCHROME2);
        byte[] jpeg = new JpegLosslessEncoder(f, 1, 4).encode(image(f));
        for (int i = 2; i < jpeg.length - 2; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xD1) {
                jpeg[i + 1] = (byte) 0xD5; // the second restart marker out of order
            }
        }
        CodecException e = assertThrows(CodecException.class,
                () -> new JpegLosslessDecoder(f).decode(jpeg, 0, jpeg.length, FrameBuffer.allocate(f)));
        assertEquals("JPEG lossless", e.getCodec());
    }
}
