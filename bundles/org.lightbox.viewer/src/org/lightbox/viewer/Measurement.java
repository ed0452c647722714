package org.lightbox.viewer;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.viewer.internal.ValueText;

/**
 * A distance line drawn on an image, in image pixel coordinates (column, row; 0,0 the top left corner of the first
 * pixel). Its length uses Pixel Spacing (0028,0030), else Imager Pixel Spacing (0018,1164), else pixels.
 */
public record Measurement(double x0, double y0, double x1, double y1) {

    /** Row spacing (between rows, vertical) and column spacing in mm, or {@code null} when the image has none. */
    public static double[] spacing(Attributes image) {
        if (image == null) {
            return null;
        }
        for (int tag : new int[] { Tag.PixelSpacing, Tag.ImagerPixelSpacing }) {
            double[] s = image.getDoubles(tag);
            if (s != null && s.length >= 2 && s[0] > 0 && s[1] > 0) {
                return s;
            }
        }
        return null;
    }

    /** The length in mm, or in pixels when the image has no spacing. */
    public double length(Attributes image) {
        double[] s = spacing(image);
        double dx = (x1 - x0) * (s == null ? 1 : s[1]);
        double dy = (y1 - y0) * (s == null ? 1 : s[0]);
        return Math.hypot(dx, dy);
    }

    /** "42.5 mm", or "17.0 px" without spacing. */
    public String lengthText(Attributes image) {
        double len = length(image);
        return String.format(java.util.Locale.ROOT, "%.1f %s", len, spacing(image) == null ? "px" : "mm");
    }

    @Override
    public String toString() {
        return "(" + ValueText.number(x0) + "," + ValueText.number(y0) + ")-(" + ValueText.number(x1) + ","
                + ValueText.number(y1) + ")";
    }
}
