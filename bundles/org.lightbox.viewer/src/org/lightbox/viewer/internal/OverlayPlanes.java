package org.lightbox.viewer.internal;

import java.lang.System.Logger.Level;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.VR;

/**
 * The overlay planes of an image (PS3.3 C.9.2, groups 6000-601E) merged into one 1-bit plane the size of the
 * frame: set bits in the overlay colour, the rest transparent. Only overlays with their own Overlay Data (60xx,3000)
 * are drawn; overlays embedded in the high bits of pixel data (retired) are ignored.
 */
public final class OverlayPlanes {

    private static final System.Logger LOG = System.getLogger(OverlayPlanes.class.getName());
    /** Yellow: stands out on any grey. */
    public static final RGB COLOR = new RGB(255, 255, 0);
    private static final PaletteData PALETTE = new PaletteData(new RGB(0, 0, 0), COLOR);

    private OverlayPlanes() {
    }

    /**
     * The overlays of frame {@code frameIndex} (0-based) of {@code image}, whose frames are {@code columns} x
     * {@code rows}; {@code null} when it has none.
     */
    public static ImageData of(Attributes image, int frameIndex, int columns, int rows) {
        byte[] plane = null;
        int bytesPerLine = (columns + 7) / 8;
        for (int group = 0x6000; group <= 0x601E; group += 2) {
            int g = group << 16;
            if (!image.contains(g | 0x3000)) {
                continue;
            }
            try {
                plane = merge(image, g, frameIndex, columns, rows, plane, bytesPerLine);
            } catch (RuntimeException e) { // a bad overlay must not cost the image
                LOG.log(Level.WARNING, "overlay group {0} ignored: {1}", Integer.toHexString(group), e.toString());
            }
        }
        if (plane == null) {
            return null;
        }
        ImageData data = new ImageData(columns, rows, 1, PALETTE, 1, plane);
        data.transparentPixel = 0;
        return data;
    }

    private static byte[] merge(Attributes image, int g, int frameIndex, int columns, int rows, byte[] plane,
            int bytesPerLine) {
        int oRows = image.getInt(g | 0x0010, 0);
        int oCols = image.getInt(g | 0x0011, 0);
        int bitsAllocated = image.getInt(g | 0x0100, 1);
        if (oRows <= 0 || oCols <= 0 || bitsAllocated != 1) {
            return plane;
        }
        int frames = Math.max(1, image.getInt(g | 0x0015, 1));
        int firstFrame = Math.max(1, image.getInt(g | 0x0051, 1)) - 1;
        int overlayFrame = frameIndex - firstFrame;
        if (overlayFrame < 0 || overlayFrame >= frames) {
            return plane;
        }
        int[] origin = image.getInts(g | 0x0050); // row \ column, 1-based
        int top = origin != null && origin.length >= 2 ? origin[0] - 1 : 0;
        int left = origin != null && origin.length >= 2 ? origin[1] - 1 : 0;
        byte[] data = image.getBytes(g | 0x3000);
        if (data == null) {
            return plane;
        }
        boolean swap = image.isBigEndian() && image.getVR(g | 0x3000) == VR.OW; // bits run through 16-bit words
        long bit0 = (long) overlayFrame * oRows * oCols;
        if (plane == null) {
            plane = new byte[bytesPerLine * rows];
        }
        for (int r = 0; r < oRows; r++) {
            int y = top + r;
            if (y < 0 || y >= rows) {
                continue;
            }
            for (int c = 0; c < oCols; c++) {
                int x = left + c;
                if (x < 0 || x >= columns) {
                    continue;
                }
                long bit = bit0 + (long) r * oCols + c;
                long byteIndex = bit >> 3;
                if (swap) {
                    byteIndex ^= 1;
                }
                if (byteIndex >= data.length) {
                    return plane; // short data: draw what there is
                }
                if ((data[(int) byteIndex] >> (bit & 7) & 1) != 0) {
                    plane[y * bytesPerLine + (x >> 3)] |= (byte) (0x80 >> (x & 7));
                }
            }
        }
        return plane;
    }
}
