package org.lightbox.dicom.imageio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomFile;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;

/** Synthetic test images (smooth gradients plus noise) and DICOM files holding them. */
final class TestImages {

    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7"; // Secondary Capture Image Storage

    private TestImages() {
    }

    static FrameFormat mono(int rows, int cols, int allocated, int stored, boolean signed) {
        return new FrameFormat(rows, cols, 1, allocated, stored, signed, false, PhotometricInterpretation.MONOCHROME2);
    }

    static FrameFormat rgb(int rows, int cols, boolean planar) {
        return new FrameFormat(rows, cols, 3, 8, 8, false, planar, PhotometricInterpretation.RGB);
    }

    /**
     * A frame of smooth content over the whole stored range plus noise of {@code noiseBits} bits; values are
     * stored values (sign-extended when signed), as native pixel data would hold them.
     */
    static FrameBuffer frame(FrameFormat f, int frameIndex, long seed, int noiseBits) {
        FrameBuffer b = FrameBuffer.allocate(f);
        Random rnd = new Random(seed * 31 + frameIndex);
        int bits = f.bitsStored();
        long max = (1L << bits) - 1;
        long offset = f.signed() ? 1L << (bits - 1) : 0;
        int w = f.columns();
        int h = f.rows();
        int spp = f.samplesPerPixel();
        for (int s = 0; s < spp; s++) {
            double phase = frameIndex * 0.3 + s * 1.1;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double t = 0.5 + 0.25 * Math.sin(x * 0.031 + phase) + 0.2 * Math.cos(y * 0.017 - phase)
                            + 0.05 * Math.sin((x + y) * 0.11);
                    long v = Math.round(t * max) + (noiseBits > 0 ? rnd.nextInt(1 << noiseBits) - (1 << (noiseBits - 1)) : 0);
                    if (x < 4 && y < 4) {
                        v = (x + y) % 2 == 0 ? 0 : max; // extremes are always present
                    }
                    v = Math.max(0, Math.min(max, v)) - offset;
                    int idx = f.planar() ? s * w * h + y * w + x : (y * w + x) * spp + s;
                    b.set(idx, (int) v);
                }
            }
        }
        b.normalizeHighBits();
        return b;
    }

    static FrameBuffer[] frames(FrameFormat f, int count, long seed, int noiseBits) {
        FrameBuffer[] r = new FrameBuffer[count];
        for (int i = 0; i < count; i++) {
            r[i] = frame(f, i, seed, noiseBits);
        }
        return r;
    }

    /** The Image Pixel attributes (and a few identifying ones) of an image of {@code f}. */
    static Attributes imageAttributes(FrameFormat f, int frames) {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.SOPClassUID, VR.UI, SOP_CLASS);
        a.setString(Tag.SOPInstanceUID, VR.UI, "2.25.1234567890123456789");
        a.setString(Tag.Modality, VR.CS, "OT");
        a.setString(Tag.PatientName, VR.PN, "Test^Pixel^Müller");
        a.setString(Tag.PatientID, VR.LO, "PX-1");
        a.setString(Tag.StudyInstanceUID, VR.UI, "2.25.11");
        a.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.12");
        a.setString(Tag.ImageComments, VR.LT, "synthetic test image");
        a.setInt(Tag.SamplesPerPixel, VR.US, f.samplesPerPixel());
        a.setString(Tag.PhotometricInterpretation, VR.CS, f.photometric().dicomName());
        if (f.samplesPerPixel() > 1) {
            a.setInt(Tag.PlanarConfiguration, VR.US, f.planar() ? 1 : 0);
        }
        if (frames > 1) {
            a.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        }
        a.setInt(Tag.Rows, VR.US, f.rows());
        a.setInt(Tag.Columns, VR.US, f.columns());
        a.setInt(Tag.BitsAllocated, VR.US, f.bitsAllocated());
        a.setInt(Tag.BitsStored, VR.US, f.bitsStored());
        a.setInt(Tag.HighBit, VR.US, f.bitsStored() - 1);
        a.setInt(Tag.PixelRepresentation, VR.US, f.signed() ? 1 : 0);
        return a;
    }

    /** Writes an Explicit VR Little Endian file of the frames. */
    static Path writeNative(Path file, FrameBuffer[] frames) throws IOException {
        FrameFormat f = frames[0].format();
        Attributes a = imageAttributes(f, frames.length);
        int len = (int) f.nativeLength();
        byte[] pixels = new byte[len * frames.length + (len * frames.length & 1)];
        for (int i = 0; i < frames.length; i++) {
            frames[i].writeNative(pixels, i * len, false);
        }
        a.setBytes(Tag.PixelData, f.bitsAllocated() > 8 ? VR.OW : VR.OB, pixels);
        DicomWriter.writeFile(file, FileMetaInformation.create(SOP_CLASS, "2.25.1234567890123456789",
                UID.ExplicitVRLittleEndian), a);
        return file;
    }

    /** Writes a file of encapsulated frames (one fragment per frame, empty offset table). */
    static Path writeEncapsulated(Path file, FrameFormat declared, String tsUid, byte[][] frames) throws IOException {
        Attributes a = imageAttributes(declared, frames.length);
        Fragments fr = a.newFragments(Tag.PixelData, VR.OB, frames.length + 1);
        fr.add(new byte[0]);
        for (byte[] b : frames) {
            fr.add((b.length & 1) == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1));
        }
        DicomWriter.writeFile(file, FileMetaInformation.create(SOP_CLASS, "2.25.1234567890123456789", tsUid), a);
        return file;
    }

    static DicomFile read(Path file) throws IOException {
        return DicomReader.readFile(file);
    }

    static PixelData pixelData(Path file) throws IOException {
        DicomFile f = read(file);
        return PixelData.of(f.dataset(), f.transferSyntax());
    }

    /** The first index where the frames differ, or -1. */
    static int firstDifference(FrameBuffer a, FrameBuffer b) {
        if (a.length() != b.length()) {
            return 0;
        }
        for (int i = 0; i < a.length(); i++) {
            if (a.get(i) != b.get(i)) {
                return i;
            }
        }
        return -1;
    }

    static int maxAbsDifference(FrameBuffer a, FrameBuffer b) {
        int max = 0;
        for (int i = 0; i < a.length(); i++) {
            max = Math.max(max, Math.abs(a.value(i) - b.value(i)));
        }
        return max;
    }
}
