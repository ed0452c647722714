package org.lightbox.viewer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.imageio.render.GrayscaleSettings;
import org.lightbox.dicom.imageio.render.ValueRange;
import org.lightbox.viewer.internal.CanvasInput;
import org.lightbox.viewer.internal.CinePlayer;
import org.lightbox.viewer.internal.CornerAnnotations;
import org.lightbox.viewer.internal.ErrorText;
import org.lightbox.viewer.internal.FrameRenderWorker;
import org.lightbox.viewer.internal.FrameRequest;
import org.lightbox.viewer.internal.ShownImage;
import org.lightbox.viewer.internal.ValueText;
import org.lightbox.viewer.internal.ViewTransform;

/**
 * Shows a {@link Series} one frame at a time: rendered through the grey-level pipeline (or in colour), scaled to
 * fit or zoomed and panned, with overlays, distance lines and corner annotations. Decoding and rendering run on
 * the canvas's own worker thread (newest request wins, neighbours prefetched); the UI thread only paints the last
 * finished frame. A frame that cannot be shown (a codec missing, a corrupt file) shows its one-line reason in
 * place of the image. The mouse and keyboard bindings are in {@link CanvasInput}; everything they do is also
 * public API here. All methods are for the UI thread.
 */
public class ImageCanvas extends Canvas {

    /** The four annotation corners. */
    public enum Corner {
        TOP_LEFT, TOP_RIGHT, BOTTOM_LEFT, BOTTOM_RIGHT
    }

    private final FrameRenderWorker worker;
    private final ViewTransform view = new ViewTransform();
    private final CinePlayer cine = new CinePlayer(this);
    private final List<Runnable> shownListeners = new CopyOnWriteArrayList<>();
    private final Map<SeriesFrame, List<Measurement>> measurements = new HashMap<>();
    private final IntConsumer stackListener = i -> requestCurrent();
    private final Color measureColor;

    private ImageStack stack;
    private GrayscaleSettings userSettings; // null: each image's own window
    private boolean invert;
    private FrameRequest wanted;
    private ShownImage shown;
    private Image shownImage;
    private Image shownOverlay;
    private String status; // "Opening ...", or why a series could not be opened
    private String probe;
    private int lastStep = 1;

    public ImageCanvas(Composite parent, int style) {
        super(parent, style | SWT.NO_BACKGROUND | SWT.DOUBLE_BUFFERED);
        worker = new FrameRenderWorker("Lightbox viewer renderer", this::delivered);
        measureColor = new Color(0, 255, 255);
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.Resize, e -> redraw());
        addDisposeListener(e -> disposed());
        new CanvasInput(this).install();
    }

    // ------------------------------------------------------------------ content

    /** Opens files and folders: they are read on the worker (headers only), then the first frame is shown. */
    public void open(List<Path> paths) {
        checkWidget();
        List<Path> copy = List.copyOf(paths);
        status = "Opening " + (copy.size() == 1 ? copy.get(0).getFileName() : copy.size() + " items") + " ...";
        redraw();
        worker.execute(() -> {
            try {
                Series s = Series.open(copy);
                asyncUi(() -> setSeries(s));
            } catch (Exception e) {
                asyncUi(() -> {
                    status = "cannot open: " + ErrorText.oneLine(e);
                    redraw();
                });
            }
        });
    }

    /** Shows {@code series} from its first frame, with each image's own window. */
    public void setSeries(Series series) {
        checkWidget();
        cine.stop();
        if (stack != null) {
            stack.removeListener(stackListener);
        }
        stack = new ImageStack(series);
        stack.addListener(stackListener);
        cine.setStack(stack);
        worker.clearCaches();
        measurements.clear();
        userSettings = null;
        status = series.isEmpty() ? "no images" : null;
        install(null);
        requestCurrent();
    }

    /** The cursor over the series on display; {@code null} before one is set. */
    public ImageStack stack() {
        return stack;
    }

    /** The frame whose picture (or message) is on screen now; {@code null} while none is. */
    public SeriesFrame shownFrame() {
        return shown == null ? null : shown.request().frame();
    }

    /** True when what is on screen is what was last asked for (nothing is being opened or rendered). */
    public boolean isIdle() {
        if (status != null && status.startsWith("Opening")) {
            return false;
        }
        return wanted == null || (shown != null && shown.request().equals(wanted));
    }

    /** Called on the UI thread each time a new frame (or message) is put on screen. */
    public void addShownListener(Runnable r) {
        shownListeners.add(r);
    }

    public void removeShownListener(Runnable r) {
        shownListeners.remove(r);
    }

    // ------------------------------------------------------------------ grey levels

    /** Sets a window in modality units for every frame, until {@link #useImageWindow} or {@link #reset}. */
    public void setWindow(double center, double width) {
        GrayscaleSettings applied = windowSettings();
        GrayscaleSettings s = GrayscaleSettings.window(center, Math.max(1, width));
        if (applied != null && applied.hasWindow()) {
            s = s.withFunction(applied.function());
        }
        userSettings = s;
        requestCurrent();
    }

    public void applyPreset(WindowPreset p) {
        setWindow(p.center(), p.width());
    }

    /** Uses item {@code index} of the image's VOI LUT Sequence. */
    public void setVoiLut(int index) {
        userSettings = GrayscaleSettings.AUTOMATIC.withVoiLut(index);
        requestCurrent();
    }

    /** Back to each image's own window (or VOI LUT, or full range). */
    public void useImageWindow() {
        userSettings = null;
        requestCurrent();
    }

    /** The grey-level settings applied to the frame on screen; {@code null} for colour or no image. */
    public GrayscaleSettings windowSettings() {
        return shown == null ? null : shown.settings();
    }

    /** The range of modality values of the frame on screen, or {@code null}. */
    public ValueRange valueRange() {
        return shown == null ? null : shown.range();
    }

    /** The image's own windows and its modality's presets. */
    public List<WindowPreset> presets() {
        SeriesFrame f = stack == null ? null : stack.current();
        return WindowPresets.forImage(f == null ? null : f.dataset());
    }

    public void setInvert(boolean on) {
        invert = on;
        requestCurrent();
    }

    public boolean isInverted() {
        return invert;
    }

    // ------------------------------------------------------------------ geometry

    /** Grey levels back to the image's, no inversion, fitted. */
    public void reset() {
        userSettings = null;
        invert = false;
        view.fit();
        requestCurrent();
        redraw();
    }

    public void fit() {
        view.fit();
        redraw();
    }

    /** One image pixel per screen pixel, centred. */
    public void actualSize() {
        setZoom(1);
    }

    public void setZoom(double zoom) {
        view.setZoom(zoom);
        redraw();
    }

    /** Zooms by {@code factor} around canvas point (cx, cy). */
    public void zoomBy(double factor, int cx, int cy) {
        Point size = imageSize();
        if (size != null) {
            view.zoomAt(factor, cx, cy, getClientArea(), size.x, size.y);
            redraw();
        }
    }

    public void panBy(int dx, int dy) {
        Point size = imageSize();
        if (size != null) {
            view.pan(dx, dy, getClientArea(), size.x, size.y);
            redraw();
        }
    }

    public boolean isFit() {
        return view.isFit();
    }

    /** Screen pixels per image pixel now (1 when nothing is shown). */
    public double zoom() {
        Point size = imageSize();
        return size == null ? 1 : view.scale(getClientArea(), size.x, size.y);
    }

    /** The canvas point of image point (x, y), or {@code null} when no image is shown. */
    public Point imageToCanvas(double x, double y) {
        Point size = imageSize();
        if (size == null) {
            return null;
        }
        Rectangle a = getClientArea();
        double s = view.scale(a, size.x, size.y);
        return new Point((int) Math.floor(view.originX(a, size.x, size.y) + x * s),
                (int) Math.floor(view.originY(a, size.x, size.y) + y * s));
    }

    /** The image point (column, row, fractional) under canvas point (x, y), or {@code null} when none is shown. */
    public double[] canvasToImage(int x, int y) {
        Point size = imageSize();
        if (size == null) {
            return null;
        }
        Rectangle a = getClientArea();
        double s = view.scale(a, size.x, size.y);
        return new double[] { (x - view.originX(a, size.x, size.y)) / s, (y - view.originY(a, size.x, size.y)) / s };
    }

    private Point imageSize() {
        return shown == null || shown.image() == null ? null : new Point(shown.image().width, shown.image().height);
    }

    // ------------------------------------------------------------------ navigation and cine

    /** Moves through the series by {@code delta} frames (clamped); remembers the direction for prefetching. */
    public void step(int delta) {
        if (stack != null && delta != 0) {
            lastStep = delta > 0 ? 1 : -1;
            stack.step(delta);
        }
    }

    public void play() {
        cine.play();
        redraw();
    }

    public void pause() {
        cine.stop();
        redraw();
    }

    public boolean isPlaying() {
        return cine.isPlaying();
    }

    /** Frames per second for cine; NaN or 0: the image's Cine Rate or Frame Time, else 10. */
    public void setCineRate(double fps) {
        cine.setRate(fps);
        redraw();
    }

    public double cineRate() {
        return cine.rate();
    }

    // ------------------------------------------------------------------ measurements and read-out

    /** The distance lines on the frame on screen. */
    public List<Measurement> measurements() {
        SeriesFrame f = shownFrame();
        return f == null ? List.of() : List.copyOf(measurements.getOrDefault(f, List.of()));
    }

    /** Adds a line to the frame on screen; it stays until {@link #clearMeasurements}. */
    public void addMeasurement(Measurement m) {
        SeriesFrame f = shownFrame();
        if (f != null) {
            measurements.computeIfAbsent(f, k -> new ArrayList<>()).add(m);
            redraw();
        }
    }

    /** Removes the lines of the frame on screen. */
    public void clearMeasurements() {
        SeriesFrame f = shownFrame();
        if (f != null && measurements.remove(f) != null) {
            redraw();
        }
    }

    /** The modality value at canvas point (x, y), NaN off the image or for colour. */
    public double valueAt(int x, int y) {
        double[] p = canvasToImage(x, y);
        if (p == null || shown.frame() == null) {
            return Double.NaN;
        }
        return ValueRange.valueAt(shown.frame(), shown.modality(), (int) Math.floor(p[0]), (int) Math.floor(p[1]));
    }

    /** Shows the value under canvas point (x, y) in the bottom right corner (the mouse moved there). */
    public void probe(int x, int y) {
        double v = valueAt(x, y);
        String text = null;
        if (!Double.isNaN(v)) {
            double[] p = canvasToImage(x, y);
            String unit = valueUnit(shownFrame().dataset());
            text = "(" + (int) Math.floor(p[0]) + ", " + (int) Math.floor(p[1]) + "): " + ValueText.number(v)
                    + (unit.isEmpty() ? "" : " " + unit);
        }
        if (!java.util.Objects.equals(text, probe)) {
            probe = text;
            redraw();
        }
    }

    private static String valueUnit(Attributes a) {
        String type = a.getString(Tag.RescaleType);
        if (type != null && !type.isBlank() && !type.trim().equals("US")) {
            return type.trim();
        }
        return "CT".equals(a.getString(Tag.Modality)) && a.contains(Tag.RescaleIntercept) ? "HU" : "";
    }

    /** The text of one corner, line by line, as painted. */
    public List<String> annotations(Corner corner) {
        SeriesFrame f = shownFrame();
        Attributes a = f == null ? null : f.dataset();
        switch (corner) {
            case TOP_LEFT:
                return CornerAnnotations.patient(a);
            case TOP_RIGHT:
                int i = f == null ? -1 : stack.series().frames().indexOf(f);
                return CornerAnnotations.study(a, i, f == null ? 0 : stack.size());
            case BOTTOM_LEFT:
                return f == null ? List.of() : CornerAnnotations.display(windowSettings(), zoom());
            default:
                return f == null ? List.of()
                        : CornerAnnotations.acquisition(a, f.frame(), f.frameCount(), cine.rate(), cine.isPlaying(),
                                probe);
        }
    }

    /** The message shown instead of an image (codec not supported, a corrupt file, opening), or {@code null}. */
    public String message() {
        if (status != null) {
            return status;
        }
        return shown == null ? null : shown.error();
    }

    // ------------------------------------------------------------------ rendering requests and results

    private void requestCurrent() {
        if (isDisposed()) {
            return;
        }
        SeriesFrame f = stack == null ? null : stack.current();
        if (f == null) {
            wanted = null;
            redraw();
            return;
        }
        wanted = new FrameRequest(f, userSettings, invert);
        List<FrameRequest> ahead = new ArrayList<>();
        for (int d : new int[] { lastStep, -lastStep, 2 * lastStep }) {
            int i = stack.index() + d;
            if (i >= 0 && i < stack.size()) {
                ahead.add(new FrameRequest(stack.series().get(i), userSettings, invert));
            }
        }
        worker.request(wanted, ahead);
    }

    /** Worker thread: hands a result to the UI thread. */
    private void delivered(ShownImage s) {
        asyncUi(() -> {
            if (stack != null && stack.series().frames().contains(s.request().frame())) {
                install(s);
            }
        });
    }

    private void asyncUi(Runnable r) {
        if (!isDisposed()) {
            getDisplay().asyncExec(() -> {
                if (!isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private void install(ShownImage s) {
        if (shownImage != null) {
            shownImage.dispose();
            shownImage = null;
        }
        if (shownOverlay != null) {
            shownOverlay.dispose();
            shownOverlay = null;
        }
        shown = s;
        redraw();
        if (s != null) {
            for (Runnable r : shownListeners) {
                r.run();
            }
        }
    }

    // ------------------------------------------------------------------ painting

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.fillRectangle(area);
        ShownImage s = shown;
        if (s != null && s.image() != null) {
            if (shownImage == null) {
                shownImage = new Image(getDisplay(), s.image());
                shownOverlay = s.overlay() == null ? null : new Image(getDisplay(), s.overlay());
            }
            int w = s.image().width;
            int h = s.image().height;
            double scale = view.scale(area, w, h);
            int x = (int) view.originX(area, w, h);
            int y = (int) view.originY(area, w, h);
            int dw = (int) Math.round(w * scale);
            int dh = (int) Math.round(h * scale);
            for (Image img : new Image[] { shownImage, shownOverlay }) {
                if (img == null) {
                    continue;
                }
                if (dw == w && dh == h) {
                    gc.drawImage(img, x, y); // exact pixels at 100%
                } else {
                    gc.setInterpolation(SWT.LOW);
                    gc.drawImage(img, 0, 0, w, h, x, y, dw, dh);
                }
            }
            paintMeasurements(gc, s.request().frame().dataset());
        }
        paintAnnotations(gc, area);
        String m = message();
        if (m != null) {
            Point ext = gc.textExtent(m);
            int mx = area.x + Math.max(4, (area.width - ext.x) / 2);
            int my = area.y + (area.height - ext.y) / 2;
            shadowText(gc, m, mx, my, getDisplay().getSystemColor(SWT.COLOR_WHITE));
        }
    }

    private void paintMeasurements(GC gc, Attributes image) {
        gc.setLineWidth(1);
        for (Measurement m : measurements()) {
            Point a = imageToCanvas(m.x0(), m.y0());
            Point b = imageToCanvas(m.x1(), m.y1());
            gc.setForeground(measureColor);
            gc.drawLine(a.x, a.y, b.x, b.y);
            shadowText(gc, m.lengthText(image), b.x + 6, b.y - 6, measureColor);
        }
    }

    private void paintAnnotations(GC gc, Rectangle area) {
        Color white = getDisplay().getSystemColor(SWT.COLOR_WHITE);
        int lineHeight = gc.getFontMetrics().getHeight();
        int pad = 4;
        for (Corner c : Corner.values()) {
            List<String> lines = annotations(c);
            boolean right = c == Corner.TOP_RIGHT || c == Corner.BOTTOM_RIGHT;
            boolean bottom = c == Corner.BOTTOM_LEFT || c == Corner.BOTTOM_RIGHT;
            int y = bottom ? area.y + area.height - pad - lines.size() * lineHeight : area.y + pad;
            for (String line : lines) {
                int x = right ? area.x + area.width - pad - gc.textExtent(line).x : area.x + pad;
                shadowText(gc, line, x, y, white);
                y += lineHeight;
            }
        }
    }

    private void shadowText(GC gc, String text, int x, int y, Color color) {
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawText(text, x + 1, y + 1, true);
        gc.setForeground(color);
        gc.drawText(text, x, y, true);
    }

    private void disposed() {
        cine.stop();
        worker.close();
        install(null);
        measureColor.dispose();
    }
}
