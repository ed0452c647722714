package org.lightbox.viewer;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;

/**
 * An {@link ImageCanvas} alone in a shell of fixed size, on the default display: works in a plain JVM under Xvfb
 * and on the UI thread of the workbench test harness. Events are dispatched with a small loop; the display is
 * never disposed.
 */
final class CanvasFixture implements AutoCloseable {

    static final int WIDTH = 320;
    static final int HEIGHT = 240;
    private static final long TIME_BOUND_MS = 20_000;

    final Display display = Display.getDefault();
    final Shell shell;
    final ImageCanvas canvas;
    private int paints;

    CanvasFixture() {
        // no trim and on top: exactly WIDTH x HEIGHT, and not hidden by the workbench window when run inside it
        shell = new Shell(display, SWT.NO_TRIM | SWT.ON_TOP);
        shell.setLayout(new FillLayout());
        canvas = new ImageCanvas(shell, SWT.NONE);
        canvas.addPaintListener(e -> paints++);
        shell.setBounds(0, 0, WIDTH, HEIGHT);
        shell.open();
        dispatch();
    }

    /** Runs the event loop until {@code condition} holds, failing after a time bound (against hangs). */
    void waitFor(String what, BooleanSupplier condition) {
        long end = System.currentTimeMillis() + TIME_BOUND_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                sleep();
            }
        }
        dispatch();
    }

    private static void sleep() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    void waitIdle() {
        waitFor("the canvas to show what was asked", canvas::isIdle);
    }

    void dispatch() {
        while (display.readAndDispatch()) {
            // drain
        }
    }

    /** The colour on screen at canvas point (x, y), read back from the screen after painting. */
    RGB screenPixel(int x, int y) {
        int before = paints;
        canvas.redraw();
        canvas.update();
        waitFor("the canvas to paint", () -> paints > before);
        // GTK hands the painted buffer to the X server at the end of its frame: let that happen
        long until = System.currentTimeMillis() + 30;
        while (System.currentTimeMillis() < until) {
            if (!display.readAndDispatch()) {
                sleep();
            }
        }
        Image copy = new Image(display, WIDTH, HEIGHT);
        GC gc = new GC(canvas);
        try {
            gc.copyArea(copy, 0, 0);
        } finally {
            gc.dispose();
        }
        ImageData d = copy.getImageData();
        copy.dispose();
        return d.palette.getRGB(d.getPixel(x, y));
    }

    /** The colour on screen at image pixel (x, y) (its top left screen pixel). */
    RGB imagePixel(int x, int y) {
        Point p = canvas.imageToCanvas(x, y);
        return screenPixel(p.x, p.y);
    }

    void mouse(int type, int button, int stateMask, int x, int y) {
        Event e = new Event();
        e.button = button;
        e.stateMask = stateMask;
        e.x = x;
        e.y = y;
        canvas.notifyListeners(type, e);
        dispatch();
    }

    /** A drag from (x0, y0) to (x1, y1) in steps, with a button and modifier keys held. */
    void drag(int button, int stateMask, int x0, int y0, int x1, int y1) {
        mouse(SWT.MouseDown, button, stateMask, x0, y0);
        for (int i = 1; i <= 4; i++) {
            mouse(SWT.MouseMove, 0, stateMask | SWT.BUTTON1, x0 + (x1 - x0) * i / 4, y0 + (y1 - y0) * i / 4);
        }
        mouse(SWT.MouseUp, button, stateMask, x1, y1);
    }

    void wheel(int count, int stateMask) {
        Event e = new Event();
        e.count = count;
        e.stateMask = stateMask;
        e.x = WIDTH / 2;
        e.y = HEIGHT / 2;
        canvas.notifyListeners(SWT.MouseVerticalWheel, e);
        dispatch();
    }

    void key(int keyCode, char character) {
        Event e = new Event();
        e.keyCode = keyCode;
        e.character = character;
        canvas.notifyListeners(SWT.KeyDown, e);
        dispatch();
    }

    @Override
    public void close() {
        shell.dispose();
        dispatch();
    }
}
