package org.lightbox.viewer.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobFunction;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.ui.part.ViewPart;
import org.lightbox.viewer.ImageCanvas;
import org.lightbox.viewer.Series;
import org.lightbox.viewer.Viewer;
import org.lightbox.viewer.WindowPreset;

/**
 * The Viewer view: an {@link ImageCanvas} with a toolbar (fit, actual size, invert, reset, cine) and a pull-down
 * of window presets. Series are read in a Job with progress and cancel, then handed to the canvas.
 */
public class ImageView extends ViewPart {

    public static final String ID = Viewer.IMAGE_VIEW_ID;

    private ImageCanvas canvas;
    private Job opening;

    @Override
    public void createPartControl(Composite parent) {
        canvas = new ImageCanvas(parent, SWT.NONE);
        IToolBarManager tb = getViewSite().getActionBars().getToolBarManager();
        tb.add(action("Fit", "Fit the image to the view (F)", canvas::fit));
        tb.add(action("1:1", "One image pixel per screen pixel (1)", canvas::actualSize));
        Action invert = new Action("Invert", IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                canvas.setInvert(isChecked());
            }
        };
        invert.setToolTipText("Show the negative (I)");
        tb.add(invert);
        tb.add(action("Reset", "Window, zoom and inversion back to the image's own (R)", () -> {
            canvas.reset();
            invert.setChecked(false);
        }));
        tb.add(new Separator());
        tb.add(action("Play", "Cine play / pause (Space)", () -> {
            if (canvas.isPlaying()) {
                canvas.pause();
            } else {
                canvas.play();
            }
        }));
        IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        MenuManager windows = new MenuManager("Window Presets");
        windows.setRemoveAllWhenShown(true);
        windows.addMenuListener(m -> {
            for (WindowPreset p : canvas.presets()) {
                m.add(action(p.label(), null, () -> canvas.applyPreset(p)));
            }
            m.add(new Separator());
            m.add(action("Image Window", "The image's own window", canvas::useImageWindow));
        });
        menu.add(windows);
        MenuManager rates = new MenuManager("Cine Rate");
        rates.add(action("From the Image", null, () -> canvas.setCineRate(Double.NaN)));
        for (int fps : new int[] { 5, 10, 15, 25, 30, 60 }) {
            rates.add(action(fps + " fps", null, () -> canvas.setCineRate(fps)));
        }
        menu.add(rates);
        canvas.addShownListener(() -> setContentDescription(describe()));
    }

    private String describe() {
        var f = canvas.shownFrame();
        return f == null ? "" : f.file().getFileName().toString();
    }

    private static Action action(String text, String tooltip, Runnable run) {
        Action a = new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
        a.setToolTipText(tooltip);
        return a;
    }

    /** Reads {@code files} in a job, then shows them. */
    public void open(List<Path> files) {
        if (opening != null) {
            opening.cancel();
        }
        List<Path> paths = List.copyOf(files);
        Job job = Job.create("Opening images", (IJobFunction) monitor -> read(paths, monitor));
        job.setUser(true);
        opening = job;
        job.schedule();
    }

    private IStatus read(List<Path> paths, IProgressMonitor monitor) {
        monitor.beginTask("Reading image headers", IProgressMonitor.UNKNOWN);
        try {
            Series s = Series.open(paths, (done, total) -> {
                monitor.subTask(done + " of " + total + " files");
                return monitor.isCanceled();
            });
            canvas.getDisplay().asyncExec(() -> {
                if (!canvas.isDisposed()) {
                    canvas.setSeries(s);
                    canvas.setFocus();
                }
            });
            return Status.OK_STATUS;
        } catch (CancellationException e) {
            return Status.CANCEL_STATUS;
        } catch (Exception e) {
            // the canvas says what went wrong: no error dialog
            canvas.getDisplay().asyncExec(() -> {
                if (!canvas.isDisposed()) {
                    canvas.open(paths);
                }
            });
            return Status.OK_STATUS;
        } finally {
            monitor.done();
        }
    }

    public ImageCanvas canvas() {
        return canvas;
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }
}
