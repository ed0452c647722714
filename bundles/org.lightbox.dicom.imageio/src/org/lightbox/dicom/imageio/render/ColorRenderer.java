package org.lightbox.dicom.imageio.render;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameFormat;

/**
 * Colour frames to {@code 0xRRGGBB}: RGB in either planar configuration, YBR_FULL (and YBR_FULL_422 once a decoder
 * has upsampled it) through the equations of PS3.3 C.7.6.3.1.2, and PALETTE COLOR through its three LUTs.
 */
public final class ColorRenderer {

    private ColorRenderer() {
    }

    public static RenderedImage render(FrameBuffer frame, Attributes image) {
        FrameFormat f = frame.format();
        return switch (f.photometric()) {
            case RGB -> new RenderedImage(f.columns(), f.rows(), null, threeSamples(frame, false));
            case YBR_FULL, YBR_FULL_422 -> new RenderedImage(f.columns(), f.rows(), null, threeSamples(frame, true));
            case PALETTE_COLOR -> new RenderedImage(f.columns(), f.rows(), null, palette(frame, image));
            default -> throw new IllegalArgumentException(f.photometric().dicomName() + " is not rendered");
        };
    }

    private static int[] threeSamples(FrameBuffer frame, boolean ybr) {
        FrameFormat f = frame.format();
        if (f.samplesPerPixel() != 3) {
            throw new IllegalArgumentException(f.photometric().dicomName() + " with " + f.samplesPerPixel()
                    + " samples per pixel");
        }
        int n = f.pixels();
        int shift = Math.max(0, f.bitsStored() - 8); // more than 8 bits per sample: keep the top 8
        int[] out = new int[n];
        for (int p = 0; p < n; p++) {
            int a;
            int b;
            int c;
            if (f.planar()) {
                a = frame.value(p);
                b = frame.value(n + p);
                c = frame.value(2 * n + p);
            } else {
                a = frame.value(3 * p);
                b = frame.value(3 * p + 1);
                c = frame.value(3 * p + 2);
            }
            a >>= shift;
            b >>= shift;
            c >>= shift;
            out[p] = ybr ? ybrFullToRgb(a, b, c) : (a & 0xFF) << 16 | (b & 0xFF) << 8 | (c & 0xFF);
        }
        return out;
    }

    /** PS3.3 C.7.6.3.1.2: full-range Y, Cb, Cr to R, G, B. */
    static int ybrFullToRgb(int y, int cb, int cr) {
        int r = clamp(Math.round(y + 1.402f * (cr - 128)));
        int g = clamp(Math.round(y - 0.344136f * (cb - 128) - 0.714136f * (cr - 128)));
        int b = clamp(Math.round(y + 1.772f * (cb - 128)));
        return r << 16 | g << 8 | b;
    }

    private static int[] palette(FrameBuffer frame, Attributes image) {
        boolean signed = frame.format().signed();
        LookupTable red = LookupTable.of(image, Tag.RedPaletteColorLookupTableDescriptor,
                Tag.RedPaletteColorLookupTableData, signed);
        LookupTable green = LookupTable.of(image, Tag.GreenPaletteColorLookupTableDescriptor,
                Tag.GreenPaletteColorLookupTableData, signed);
        LookupTable blue = LookupTable.of(image, Tag.BluePaletteColorLookupTableDescriptor,
                Tag.BluePaletteColorLookupTableData, signed);
        int n = frame.format().pixels();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int v = frame.value(i);
            out[i] = to8(red, v) << 16 | to8(green, v) << 8 | to8(blue, v);
        }
        return out;
    }

    private static int to8(LookupTable lut, int index) {
        int v = lut.lookup(index);
        return lut.maxOutput() > 255 ? v >> 8 : v;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }
}
