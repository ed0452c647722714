package org.lightbox.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.imageio.render.GrayscaleSettings;

/**
 * Synthetic images shown at 100% in a fixed-size shell; the colours read back from the screen at known points must
 * be exactly what PS3.3's grey-level equations (computed here independently of the renderer) give, before and after
 * window/level changes by mouse drag and by the API.
 */
class ImageCanvasRenderingTest {

    private static final int SIZE = 64;

    @TempDir
    Path dir;
    private CanvasFixture fx;

    @BeforeEach
    void open() {
        fx = new CanvasFixture();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** The LINEAR window function of PS3.3 C.11.2.1.2.1 to 8 bits. */
    static int linear(double x, double c, double w) {
        if (x <= c - 0.5 - (w - 1) / 2) {
            return 0;
        }
        if (x > c - 0.5 + (w - 1) / 2) {
            return 255;
        }
        return (int) Math.round(((x - (c - 0.5)) / (w - 1) + 0.5) * 255);
    }

    private void show(Attributes image) throws Exception {
        Path file = SyntheticImages.write(dir.resolve("image.dcm"), image);
        fx.canvas.open(List.of(file));
        fx.waitIdle();
        fx.canvas.actualSize();
        fx.dispatch();
        assertNull(fx.canvas.message());
    }

    private static void assertGray(int expected, RGB rgb, String where) {
        assertEquals(new RGB(expected, expected, expected), rgb, where);
    }

    private static final int[][] POINTS = { { 0, 0 }, { 10, 5 }, { 31, 17 }, { 63, 48 }, { 5, 62 }, { 40, 40 } };

    @Test
    void monochrome2ShowsStoredValuesThroughTheWindow() throws Exception {
        show(SyntheticImages.gray8("MONOCHROME2", SIZE, SIZE));
        // no window in the file: the full range 0..255 (centre 128, width 256) is the identity
        for (int[] p : POINTS) {
            assertGray(SyntheticImages.gray8Value(p[0], p[1]), fx.imagePixel(p[0], p[1]), "pixel " + p[0] + "," + p[1]);
        }
        fx.canvas.setWindow(100, 51);
        fx.waitIdle();
        for (int[] p : POINTS) {
            assertGray(linear(SyntheticImages.gray8Value(p[0], p[1]), 100, 51), fx.imagePixel(p[0], p[1]),
                    "windowed pixel " + p[0] + "," + p[1]);
        }
        assertEquals(List.of("W: 51 L: 100", "Zoom: 100%"), fx.canvas.annotations(ImageCanvas.Corner.BOTTOM_LEFT));
    }

    @Test
    void monochrome1IsShownInverted() throws Exception {
        show(SyntheticImages.gray8("MONOCHROME1", SIZE, SIZE));
        for (int[] p : POINTS) {
            assertGray(255 - SyntheticImages.gray8Value(p[0], p[1]), fx.imagePixel(p[0], p[1]),
                    "pixel " + p[0] + "," + p[1]);
        }
        fx.key(0, 'i'); // the user's invert shows it upright
        fx.waitIdle();
        assertTrue(fx.canvas.isInverted());
        assertGray(SyntheticImages.gray8Value(10, 5), fx.imagePixel(10, 5), "inverted MONOCHROME1");
    }

    @Test
    void signedRescaledCtUsesItsOwnWindowThenTheDraggedOne() throws Exception {
        show(SyntheticImages.signedCt(SIZE, SIZE, 1));
        assertTrue(SyntheticImages.ctStored(0, 0) < 0, "the test image must hold negative stored values");
        for (int[] p : POINTS) {
            assertGray(linear(SyntheticImages.ctHu(p[0], p[1]), 40, 400), fx.imagePixel(p[0], p[1]),
                    "pixel " + p[0] + "," + p[1]);
        }
        assertEquals("W: 400 L: 40", fx.canvas.annotations(ImageCanvas.Corner.BOTTOM_LEFT).get(0));

        // drag right by 64 (wider) and up by 32 (lower centre), scaled by the image's HU range
        double min = SyntheticImages.ctHu(0, 0);
        double max = SyntheticImages.ctHu(SIZE - 1, SIZE - 1);
        double perPixel = (max - min) / 512;
        fx.drag(1, 0, 150, 120, 214, 88);
        fx.waitIdle();
        double c = 40 - 32 * perPixel;
        double w = 400 + 64 * perPixel;
        GrayscaleSettings s = fx.canvas.windowSettings();
        assertEquals(c, s.windowCenter(), 1e-9);
        assertEquals(w, s.windowWidth(), 1e-9);
        for (int[] p : POINTS) {
            assertGray(linear(SyntheticImages.ctHu(p[0], p[1]), c, w), fx.imagePixel(p[0], p[1]),
                    "dragged window, pixel " + p[0] + "," + p[1]);
        }
        // a preset through the API
        fx.canvas.applyPreset(WindowPresets.CT.stream().filter(x -> x.name().equals("Bone")).findFirst().get());
        fx.waitIdle();
        assertEquals("W: 1500 L: 300", fx.canvas.annotations(ImageCanvas.Corner.BOTTOM_LEFT).get(0));
        for (int[] p : POINTS) {
            assertGray(linear(SyntheticImages.ctHu(p[0], p[1]), 300, 1500), fx.imagePixel(p[0], p[1]),
                    "bone window, pixel " + p[0] + "," + p[1]);
        }
        // R goes back to the image's own window
        fx.key(0, 'r');
        fx.waitIdle();
        assertEquals("W: 400 L: 40", fx.canvas.annotations(ImageCanvas.Corner.BOTTOM_LEFT).get(0));
        assertTrue(fx.canvas.isFit());
    }

    @Test
    void pixelValueUnderTheMouseIsInHounsfieldUnits() throws Exception {
        show(SyntheticImages.signedCt(SIZE, SIZE, 1));
        Point p = fx.canvas.imageToCanvas(12, 7);
        fx.mouse(SWT.MouseMove, 0, 0, p.x, p.y);
        assertEquals(SyntheticImages.ctHu(12, 7), fx.canvas.valueAt(p.x, p.y));
        List<String> br = fx.canvas.annotations(ImageCanvas.Corner.BOTTOM_RIGHT);
        assertEquals("CT", br.get(0));
        assertEquals("(12, 7): " + (int) SyntheticImages.ctHu(12, 7) + " HU", br.get(br.size() - 1));
        assertTrue(Double.isNaN(fx.canvas.valueAt(1, 1)), "off the image");
    }

    @Test
    void rgbPlanarConfigurationOneIsShownExactly() throws Exception {
        show(SyntheticImages.rgbPlanar(SIZE, SIZE));
        for (int[] p : POINTS) {
            assertEquals(new RGB(4 * p[0], 4 * p[1], 200), fx.imagePixel(p[0], p[1]), "pixel " + p[0] + "," + p[1]);
        }
        assertNull(fx.canvas.windowSettings(), "colour has no window");
        fx.drag(1, 0, 150, 120, 200, 100); // no window to drag: nothing changes, nothing fails
        fx.waitIdle();
        assertEquals(new RGB(40, 20, 200), fx.imagePixel(10, 5));
        assertFalse(fx.canvas.annotations(ImageCanvas.Corner.BOTTOM_LEFT).get(0).startsWith("W:"));
    }
}
