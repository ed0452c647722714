package org.lightbox.dicom.imageio.internal.jpegls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PhotometricInterpretation;
import org.lightbox.dicom.imageio.TestSupport;

/**
 * Restart intervals in JPEG-LS. Neither dcmtk nor CharLS writes them, so this checks only that our encoder and
 * decoder agree (contexts and the line above reset at each RSTm), lossless and near-lossless, mono and colour.
 */
class JpegLsRestartTest {

    @Test
    void restartIntervalsRoundTrip() throws Exception {
        for (int spp : new int[] { 1, 3 }) {
            for (int near : new int[] { 0, 2 }) {
                FrameFormat f = new FrameFormat(29, 23, spp, 8, 8, false, false,
                        spp == 1 ? PhotometricInterpretation.MONOCHROME2 : PhotometricInterpretation.RGB);
                FrameBuffer src = FrameBuffer.allocate(f);
                java.util.Random r = new java.util.Random(near + spp);
                for (int i = 0; i < src.length(); i++) {
                    src.set(i, (i / 7) % 200 + r.nextInt(9));
                }
                byte[] jls = new JpegLsEncoder(f, near, 4).encode(src);
                FrameBuffer back = FrameBuffer.allocate(f);
                new JpegLsDecoder(f).decode(jls, 0, jls.length, back);
                FrameBuffer plain = FrameBuffer.allocate(f);
                byte[] noRestart = new JpegLsEncoder(f, near).encode(src);
                new JpegLsDecoder(f).decode(noRestart, 0, noRestart.length, plain);
                if (near == 0) {
                    assertEquals(-1, TestSupport.firstDifference(src, back), "lossless with restarts");
                } else {
                    for (int i = 0; i < src.length(); i++) {
                        assertEquals(src.get(i), back.get(i), near, "sample " + i);
                    }
                }
            }
        }
    }
}
