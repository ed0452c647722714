package org.lightbox.dicom.imageio;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;

/**
 * The geometry and sample layout of one frame, from the Image Pixel module (PS3.3 C.7.6.3). The high bit is taken
 * as {@code bitsStored - 1}, as every codec and nearly every image has it.
 *
 * @param rows Rows (0028,0010)
 * @param columns Columns (0028,0011)
 * @param samplesPerPixel Samples per Pixel (0028,0002)
 * @param bitsAllocated Bits Allocated (0028,0100): 1, 8, 16 or 32
 * @param bitsStored Bits Stored (0028,0101)
 * @param signed Pixel Representation (0028,0103) is 1
 * @param planar Planar Configuration (0028,0006) is 1: all of sample 0, then all of sample 1, ...
 * @param photometric Photometric Interpretation (0028,0004)
 */
public record FrameFormat(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored,
        boolean signed, boolean planar, PhotometricInterpretation photometric) {

    /** Larger frames than this are refused: their sample count would not fit an array. */
    public static final long MAX_SAMPLES = Integer.MAX_VALUE - 16;

    public FrameFormat {
        if (rows <= 0 || columns <= 0 || rows > 0xFFFF || columns > 0xFFFF) {
            throw new IllegalArgumentException("frame of " + rows + " x " + columns + " pixels");
        }
        if (samplesPerPixel < 1 || samplesPerPixel > 4) {
            throw new IllegalArgumentException("samples per pixel " + samplesPerPixel);
        }
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new IllegalArgumentException("bits allocated " + bitsAllocated);
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new IllegalArgumentException("bits stored " + bitsStored + " with bits allocated " + bitsAllocated);
        }
        if ((long) rows * columns * samplesPerPixel > MAX_SAMPLES) {
            throw new IllegalArgumentException("frame too large: " + rows + " x " + columns + " x "
                    + samplesPerPixel);
        }
        if (photometric == null) {
            photometric = samplesPerPixel == 1 ? PhotometricInterpretation.MONOCHROME2 : PhotometricInterpretation.RGB;
        }
        planar = planar && samplesPerPixel > 1;
    }

    /**
     * The format of {@code image}'s frames. Throws {@link IllegalArgumentException} naming the attribute when one
     * is missing or out of range.
     */
    public static FrameFormat of(Attributes image) {
        int rows = required(image, Tag.Rows);
        int columns = required(image, Tag.Columns);
        int bitsAllocated = required(image, Tag.BitsAllocated);
        int spp = image.getInt(Tag.SamplesPerPixel, 1);
        String pi = image.getString(Tag.PhotometricInterpretation);
        PhotometricInterpretation p = PhotometricInterpretation.of(pi);
        if (p == null) {
            throw new IllegalArgumentException("unknown Photometric Interpretation (0028,0004) \"" + pi + "\"");
        }
        return new FrameFormat(rows, columns, spp, bitsAllocated, image.getInt(Tag.BitsStored, bitsAllocated),
                image.getInt(Tag.PixelRepresentation, 0) == 1, image.getInt(Tag.PlanarConfiguration, 0) == 1, p);
    }

    private static int required(Attributes a, int tag) {
        int v = a.getInt(tag, -1);
        if (v <= 0) {
            throw new IllegalArgumentException("missing or invalid " + Tag.toString(tag) + " in the image");
        }
        return v;
    }

    /** Pixels per frame. */
    public int pixels() {
        return rows * columns;
    }

    /** Samples per frame (pixels times samples per pixel). */
    public int samples() {
        return rows * columns * samplesPerPixel;
    }

    /** The length in bytes of one native (uncompressed) frame; 1-bit frames are packed. */
    public long nativeLength() {
        return bitsAllocated == 1 ? ((long) samples() + 7) / 8 : (long) samples() * (bitsAllocated / 8);
    }

    /** A mask of the stored bits. */
    public int storedMask() {
        return bitsStored == 32 ? -1 : (1 << bitsStored) - 1;
    }

    public FrameFormat withPlanar(boolean p) {
        return new FrameFormat(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, signed, p, photometric);
    }

    public FrameFormat withPhotometric(PhotometricInterpretation p) {
        return new FrameFormat(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, signed, planar, p);
    }

    public FrameFormat withBits(int allocated, int stored) {
        return new FrameFormat(rows, columns, samplesPerPixel, allocated, stored, signed, planar, photometric);
    }

    @Override
    public String toString() {
        return columns + "x" + rows + "x" + samplesPerPixel + " " + bitsStored + "/" + bitsAllocated + " bit"
                + (signed ? " signed" : "") + " " + photometric.dicomName() + (planar ? " planar" : "");
    }
}
