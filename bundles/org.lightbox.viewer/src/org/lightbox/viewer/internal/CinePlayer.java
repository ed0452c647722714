package org.lightbox.viewer.internal;

import org.eclipse.swt.widgets.Control;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.viewer.ImageStack;

/**
 * Plays a stack as a movie on the UI thread's timer: the frames of the current multi-frame file (or the whole
 * series of single frames), looping, at the image's rate unless the user set one. The canvas's newest-wins worker
 * drops frames the machine cannot render in time, so cine never falls behind the clock.
 */
public final class CinePlayer {

    /** The rate used when the image states none. */
    public static final double DEFAULT_FPS = 10;

    private final Control control;
    private final Runnable tick = this::tick;
    private ImageStack stack;
    private double userFps = Double.NaN;
    private boolean playing;

    public CinePlayer(Control control) {
        this.control = control;
    }

    public void setStack(ImageStack s) {
        stop();
        stack = s;
    }

    /** Cine Rate (0018,0040), else 1000 / Frame Time (0018,1063) in ms, else {@value #DEFAULT_FPS}. */
    public static double imageRate(Attributes a) {
        if (a != null) {
            double rate = a.getDouble(Tag.CineRate, 0);
            if (rate > 0) {
                return rate;
            }
            double frameTime = a.getDouble(Tag.FrameTime, 0);
            if (frameTime > 0) {
                return 1000 / frameTime;
            }
        }
        return DEFAULT_FPS;
    }

    /** The rate in frames per second: the user's, else the current image's. */
    public double rate() {
        if (userFps > 0) {
            return userFps;
        }
        return imageRate(stack == null || stack.current() == null ? null : stack.current().dataset());
    }

    /** Sets the rate; NaN or 0 goes back to the image's. */
    public void setRate(double fps) {
        userFps = fps > 0 ? Math.min(fps, 120) : Double.NaN;
    }

    public boolean isPlaying() {
        return playing;
    }

    public void play() {
        if (playing || stack == null || stack.size() < 2) {
            return;
        }
        playing = true;
        control.getDisplay().timerExec(delay(), tick);
    }

    public void stop() {
        if (playing && !control.isDisposed()) {
            control.getDisplay().timerExec(-1, tick);
        }
        playing = false;
    }

    private int delay() {
        return (int) Math.max(1, Math.round(1000 / rate()));
    }

    private void tick() {
        if (!playing || control.isDisposed()) {
            return;
        }
        int[] range = stack.cineRange();
        int next = stack.index() + 1;
        stack.setIndex(next >= range[1] ? range[0] : next);
        control.getDisplay().timerExec(delay(), tick);
    }
}
