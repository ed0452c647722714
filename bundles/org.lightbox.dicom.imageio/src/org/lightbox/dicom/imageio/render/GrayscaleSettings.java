package org.lightbox.dicom.imageio.render;

/**
 * What the user chose for a grayscale image: a window (centre, width, function), or the image's own VOI LUT, or
 * neither (then the full range of the frame's values is shown), and whether to invert.
 *
 * @param windowCenter window centre in modality units; NaN when no window is chosen
 * @param windowWidth window width in modality units; NaN when no window is chosen
 * @param function the window function
 * @param voiLutIndex the item of the VOI LUT Sequence to apply, or -1
 * @param invert show the image as its negative (on top of what MONOCHROME1 and the presentation LUT ask)
 */
public record GrayscaleSettings(double windowCenter, double windowWidth, VoiFunction function, int voiLutIndex,
        boolean invert) {

    /** Full range, no inversion: what an image without any VOI information shows. */
    public static final GrayscaleSettings AUTOMATIC = new GrayscaleSettings(Double.NaN, Double.NaN,
            VoiFunction.LINEAR, -1, false);

    public GrayscaleSettings {
        if (function == null) {
            function = VoiFunction.LINEAR;
        }
    }

    public static GrayscaleSettings window(double center, double width) {
        return new GrayscaleSettings(center, width, VoiFunction.LINEAR, -1, false);
    }

    public boolean hasWindow() {
        return !Double.isNaN(windowCenter) && !Double.isNaN(windowWidth);
    }

    public GrayscaleSettings withWindow(double center, double width) {
        return new GrayscaleSettings(center, width, function, -1, invert);
    }

    public GrayscaleSettings withFunction(VoiFunction f) {
        return new GrayscaleSettings(windowCenter, windowWidth, f, voiLutIndex, invert);
    }

    public GrayscaleSettings withVoiLut(int index) {
        return new GrayscaleSettings(Double.NaN, Double.NaN, function, index, invert);
    }

    public GrayscaleSettings inverted(boolean on) {
        return new GrayscaleSettings(windowCenter, windowWidth, function, voiLutIndex, on);
    }
}
