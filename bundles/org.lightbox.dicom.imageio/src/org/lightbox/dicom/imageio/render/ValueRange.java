package org.lightbox.dicom.imageio.render;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.imageio.FrameBuffer;

/**
 * The smallest and largest modality values of a grayscale frame (Pixel Padding Value ignored): what the renderer
 * shows when an image carries no VOI, and what a viewer scales its window/level drag by.
 */
public record ValueRange(double min, double max) {

    /** The range of {@code frame}'s modality values, {@code image} giving the modality transform and padding. */
    public static ValueRange of(FrameBuffer frame, Attributes image) {
        double[] r = GrayscaleRenderer.modalityRange(frame, image, ModalityTransform.of(image));
        return new ValueRange(r[0], r[1]);
    }

    /** The window that shows exactly this range, as {@link GrayscaleSettings#AUTOMATIC} renders it. */
    public GrayscaleSettings fullWindow() {
        double width = max - min + 1;
        return GrayscaleSettings.window(min + width / 2, width);
    }

    /** {@code max - min}. */
    public double span() {
        return max - min;
    }

    /**
     * The modality value of the pixel at column {@code x}, row {@code y} of a single-sample frame, or NaN outside
     * the frame or for colour frames.
     */
    public static double valueAt(FrameBuffer frame, ModalityTransform modality, int x, int y) {
        var f = frame.format();
        if (f.samplesPerPixel() != 1 || x < 0 || y < 0 || x >= f.columns() || y >= f.rows()) {
            return Double.NaN;
        }
        return modality.apply(frame.value(y * f.columns() + x));
    }
}
