package org.lightbox.dicom.imageio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;

/** Finding the frames of pixel data: native in either byte order, and fragments with and without offset tables. */
class PixelDataTest {

    @TempDir
    Path dir;

    private final FrameBuffer[] frames = TestImages.frames(TestImages.mono(64, 80, 16, 16, false), 4, 41, 6);

    @Test
    void framesSpreadOverManyFragmentsWithAnOffsetTable() throws Exception {
        Path nat = TestImages.writeNative(dir.resolve("n.dcm"), frames);
        Path jpeg = Oracle.dcmtk("dcmcjpeg", nat, dir.resolve("c.dcm"), "+e1", "+fs", "1");
        Fragments f = TestImages.read(jpeg).dataset().getFragments(Tag.PixelData);
        assertTrue(f.size() > frames.length + 1, "dcmtk split the frames into " + f.size() + " fragments");
        assertTrue(f.basicOffsetTable().length == frames.length);
        Oracle.assertSameValues(frames, jpeg);
    }

    @Test
    void framesSpreadOverManyFragmentsWithoutAnOffsetTable() throws Exception {
        Path nat = TestImages.writeNative(dir.resolve("n.dcm"), frames);
        Path jpeg = Oracle.dcmtk("dcmcjpeg", nat, dir.resolve("c.dcm"), "+e1", "+fs", "1", "-ot");
        assertEquals(0, TestImages.read(jpeg).dataset().getFragments(Tag.PixelData).basicOffsetTable().length);
        Oracle.assertSameValues(frames, jpeg); // found by the SOI marker at the start of each frame
    }

    @Test
    void theExtendedOffsetTableWins() throws Exception {
        FrameFormat f = frames[0].format();
        FrameEncoder enc = PixelCodecs.forTransferSyntax(UID.JPEGLSLossless).encoder(f, CodecOptions.DEFAULT);
        Attributes a = TestImages.imageAttributes(f, frames.length);
        Fragments fr = a.newFragments(Tag.PixelData, VR.OB, 10);
        fr.add(new byte[0]);
        byte[] eot = new byte[8 * frames.length];
        long offset = 0;
        for (int i = 0; i < frames.length; i++) {
            for (int k = 0; k < 8; k++) {
                eot[8 * i + k] = (byte) (offset >>> (8 * k));
            }
            byte[] coded = enc.encode(frames[i]);
            if ((coded.length & 1) != 0) {
                coded = java.util.Arrays.copyOf(coded, coded.length + 1);
            }
            int half = coded.length / 4 * 2; // two fragments per frame, the second without an SOI
            fr.add(java.util.Arrays.copyOf(coded, half));
            fr.add(java.util.Arrays.copyOfRange(coded, half, coded.length));
            offset += 16 + coded.length;
        }
        a.setBytes(Tag.ExtendedOffsetTable, VR.OV, eot);
        PixelData p = PixelData.of(a, TransferSyntax.of(UID.JPEGLSLossless));
        for (int i = 0; i < frames.length; i++) {
            assertEquals(-1, TestImages.firstDifference(frames[i], p.frame(i)), "frame " + (i + 1));
        }
    }

    @Test
    void nativeBigEndianFramesAreSwapped() throws Exception {
        Path nat = TestImages.writeNative(dir.resolve("n.dcm"), frames);
        Path big = Oracle.dcmtk("dcmconv", nat, dir.resolve("b.dcm"), "+tb");
        PixelData p = TestImages.pixelData(big);
        assertTrue(p.transferSyntax().bigEndian());
        for (int i = 0; i < frames.length; i++) {
            assertEquals(-1, TestImages.firstDifference(frames[i], p.frame(i)), "frame " + (i + 1));
        }
    }

    @Test
    void missingOrShortPixelDataIsReported() throws Exception {
        Attributes a = TestImages.imageAttributes(frames[0].format(), 4);
        IOException none = assertThrows(IOException.class,
                () -> PixelData.of(a, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertTrue(none.getMessage().contains("no Pixel Data"));
        a.setBytes(Tag.PixelData, VR.OW, new byte[100]);
        IOException shortData = assertThrows(IOException.class,
                () -> PixelData.of(a, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        assertTrue(shortData.getMessage().contains("need"), shortData.getMessage());
    }

    @Test
    void anUnsupportedTransferSyntaxIsACodecError() throws Exception {
        Attributes a = TestImages.imageAttributes(frames[0].format(), 1);
        Fragments fr = a.newFragments(Tag.PixelData, VR.OB, 2);
        fr.add(new byte[0]);
        fr.add(new byte[] { (byte) 0xFF, 0x4F, (byte) 0xFF, 0x51 });
        PixelData p = PixelData.of(a, TransferSyntax.of(UID.JPEG2000MCLossless)); // Part 2: no codec
        CodecException e = assertThrows(CodecException.class, () -> p.frame(0));
        assertTrue(e.getMessage().contains("no codec"), e.getMessage());
    }
}
