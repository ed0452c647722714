package org.lightbox.viewer.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.io.DicomFile;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.PixelCodecs;
import org.lightbox.dicom.imageio.PixelData;
import org.lightbox.dicom.imageio.render.FrameRenderer;
import org.lightbox.dicom.imageio.render.GrayscaleSettings;
import org.lightbox.dicom.imageio.render.ImageVoi;
import org.lightbox.dicom.imageio.render.ModalityTransform;
import org.lightbox.dicom.imageio.render.ValueRange;
import org.lightbox.viewer.SeriesFrame;

/**
 * Decodes and renders frames on one background thread, so the UI thread only paints. The newest request wins:
 * a request replaces the one still waiting, so fast scrolling skips frames instead of queueing them. When idle
 * the worker prefetches the frames the canvas names (the neighbours), so stepping finds them ready. Small LRU
 * caches keep decoded frames (window/level changes re-render without decoding) and rendered ones.
 */
public final class FrameRenderWorker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FrameRenderWorker.class.getName());
    private static final int DECODED_CACHE = 8;
    private static final int RENDERED_CACHE = 8;

    /** A decoded frame with what rendering and the read-out need, or why it failed. */
    private record Decoded(FrameBuffer frame, ModalityTransform modality, ValueRange range,
            org.eclipse.swt.graphics.ImageData overlay, String error) {
    }

    private final Consumer<ShownImage> sink;
    private final Thread thread;
    private final Deque<Runnable> jobs = new ArrayDeque<>();
    private FrameRequest pending;
    private Deque<FrameRequest> prefetch = new ArrayDeque<>();
    private boolean closed;

    // worker thread only
    private final Map<SeriesFrame, Decoded> decoded = lru(DECODED_CACHE);
    private final Map<FrameRequest, ShownImage> rendered = lru(RENDERED_CACHE);
    private final Map<DicomFile, PixelData> pixelData = lru(2);

    /** {@code sink} receives each requested (not prefetched) result, on the worker thread. */
    public FrameRenderWorker(String name, Consumer<ShownImage> sink) {
        this.sink = sink;
        this.thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static <K, V> Map<K, V> lru(int size) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > size;
            }
        };
    }

    /** Asks for {@code request} (replacing any request not started yet), then the prefetch list when idle. */
    public synchronized void request(FrameRequest request, List<FrameRequest> prefetchThen) {
        pending = request;
        prefetch = new ArrayDeque<>(prefetchThen);
        notifyAll();
    }

    /** Runs {@code job} on the worker before any further rendering (opening a series, say). */
    public synchronized void execute(Runnable job) {
        jobs.add(job);
        notifyAll();
    }

    /** Forgets cached frames (a new series). Runs in order with the requests. */
    public void clearCaches() {
        execute(() -> {
            decoded.clear();
            rendered.clear();
            pixelData.clear();
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
        pending = null;
        prefetch.clear();
        jobs.clear();
        notifyAll();
    }

    private void loop() {
        while (true) {
            Runnable job;
            FrameRequest asked;
            FrameRequest ahead = null;
            synchronized (this) {
                while (!closed && jobs.isEmpty() && pending == null && prefetch.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                job = jobs.poll();
                asked = job == null ? pending : null;
                if (asked != null) {
                    pending = null;
                } else if (job == null) {
                    ahead = prefetch.poll();
                }
            }
            try {
                if (job != null) {
                    job.run();
                } else if (asked != null) {
                    sink.accept(render(asked));
                } else if (ahead != null) {
                    render(ahead);
                }
            } catch (RuntimeException | Error e) { // keep the worker alive whatever one frame does
                LOG.log(Level.ERROR, "viewer worker: " + e, e);
                if (asked != null) {
                    sink.accept(ShownImage.failed(asked, "internal error: " + e));
                }
            }
        }
    }

    /** The request's image, from the cache or freshly decoded and rendered. Worker thread only. */
    ShownImage render(FrameRequest r) {
        ShownImage done = rendered.get(r);
        if (done != null) {
            return done;
        }
        SeriesFrame f = r.frame();
        if (f.error() != null) {
            return ShownImage.failed(r, f.error());
        }
        Decoded d = decoded.get(f);
        if (d == null) {
            d = decode(f);
            decoded.put(f, d);
        }
        if (d.error != null) {
            return ShownImage.failed(r, d.error);
        }
        Attributes image = f.dataset();
        GrayscaleSettings applied = null;
        if (d.frame.format().photometric().isMonochrome()) {
            applied = (r.userSettings() != null ? r.userSettings() : imageDefault(image, d.range)).inverted(r.invert());
        }
        ShownImage s;
        try {
            s = new ShownImage(r, SwtImages.of(FrameRenderer.render(d.frame, image, applied)), d.overlay, d.frame,
                    d.modality, applied, d.range, null);
        } catch (RuntimeException e) { // a malformed LUT, an unsupported colour model
            s = ShownImage.failed(r, ErrorText.oneLine(e));
        }
        rendered.put(r, s);
        return s;
    }

    /** The image's own first window, else its first VOI LUT, else the frame's full range. */
    static GrayscaleSettings imageDefault(Attributes image, ValueRange range) {
        ImageVoi voi = ImageVoi.of(image);
        if (!voi.windows().isEmpty()) {
            ImageVoi.Window w = voi.windows().get(0);
            return GrayscaleSettings.window(w.center(), w.width()).withFunction(voi.function());
        }
        if (!voi.luts().isEmpty()) {
            return GrayscaleSettings.AUTOMATIC.withVoiLut(0);
        }
        return range.fullWindow();
    }

    private Decoded decode(SeriesFrame f) {
        TransferSyntax ts = f.transferSyntax();
        if (ts.encapsulated() && PixelCodecs.forTransferSyntax(ts.uid()) == null) {
            return failed("codec not supported: " + ts.name());
        }
        try {
            PixelData pd = pixelData.get(f.dicomFile());
            if (pd == null) {
                pd = PixelData.of(f.dataset(), ts);
                pixelData.put(f.dicomFile(), pd);
            }
            FrameBuffer fb = pd.frame(f.frame());
            Attributes image = f.dataset();
            boolean mono = fb.format().photometric().isMonochrome();
            ValueRange range = mono ? ValueRange.of(fb, image) : null;
            return new Decoded(fb, ModalityTransform.of(image), range,
                    OverlayPlanes.of(image, f.frame(), fb.format().columns(), fb.format().rows()), null);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "cannot show {0}: {1}", f, e.toString());
            return failed(ErrorText.oneLine(e));
        }
    }

    private static Decoded failed(String error) {
        return new Decoded(null, null, null, null, error);
    }
}
