package org.lightbox.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;

/** Navigation, messages, overlays, measurements and cine, driven by simulated mouse and key events. */
class ImageCanvasInteractionTest {

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

    private String imageNumber() {
        List<String> tr = fx.canvas.annotations(ImageCanvas.Corner.TOP_RIGHT);
        return tr.get(tr.size() - 1);
    }

    @Test
    void wheelAndKeysMoveThroughTheSeries() throws Exception {
        for (int i = 1; i <= 25; i++) {
            SyntheticImages.write(dir.resolve("ct" + (26 - i) + ".dcm"), SyntheticImages.signedCt(16, 16, i));
        }
        fx.canvas.open(List.of(dir));
        fx.waitIdle();
        assertEquals("Im: 1/25", imageNumber());
        fx.wheel(-1, 0); // towards the user: next
        fx.waitIdle();
        assertEquals("Im: 2/25", imageNumber());
        assertEquals("ct24.dcm", fx.canvas.shownFrame().file().getFileName().toString(), "sorted by instance");
        fx.key(SWT.ARROW_DOWN, '\0');
        fx.waitIdle();
        assertEquals("Im: 3/25", imageNumber());
        fx.key(SWT.PAGE_DOWN, '\0');
        fx.waitIdle();
        assertEquals("Im: 13/25", imageNumber());
        fx.wheel(2, 0);
        fx.waitIdle();
        assertEquals("Im: 12/25", imageNumber());
        fx.key(SWT.END, '\0');
        fx.waitIdle();
        assertEquals("Im: 25/25", imageNumber());
        fx.key(SWT.HOME, '\0');
        fx.waitIdle();
        assertEquals("Im: 1/25", imageNumber());
        // a burst of steps: the newest wins, the canvas ends on the last one asked
        for (int i = 0; i < 15; i++) {
            fx.canvas.step(1);
        }
        fx.waitIdle();
        assertEquals("Im: 16/25", imageNumber());
        assertEquals(List.of("Test, Patient", "ID: P-1"), fx.canvas.annotations(ImageCanvas.Corner.TOP_LEFT));
    }

    @Test
    void zoomPanAndFitByMouseAndKeys() throws Exception {
        SyntheticImages.write(dir.resolve("a.dcm"), SyntheticImages.signedCt(64, 64, 1));
        fx.canvas.open(List.of(dir.resolve("a.dcm")));
        fx.waitIdle();
        assertTrue(fx.canvas.isFit());
        assertEquals(240 / 64.0, fx.canvas.zoom(), 1e-9);
        fx.key(0, '1');
        assertEquals(1, fx.canvas.zoom(), 1e-9);
        fx.wheel(1, SWT.MOD1);
        assertEquals(1.25, fx.canvas.zoom(), 1e-9);
        fx.key(0, '-');
        assertEquals(1, fx.canvas.zoom(), 1e-9);
        Point before = fx.canvas.imageToCanvas(0, 0);
        fx.drag(2, 0, 100, 100, 130, 90); // middle drag pans
        Point after = fx.canvas.imageToCanvas(0, 0);
        assertEquals(new Point(before.x + 30, before.y - 10), after);
        fx.drag(1, SWT.MOD1, 100, 100, 90, 100); // so does Ctrl + left drag
        assertEquals(new Point(after.x - 10, after.y), fx.canvas.imageToCanvas(0, 0));
        fx.key(0, 'f');
        assertTrue(fx.canvas.isFit());
    }

    @Test
    void aMissingCodecIsAMessageInTheCanvas() throws Exception {
        Path j2k = SyntheticImages.write(dir.resolve("mpeg2.dcm"), SyntheticImages.encapsulated(32, 32),
                UID.MPEG2MPML); // a video syntax: no image codec will ever take it
        List<Throwable> escaped = new ArrayList<>();
        Thread.UncaughtExceptionHandler old = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> escaped.add(e));
        try {
            fx.canvas.open(List.of(j2k));
            fx.waitIdle();
            assertEquals("codec not supported: MPEG2 Main Profile / Main Level", fx.canvas.message());
            RGB centre = fx.screenPixel(CanvasFixture.WIDTH / 2, CanvasFixture.HEIGHT / 2 + 30); // below the text
            assertEquals(new RGB(0, 0, 0), centre, "no image is painted");
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(old);
        }
        assertEquals(List.of(), escaped);
    }

    @Test
    void corruptFilesShowTheirOneLineError() throws Exception {
        Attributes shortPixels = SyntheticImages.signedCt(32, 32, 1);
        shortPixels.setBytes(Tag.PixelData, VR.OW, new byte[100]);
        Path a = SyntheticImages.write(dir.resolve("short.dcm"), shortPixels);
        Path b = dir.resolve("garbage.dcm");
        byte[] g = new byte[300];
        System.arraycopy("DICM".getBytes(), 0, g, 128, 4);
        g[132] = 0x02;
        g[134] = 0x10;
        g[136] = 'U';
        g[137] = 'I';
        g[138] = (byte) 0xF0; // a value length running past the end of the file
        Files.write(b, g);
        fx.canvas.open(List.of(a, b));
        fx.waitIdle();
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            fx.canvas.stack().setIndex(i);
            fx.waitIdle();
            messages.add(fx.canvas.message());
        }
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("Pixel Data has 100 bytes")), messages.toString());
        assertEquals(2, messages.stream().filter(m -> m != null && !m.contains("\n")).count(), messages.toString());
        // the one that read fine still has its header on screen
        fx.canvas.stack().setIndex(messages.get(0).startsWith("Pixel") ? 0 : 1);
        fx.waitIdle();
        assertTrue(fx.canvas.annotations(ImageCanvas.Corner.TOP_LEFT).contains("ID: P-1"));
    }

    @Test
    void overlaysAreDrawnInTheirColour() throws Exception {
        Attributes a = SyntheticImages.gray8("MONOCHROME2", 32, 32);
        a.setInt(0x60000010, VR.US, 8); // rows
        a.setInt(0x60000011, VR.US, 8); // columns
        a.setInt(0x60000050, VR.SS, 3, 5); // origin: row 3, column 5 (1-based)
        a.setInt(0x60000100, VR.US, 1);
        a.setInt(0x60000102, VR.US, 0);
        byte[] bits = new byte[8]; // the diagonal: bit (r * 8 + r)
        for (int r = 0; r < 8; r++) {
            int bit = r * 8 + r;
            bits[bit / 8] |= (byte) (1 << (bit % 8));
        }
        a.setBytes(0x60003000, VR.OW, bits);
        SyntheticImages.write(dir.resolve("ov.dcm"), a);
        fx.canvas.open(List.of(dir.resolve("ov.dcm")));
        fx.waitIdle();
        fx.canvas.actualSize();
        fx.canvas.setWindow(128, 256); // the identity for 8 bits
        fx.waitIdle();
        RGB yellow = new RGB(255, 255, 0);
        for (int r = 0; r < 8; r++) {
            assertEquals(yellow, fx.imagePixel(4 + r, 2 + r), "overlay pixel " + r);
        }
        int v = SyntheticImages.gray8Value(5, 2);
        assertEquals(new RGB(v, v, v), fx.imagePixel(5, 2), "off the diagonal the image shows through");
    }

    @Test
    void shiftDragMeasuresInMillimetresUntilEscape() throws Exception {
        SyntheticImages.write(dir.resolve("a.dcm"), SyntheticImages.signedCt(64, 64, 1));
        fx.canvas.open(List.of(dir.resolve("a.dcm")));
        fx.waitIdle();
        fx.canvas.actualSize();
        Point p0 = fx.canvas.imageToCanvas(10, 10);
        Point p1 = fx.canvas.imageToCanvas(40, 50);
        fx.drag(1, SWT.SHIFT, p0.x, p0.y, p1.x, p1.y);
        List<Measurement> ms = fx.canvas.measurements();
        assertEquals(1, ms.size());
        // 30 columns of 0.25 mm and 40 rows of 0.5 mm
        assertEquals(Math.hypot(7.5, 20), ms.get(0).length(fx.canvas.shownFrame().dataset()), 1e-9);
        assertEquals("21.4 mm", ms.get(0).lengthText(fx.canvas.shownFrame().dataset()));
        assertEquals("W: 400 L: 40", fx.canvas.annotations(ImageCanvas.Corner.BOTTOM_LEFT).get(0),
                "a measuring drag leaves the window alone");
        Point mid = fx.canvas.imageToCanvas(25, 30);
        assertTrue(isCyan(fx.screenPixel(mid.x, mid.y)), "the line is drawn: " + fx.screenPixel(mid.x, mid.y));
        fx.key(SWT.ESC, '\u001b');
        assertEquals(List.of(), fx.canvas.measurements());
        assertFalse(isCyan(fx.screenPixel(mid.x, mid.y)), "the line is gone");
    }

    /** The line colour, give or take the antialiasing of the line's edge. */
    private static boolean isCyan(RGB c) {
        return c.red < 64 && c.green > 192 && c.blue > 192;
    }

    @Test
    void measurementWithoutSpacingIsInPixels() {
        Attributes a = new Attributes();
        assertEquals("5.0 px", new Measurement(0, 0, 3, 4).lengthText(a));
        a.setString(Tag.ImagerPixelSpacing, VR.DS, "2", "1");
        assertEquals("8.5 mm", new Measurement(0, 0, 3, 4).lengthText(a)); // hypot(3 * 1, 4 * 2)
    }

    @Test
    void cinePlaysMultiFrameImagesAtTheirFrameRate() throws Exception {
        Attributes a = SyntheticImages.gray8("MONOCHROME2", 8, 8);
        a.setBytes(Tag.PixelData, VR.OW, new byte[5 * 64]);
        a.setString(Tag.NumberOfFrames, VR.IS, "5");
        a.setString(Tag.FrameTime, VR.DS, "25");
        SyntheticImages.write(dir.resolve("mf.dcm"), a);
        fx.canvas.open(List.of(dir.resolve("mf.dcm")));
        fx.waitIdle();
        assertEquals(40, fx.canvas.cineRate(), 1e-9);
        assertTrue(fx.canvas.annotations(ImageCanvas.Corner.BOTTOM_RIGHT).contains("Fr: 1/5 40 fps"));
        fx.key(0, ' ');
        assertTrue(fx.canvas.isPlaying());
        List<Integer> seen = new ArrayList<>();
        fx.waitFor("cine to loop through the frames", () -> {
            int i = fx.canvas.stack().index();
            if (seen.isEmpty() || seen.get(seen.size() - 1) != i) {
                seen.add(i);
            }
            return seen.size() > 6;
        });
        // a loop is the wrap from the last frame back to the first; playback may have left frame 0 before the
        // first look, so a second 0 is not always there to see
        int last = seen.indexOf(4);
        assertTrue(last >= 0 && seen.subList(last, seen.size()).contains(0), "looped: " + seen);
        fx.key(0, ' ');
        assertFalse(fx.canvas.isPlaying());
        fx.canvas.setCineRate(12.5);
        assertEquals(12.5, fx.canvas.cineRate(), 1e-9);
        fx.canvas.setCineRate(0);
        assertEquals(40, fx.canvas.cineRate(), 1e-9);
    }

    @Test
    void anEmptyFolderSaysSo() {
        fx.canvas.open(List.of(dir));
        fx.waitIdle();
        assertEquals("no images", fx.canvas.message());
        assertNull(fx.canvas.shownFrame());
    }
}
