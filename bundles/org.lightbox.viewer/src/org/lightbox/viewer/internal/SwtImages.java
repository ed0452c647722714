package org.lightbox.viewer.internal;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.lightbox.dicom.imageio.render.RenderedImage;

/** Rendered frames as SWT image data: 8-bit indexed grey (sharing the grey array) or 24-bit RGB. */
public final class SwtImages {

    private static final PaletteData GRAY = grayPalette();
    private static final PaletteData DIRECT = new PaletteData(0xFF0000, 0x00FF00, 0x0000FF);

    private SwtImages() {
    }

    private static PaletteData grayPalette() {
        RGB[] rgb = new RGB[256];
        for (int i = 0; i < 256; i++) {
            rgb[i] = new RGB(i, i, i);
        }
        return new PaletteData(rgb);
    }

    public static ImageData of(RenderedImage r) {
        if (r.isGray()) {
            return new ImageData(r.width(), r.height(), 8, GRAY, 1, r.gray());
        }
        int[] rgb = r.rgb();
        byte[] b = new byte[rgb.length * 3];
        for (int i = 0, p = 0; i < rgb.length; i++, p += 3) {
            int v = rgb[i];
            b[p] = (byte) (v >> 16);
            b[p + 1] = (byte) (v >> 8);
            b[p + 2] = (byte) v;
        }
        return new ImageData(r.width(), r.height(), 24, DIRECT, 1, b);
    }
}
