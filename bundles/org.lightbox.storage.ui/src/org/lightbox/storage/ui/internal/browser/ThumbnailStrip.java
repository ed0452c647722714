package org.lightbox.storage.ui.internal.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StudyRecord;

/**
 * The series of the selected study as a row of thumbnails (double-click opens one in the viewer). The catalog
 * read and the rendering run in a job, thumbnails cached; selecting another study cancels the job of the last.
 */
final class ThumbnailStrip extends Composite {

    static final int SIZE = 64;
    private static final System.Logger LOG = System.getLogger(ThumbnailStrip.class.getName());

    /** One series' cell: the picture (a text until rendered) and its caption. */
    record Cell(SeriesRecord series, Label picture, Label caption) {
    }

    private final StudyFiles files;
    private final ThumbnailCache cache;
    private final Consumer<SeriesRecord> open;
    private final ScrolledComposite scroller;
    private final Composite row;
    private final Map<String, Cell> cells = new LinkedHashMap<>();
    private final List<Image> images = new ArrayList<>();
    private String studyUid;
    private String shownKey;
    private Job job;

    ThumbnailStrip(Composite parent, StudyFiles files, ThumbnailCache cache, Consumer<SeriesRecord> open) {
        super(parent, SWT.NONE);
        this.files = files;
        this.cache = cache;
        this.open = open;
        setLayout(new GridLayout());
        ((GridLayout) getLayout()).marginWidth = 0;
        ((GridLayout) getLayout()).marginHeight = 0;
        scroller = new ScrolledComposite(this, SWT.H_SCROLL);
        scroller.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        row = new Composite(scroller, SWT.NONE);
        RowLayout layout = new RowLayout(SWT.HORIZONTAL);
        layout.wrap = false;
        layout.spacing = 6;
        row.setLayout(layout);
        scroller.setContent(row);
        scroller.setExpandVertical(true);
        addDisposeListener(e -> {
            cancel();
            disposeImages();
        });
    }

    /** The series shown (the study's, once read), with their cells. UI thread. */
    List<Cell> cells() {
        return List.copyOf(cells.values());
    }

    String studyUid() {
        return studyUid;
    }

    /** True while series are read or thumbnails rendered. */
    boolean isBusy() {
        Job j = job;
        return j != null && j.getState() != Job.NONE;
    }

    /**
     * Shows the series of study {@code uid} (or nothing for {@code null}); {@code study} is its row (its image
     * count tells when the study grew and the strip must follow), {@code knownSeries} its series when already read.
     * UI thread.
     */
    void showStudy(String uid, StudyRecord study, List<SeriesRecord> knownSeries) {
        String key = uid == null ? null : uid + "/" + (study == null ? -1 : study.numberOfInstances());
        if (key != null && key.equals(shownKey)) {
            return;
        }
        cancel();
        shownKey = key;
        studyUid = uid;
        clear();
        if (uid == null) {
            return;
        }
        Job j = new Job("Thumbnails of study " + uid) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return render(uid, knownSeries, monitor);
            }
        };
        j.setSystem(true);
        j.setPriority(Job.DECORATE);
        job = j;
        j.schedule();
    }

    private IStatus render(String uid, List<SeriesRecord> knownSeries, IProgressMonitor monitor) {
        List<SeriesRecord> series = knownSeries;
        try {
            if (series == null) {
                series = files.series(uid);
            }
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read the series of " + uid + ": " + e.getMessage());
            return Status.OK_STATUS;
        }
        List<SeriesRecord> all = series;
        ui(() -> layoutCells(uid, all));
        for (SeriesRecord s : all) {
            if (monitor.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            ImageData d = cache.get(s);
            String error = null;
            if (d == null) {
                try {
                    Path middle = files.middleOfSeries(s.seriesUid());
                    if (middle == null) {
                        error = "no file";
                    } else {
                        d = ThumbnailRenderer.render(middle, SIZE);
                        cache.put(s, d);
                    }
                } catch (Exception e) {
                    error = e.getMessage();
                }
            }
            ImageData picture = d;
            String why = error;
            ui(() -> setPicture(uid, s, picture, why));
        }
        return Status.OK_STATUS;
    }

    private void ui(Runnable r) {
        if (!isDisposed()) {
            getDisplay().asyncExec(() -> {
                if (!isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private void layoutCells(String uid, List<SeriesRecord> series) {
        if (!uid.equals(studyUid)) {
            return;
        }
        clear();
        for (SeriesRecord s : series) {
            Composite cell = new Composite(row, SWT.NONE);
            GridLayout g = new GridLayout();
            g.marginWidth = 0;
            g.marginHeight = 0;
            cell.setLayout(g);
            Label picture = new Label(cell, SWT.CENTER | SWT.BORDER);
            picture.setText("...");
            picture.setLayoutData(new GridData(SIZE + 4, SIZE + 4));
            Label caption = new Label(cell, SWT.CENTER);
            caption.setText((s.seriesNumber() == null ? "" : "#" + s.seriesNumber() + " ")
                    + DisplayText.text(s.modality()) + " (" + s.numberOfInstances() + ")");
            caption.setLayoutData(new GridData(SWT.CENTER, SWT.TOP, false, false));
            String tip = BrowserColumn.NAME.text(s);
            for (Control c : new Control[] { cell, picture, caption }) {
                c.setToolTipText(tip);
                c.addListener(SWT.MouseDoubleClick, e -> open.accept(s));
            }
            cells.put(s.seriesUid(), new Cell(s, picture, caption));
        }
        row.setSize(row.computeSize(SWT.DEFAULT, SWT.DEFAULT));
        scroller.setMinSize(row.getSize());
        row.layout(true, true);
    }

    private void setPicture(String uid, SeriesRecord s, ImageData data, String error) {
        Cell c = cells.get(s.seriesUid());
        if (!uid.equals(studyUid) || c == null || c.picture().isDisposed()) {
            return;
        }
        if (data != null) {
            Image img = new Image(getDisplay(), data);
            images.add(img);
            c.picture().setText("");
            c.picture().setImage(img);
        } else {
            c.picture().setText("no preview");
            c.picture().setToolTipText(error);
        }
        c.picture().getParent().layout(true);
    }

    private void clear() {
        for (Control c : row.getChildren()) {
            c.dispose();
        }
        cells.clear();
        disposeImages();
    }

    private void disposeImages() {
        for (Image i : images) {
            i.dispose();
        }
        images.clear();
    }

    private void cancel() {
        if (job != null) {
            job.cancel();
            job = null;
        }
    }
}
