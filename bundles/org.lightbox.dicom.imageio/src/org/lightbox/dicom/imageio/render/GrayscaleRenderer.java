package org.lightbox.dicom.imageio.render;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PhotometricInterpretation;

/**
 * The grayscale pipeline of PS3.4 N.2: stored value, modality transform, VOI (window or VOI LUT), presentation
 * (MONOCHROME1 and Presentation LUT Shape INVERSE invert), to 8-bit grey. For stored values of up to 16 bits the
 * whole chain is folded into one table over the stored range, so a frame costs one lookup per pixel; that is what
 * keeps scrolling through a series fast.
 */
public final class GrayscaleRenderer {

    private static final int MAX_TABLE_BITS = 16;

    private GrayscaleRenderer() {
    }

    public static RenderedImage render(FrameBuffer frame, Attributes image, GrayscaleSettings settings) {
        FrameFormat f = frame.format();
        if (f.samplesPerPixel() != 1) {
            throw new IllegalArgumentException("grayscale rendering of a " + f.samplesPerPixel() + "-sample image");
        }
        ModalityTransform modality = ModalityTransform.of(image);
        ValueMapping voi = voi(frame, image, settings, modality);
        boolean invert = settings.invert() ^ f.photometric() == PhotometricInterpretation.MONOCHROME1
                ^ "INVERSE".equals(trim(image.getString(Tag.PresentationLUTShape)));
        byte[] out = new byte[f.pixels()];
        int n = f.pixels();
        if (f.bitsStored() <= MAX_TABLE_BITS) {
            int min = f.signed() ? -(1 << (f.bitsStored() - 1)) : 0;
            int size = 1 << f.bitsStored();
            byte[] table = new byte[size];
            for (int i = 0; i < size; i++) {
                table[i] = grey(voi.fraction(modality.apply(min + i)), invert);
            }
            for (int i = 0; i < n; i++) {
                out[i] = table[frame.value(i) - min];
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = grey(voi.fraction(modality.apply(frame.value(i))), invert);
            }
        }
        return new RenderedImage(f.columns(), f.rows(), out, null);
    }

    /** Modality value to 0..1 of the display range. */
    @FunctionalInterface
    interface ValueMapping {
        double fraction(double modalityValue);
    }

    private static ValueMapping voi(FrameBuffer frame, Attributes image, GrayscaleSettings s,
            ModalityTransform modality) {
        VoiFunction function = s.function();
        if (s.hasWindow()) {
            return x -> function.apply(x, s.windowCenter(), s.windowWidth());
        }
        ImageVoi own = ImageVoi.of(image);
        if (s.voiLutIndex() >= 0 && s.voiLutIndex() < own.luts().size()) {
            return lut(own.luts().get(s.voiLutIndex()));
        }
        if (!own.windows().isEmpty()) {
            ImageVoi.Window w = own.windows().get(0);
            VoiFunction f = own.function();
            return x -> f.apply(x, w.center(), w.width());
        }
        if (!own.luts().isEmpty()) {
            return lut(own.luts().get(0));
        }
        double[] range = modalityRange(frame, image, modality);
        double width = range[1] - range[0] + 1;
        double center = range[0] + width / 2;
        return x -> VoiFunction.LINEAR.apply(x, center, width);
    }

    private static ValueMapping lut(LookupTable lut) {
        double max = lut.maxOutput();
        return x -> lut.lookup((int) Math.round(x)) / max;
    }

    /** The smallest and largest modality values in the frame, ignoring Pixel Padding Value. */
    static double[] modalityRange(FrameBuffer frame, Attributes image, ModalityTransform modality) {
        int n = frame.length();
        boolean hasPadding = image.contains(Tag.PixelPaddingValue);
        int padding = image.getInt(Tag.PixelPaddingValue, 0);
        if (hasPadding && frame.format().signed()) {
            padding = (short) padding;
        }
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            int v = frame.value(i);
            if (hasPadding && v == padding) {
                continue;
            }
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }
        if (min > max) {
            min = max = 0; // every pixel is padding
        }
        double a = modality.apply(min);
        double b = modality.apply(max);
        return new double[] { Math.min(a, b), Math.max(a, b) };
    }

    private static byte grey(double fraction, boolean invert) {
        double f = Math.max(0, Math.min(1, fraction));
        int g = (int) Math.round(f * 255);
        return (byte) (invert ? 255 - g : g);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
