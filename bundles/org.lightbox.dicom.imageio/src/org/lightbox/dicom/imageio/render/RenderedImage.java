package org.lightbox.dicom.imageio.render;

/**
 * A frame ready for the screen: 8-bit grey levels (row by row) or packed {@code 0xRRGGBB} colour, never both.
 */
public record RenderedImage(int width, int height, byte[] gray, int[] rgb) {

    public RenderedImage {
        if ((gray == null) == (rgb == null)) {
            throw new IllegalArgumentException("a rendered image is either grey or colour");
        }
        int n = gray != null ? gray.length : rgb.length;
        if (n != width * height) {
            throw new IllegalArgumentException(n + " pixels for " + width + " x " + height);
        }
    }

    public boolean isGray() {
        return gray != null;
    }

    /** The pixel at column {@code x}, row {@code y} as {@code 0xRRGGBB}, grey expanded to three equal channels. */
    public int rgbAt(int x, int y) {
        int i = y * width + x;
        if (gray != null) {
            int g = gray[i] & 0xFF;
            return g << 16 | g << 8 | g;
        }
        return rgb[i];
    }
}
