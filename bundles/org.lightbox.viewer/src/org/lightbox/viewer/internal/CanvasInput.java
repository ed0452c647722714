package org.lightbox.viewer.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Event;
import org.lightbox.dicom.imageio.render.GrayscaleSettings;
import org.lightbox.dicom.imageio.render.ValueRange;
import org.lightbox.viewer.ImageCanvas;
import org.lightbox.viewer.Measurement;

/**
 * The mouse and keyboard bindings of an {@link ImageCanvas}:
 * <ul>
 * <li>left drag: window (horizontal, width) and level (vertical, centre), scaled to the image's value range;
 * <li>Shift + left drag: a distance line; Esc clears the lines of the image;
 * <li>middle drag or Ctrl + left drag: pan; Ctrl + wheel, '+' and '-': zoom;
 * <li>wheel, arrows, Page Up/Down (10 frames), Home, End: move through the series;
 * <li>Space: cine play/pause; I: invert; R: reset; F: fit; 1: actual size.
 * </ul>
 */
public final class CanvasInput {

    /** A drag across this many screen pixels changes the window by the image's whole value range. */
    public static final double WINDOW_DRAG_PIXELS = 512;
    public static final double ZOOM_STEP = 1.25;
    public static final int PAGE = 10;

    private enum Drag {
        NONE, WINDOW, PAN, MEASURE
    }

    private final ImageCanvas canvas;
    private Drag drag = Drag.NONE;
    private int startX;
    private int startY;
    private int lastX;
    private int lastY;
    private double startCenter;
    private double startWidth;
    private double sensitivity;
    private double[] measureStart;
    private double[] measureEnd;

    public CanvasInput(ImageCanvas canvas) {
        this.canvas = canvas;
    }

    public void install() {
        canvas.addListener(SWT.MouseDown, this::mouseDown);
        canvas.addListener(SWT.MouseMove, this::mouseMove);
        canvas.addListener(SWT.MouseUp, this::mouseUp);
        canvas.addListener(SWT.MouseVerticalWheel, this::wheel);
        canvas.addListener(SWT.KeyDown, this::key);
        canvas.addListener(SWT.MouseExit, e -> canvas.probe(-1, -1));
        canvas.addListener(SWT.Traverse, e -> {
            // arrows, pages and Esc are the canvas's own keys, not focus traversal
            if (e.detail != SWT.TRAVERSE_TAB_NEXT && e.detail != SWT.TRAVERSE_TAB_PREVIOUS) {
                e.doit = false;
            }
        });
        canvas.addPaintListener(e -> {
            if (drag == Drag.MEASURE && measureEnd != null) {
                Point a = canvas.imageToCanvas(measureStart[0], measureStart[1]);
                Point b = canvas.imageToCanvas(measureEnd[0], measureEnd[1]);
                if (a != null && b != null) {
                    e.gc.setForeground(e.display.getSystemColor(SWT.COLOR_CYAN));
                    e.gc.setLineStyle(SWT.LINE_DASH);
                    e.gc.drawLine(a.x, a.y, b.x, b.y);
                    e.gc.setLineStyle(SWT.LINE_SOLID);
                }
            }
        });
    }

    private void mouseDown(Event e) {
        canvas.setFocus();
        startX = lastX = e.x;
        startY = lastY = e.y;
        boolean ctrl = (e.stateMask & SWT.MOD1) != 0;
        boolean shift = (e.stateMask & SWT.SHIFT) != 0;
        if (e.button == 2 || (e.button == 1 && ctrl)) {
            drag = Drag.PAN;
        } else if (e.button == 1 && shift) {
            measureStart = canvas.canvasToImage(e.x, e.y);
            measureEnd = null;
            drag = measureStart == null ? Drag.NONE : Drag.MEASURE;
        } else if (e.button == 1) {
            startWindowDrag();
        }
    }

    private void startWindowDrag() {
        GrayscaleSettings s = canvas.windowSettings();
        ValueRange range = canvas.valueRange();
        if (s == null || range == null) {
            return; // colour, or nothing shown
        }
        GrayscaleSettings start = s.hasWindow() ? s : range.fullWindow();
        startCenter = start.windowCenter();
        startWidth = start.windowWidth();
        sensitivity = windowSensitivity(range);
        drag = Drag.WINDOW;
    }

    /** Modality units per screen pixel of drag for an image of this value range. */
    public static double windowSensitivity(ValueRange range) {
        return Math.max(range.span(), 1) / WINDOW_DRAG_PIXELS;
    }

    private void mouseMove(Event e) {
        switch (drag) {
            case WINDOW:
                canvas.setWindow(startCenter + (e.y - startY) * sensitivity,
                        Math.max(1, startWidth + (e.x - startX) * sensitivity));
                break;
            case PAN:
                canvas.panBy(e.x - lastX, e.y - lastY);
                break;
            case MEASURE:
                measureEnd = canvas.canvasToImage(e.x, e.y);
                canvas.redraw();
                break;
            default:
                break;
        }
        lastX = e.x;
        lastY = e.y;
        canvas.probe(e.x, e.y);
    }

    private void mouseUp(Event e) {
        if (drag == Drag.MEASURE) {
            double[] end = canvas.canvasToImage(e.x, e.y);
            if (end != null && (end[0] != measureStart[0] || end[1] != measureStart[1])) {
                canvas.addMeasurement(new Measurement(measureStart[0], measureStart[1], end[0], end[1]));
            }
            measureEnd = null;
            canvas.redraw();
        } else if (drag != Drag.NONE) {
            mouseMove(e);
        }
        drag = Drag.NONE;
    }

    private void wheel(Event e) {
        if (e.count == 0) {
            return;
        }
        e.doit = false;
        if ((e.stateMask & SWT.MOD1) != 0) {
            canvas.zoomBy(e.count > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, e.x, e.y);
        } else {
            canvas.step(e.count > 0 ? -1 : 1); // wheel towards the user: next image
        }
    }

    private void key(Event e) {
        Point centre = new Point(canvas.getClientArea().width / 2, canvas.getClientArea().height / 2);
        switch (e.keyCode) {
            case SWT.ARROW_UP, SWT.ARROW_LEFT -> canvas.step(-1);
            case SWT.ARROW_DOWN, SWT.ARROW_RIGHT -> canvas.step(1);
            case SWT.PAGE_UP -> canvas.step(-PAGE);
            case SWT.PAGE_DOWN -> canvas.step(PAGE);
            case SWT.HOME -> canvas.step(Integer.MIN_VALUE / 2);
            case SWT.END -> canvas.step(Integer.MAX_VALUE / 2);
            case SWT.ESC -> canvas.clearMeasurements();
            case SWT.KEYPAD_ADD -> canvas.zoomBy(ZOOM_STEP, centre.x, centre.y);
            case SWT.KEYPAD_SUBTRACT -> canvas.zoomBy(1 / ZOOM_STEP, centre.x, centre.y);
            default -> character(e.character, centre);
        }
    }

    private void character(char c, Point centre) {
        switch (Character.toLowerCase(c)) {
            case ' ' -> {
                if (canvas.isPlaying()) {
                    canvas.pause();
                } else {
                    canvas.play();
                }
            }
            case 'i' -> canvas.setInvert(!canvas.isInverted());
            case 'r' -> canvas.reset();
            case 'f' -> canvas.fit();
            case '1' -> canvas.actualSize();
            case '+', '=' -> canvas.zoomBy(ZOOM_STEP, centre.x, centre.y);
            case '-' -> canvas.zoomBy(1 / ZOOM_STEP, centre.x, centre.y);
            default -> {
            }
        }
    }
}
