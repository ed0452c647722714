package org.lightbox.viewer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * A cursor over a {@link Series}: the index of the frame on display. Moves are clamped to the series; listeners
 * hear every change of index. Meant for the UI thread.
 */
public final class ImageStack {

    private final Series series;
    private final List<IntConsumer> listeners = new CopyOnWriteArrayList<>();
    private int index;

    public ImageStack(Series series) {
        this.series = series;
    }

    public Series series() {
        return series;
    }

    public int size() {
        return series.size();
    }

    /** The current index, 0-based; 0 for an empty series. */
    public int index() {
        return index;
    }

    /** The current frame, or {@code null} for an empty series. */
    public SeriesFrame current() {
        return series.isEmpty() ? null : series.get(index);
    }

    /** Moves to {@code i} clamped to the series; returns whether the index changed. */
    public boolean setIndex(int i) {
        int clamped = Math.max(0, Math.min(series.size() - 1, i));
        if (clamped == index || series.isEmpty()) {
            return false;
        }
        index = clamped;
        for (IntConsumer l : listeners) {
            l.accept(index);
        }
        return true;
    }

    public boolean step(int delta) {
        return setIndex(index + delta);
    }

    public boolean first() {
        return setIndex(0);
    }

    public boolean last() {
        return setIndex(series.size() - 1);
    }

    /**
     * The range of indexes [from, to) holding the frames of the current frame's file: the span cine cycles through
     * for a multi-frame image; the whole series for single-frame files.
     */
    public int[] cineRange() {
        SeriesFrame f = current();
        if (f == null || f.frameCount() <= 1) {
            return new int[] { 0, series.size() };
        }
        int from = index;
        while (from > 0 && series.get(from - 1).file().equals(f.file())) {
            from--;
        }
        int to = index + 1;
        while (to < series.size() && series.get(to).file().equals(f.file())) {
            to++;
        }
        return new int[] { from, to };
    }

    public void addListener(IntConsumer l) {
        listeners.add(l);
    }

    public void removeListener(IntConsumer l) {
        listeners.remove(l);
    }
}
