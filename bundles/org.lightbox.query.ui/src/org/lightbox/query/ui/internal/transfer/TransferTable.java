package org.lightbox.query.ui.internal.transfer;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.InstanceOutcome;
import org.lightbox.catalog.JobState;
import org.lightbox.query.transfer.TransferJob;
import org.lightbox.query.transfer.TransferListener;
import org.lightbox.query.transfer.TransferQueue;

/**
 * The transfer queue as a table: every send and retrieve with its state, instances done of total, size, rate,
 * attempts and last error; pause, resume, cancel and retry the selected jobs; the failed instances of the selected
 * job below. The queue reports each instance from its worker threads: those reports are collected and applied to
 * the table at most every {@value #COALESCE_MS} ms on the UI thread.
 */
public final class TransferTable extends Composite {
    static final int COALESCE_MS = 250;
    private static final int SHOWN = 500;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private final TransferQueue queue;
    private final TableViewer jobs;
    private final TableViewer failures;
    private final Label status;
    private final Button pause;
    private final Button resume;
    private final Button cancel;
    private final Button retry;
    private final Map<Long, TransferJob> shown = new LinkedHashMap<>();
    private final Map<Long, TransferJob> arrived = new ConcurrentHashMap<>();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final TransferListener listener = this::changed;
    private int flushes;
    private boolean refreshing;
    private long failuresOf = -1;

    public TransferTable(Composite parent, TransferQueue queue) {
        super(parent, SWT.NONE);
        this.queue = queue;
        setLayout(new GridLayout(1, false));
        Composite buttons = new Composite(this, SWT.NONE);
        buttons.setLayout(new RowLayout());
        pause = button(buttons, "Pause", queue::pause);
        resume = button(buttons, "Resume", queue::resume);
        cancel = button(buttons, "Cancel", queue::cancel);
        retry = button(buttons, "Retry", queue::retry);
        Button reload = new Button(buttons, SWT.PUSH);
        reload.setText("Refresh");
        reload.addListener(SWT.Selection, e -> reload());
        status = new Label(this, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        SashForm sash = new SashForm(this, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        jobs = new TableViewer(sash, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        jobs.getTable().setHeaderVisible(true);
        jobs.getTable().setLinesVisible(true);
        jobs.setContentProvider(ArrayContentProvider.getInstance());
        column(jobs, TransferJob.class, "#", 45, j -> Long.toString(j.id()));
        column(jobs, TransferJob.class, "Type", 60, TransferJob::type);
        column(jobs, TransferJob.class, "Description", 300, j -> j.description() == null ? "" : j.description());
        column(jobs, TransferJob.class, "State", 80, j -> stateText(j));
        column(jobs, TransferJob.class, "Done", 70, j -> j.done() + " / "
                + (j.total() > 0 ? Integer.toString(j.total()) : "?"));
        column(jobs, TransferJob.class, "MB", 60, j -> String.format(Locale.ROOT, "%.1f", j.bytes() / 1e6));
        column(jobs, TransferJob.class, "MB/s", 60, j -> j.state() == JobState.RUNNING
                ? String.format(Locale.ROOT, "%.1f", j.megabytesPerSecond()) : "");
        column(jobs, TransferJob.class, "Attempts", 60, j -> Integer.toString(j.attempts()));
        column(jobs, TransferJob.class, "Updated", 70, j -> j.updated() == null ? "" : TIME.format(j.updated()));
        column(jobs, TransferJob.class, "Error", 300, j -> j.error() == null || j.state() == JobState.COMPLETED ? ""
                : j.error());
        jobs.addSelectionChangedListener(e -> selectionChanged());

        failures = new TableViewer(sash, SWT.FULL_SELECTION | SWT.BORDER);
        failures.getTable().setHeaderVisible(true);
        failures.setContentProvider(ArrayContentProvider.getInstance());
        column(failures, InstanceOutcome.class, "Failed instance", 260, o -> o.sopInstanceUid());
        column(failures, InstanceOutcome.class, "Study", 200, o -> o.studyUid() == null ? "" : o.studyUid());
        column(failures, InstanceOutcome.class, "Reason", 360, o -> o.reason() == null ? "" : o.reason());
        column(failures, InstanceOutcome.class, "Time", 70, o -> TIME.format(o.time()));
        sash.setWeights(3, 1);

        queue.addListener(listener);
        addDisposeListener(e -> queue.removeListener(listener));
        selectionChanged();
        reload();
    }

    private static <T> void column(TableViewer v, Class<T> type, String title, int width,
            Function<T, String> text) {
        TableViewerColumn c = new TableViewerColumn(v, SWT.LEFT);
        c.getColumn().setText(title);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return type.isInstance(element) ? text.apply(type.cast(element)) : "";
            }
        });
    }

    private static String stateText(TransferJob j) {
        String s = j.state().name().toLowerCase(Locale.ROOT);
        if (j.state() == JobState.PENDING && j.attempts() > 0 && j.nextAttempt() != null) {
            return s + ", retry " + TIME.format(j.nextAttempt());
        }
        return s;
    }

    @FunctionalInterface
    private interface JobAction {
        boolean apply(long id) throws CatalogException;
    }

    private Button button(Composite parent, String text, JobAction action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> apply(text, action));
        return b;
    }

    private void apply(String what, JobAction action) {
        int changed = 0;
        try {
            for (TransferJob j : selection()) {
                if (action.apply(j.id())) {
                    changed++;
                }
            }
            status.setText(what + ": " + changed + " job(s)");
        } catch (CatalogException e) {
            status.setText(what + " failed: " + e.getMessage());
        }
    }

    public TableViewer jobsViewer() {
        return jobs;
    }

    public TableViewer failuresViewer() {
        return failures;
    }

    /** The rows shown, newest first. */
    public List<TransferJob> shown() {
        return new ArrayList<>(shown.values());
    }

    /** How many times collected updates were applied (each covers any number of reports). */
    public int flushes() {
        return flushes;
    }

    public String status() {
        return status.getText();
    }

    public List<TransferJob> selection() {
        List<TransferJob> out = new ArrayList<>();
        for (Object o : jobs.getStructuredSelection().toList()) {
            out.add((TransferJob) o);
        }
        return out;
    }

    /** Reads the newest jobs from the queue again, off the UI thread. */
    public void reload() {
        Job.create("Reading the transfer queue", m -> {
            try {
                List<TransferJob> all = queue.jobs(Set.of(), SHOWN);
                all.forEach(j -> arrived.merge(j.id(), j, TransferTable::newer));
                scheduleFlush(0);
            } catch (CatalogException e) {
                if (!isDisposed()) {
                    getDisplay().asyncExec(() -> {
                        if (!status.isDisposed()) {
                            status.setText("Cannot read the transfer queue: " + e.getMessage());
                        }
                    });
                }
            }
        }).schedule();
    }

    /** Keeps the later of two reports of one job. */
    private static TransferJob newer(TransferJob a, TransferJob b) {
        if (a.updated() == null || b.updated() == null) {
            return b;
        }
        return b.updated().isBefore(a.updated()) ? a : b;
    }

    /** On a queue thread: collect, and make sure one flush is coming. */
    private void changed(TransferJob job) {
        arrived.merge(job.id(), job, TransferTable::newer);
        scheduleFlush(COALESCE_MS);
    }

    private void scheduleFlush(int delayMs) {
        if (isDisposed() || !flushScheduled.compareAndSet(false, true)) {
            return;
        }
        getDisplay().asyncExec(() -> {
            if (isDisposed()) {
                return;
            }
            getDisplay().timerExec(delayMs, this::flush);
        });
    }

    private void flush() {
        flushScheduled.set(false);
        if (isDisposed() || arrived.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(arrived.keySet());
        for (Long id : ids) {
            TransferJob j = arrived.remove(id);
            if (j != null) {
                shown.merge(id, j, TransferTable::newer);
            }
        }
        List<TransferJob> sorted = new ArrayList<>(shown.values());
        sorted.sort(Comparator.comparingLong(TransferJob::id).reversed());
        shown.clear();
        for (TransferJob j : sorted.subList(0, Math.min(SHOWN, sorted.size()))) {
            shown.put(j.id(), j);
        }
        List<Long> selected = selection().stream().map(TransferJob::id).toList();
        refreshing = true;
        try {
            jobs.setInput(shown.values().toArray());
            List<TransferJob> reselect = selected.stream().map(shown::get).filter(j -> j != null).toList();
            jobs.setSelection(new StructuredSelection(reselect));
        } finally {
            refreshing = false;
        }
        updateButtons();
        if (selected.size() == 1 && ids.contains(selected.get(0))) {
            showFailures(selected.get(0)); // the job changed: its failures may have too
        }
        flushes++;
    }

    private void selectionChanged() {
        if (refreshing) {
            return;
        }
        updateButtons();
        List<TransferJob> sel = selection();
        showFailures(sel.size() == 1 ? sel.get(0).id() : -1);
    }

    private void updateButtons() {
        List<TransferJob> sel = selection();
        pause.setEnabled(sel.stream().anyMatch(j -> j.state() == JobState.PENDING || j.state() == JobState.RUNNING));
        resume.setEnabled(sel.stream().anyMatch(j -> j.state() == JobState.PAUSED));
        cancel.setEnabled(sel.stream().anyMatch(j -> !j.state().isFinal()));
        retry.setEnabled(sel.stream().anyMatch(j -> j.state() == JobState.FAILED || j.state() == JobState.CANCELED));
    }

    /** Reads the failed instances of one job (off the UI thread) into the details table. */
    private void showFailures(long id) {
        failuresOf = id;
        if (id < 0) {
            failures.setInput(new Object[0]);
            return;
        }
        Job.create("Reading the failures of transfer job " + id, m -> {
            List<InstanceOutcome> f;
            try {
                f = queue.failures(id);
            } catch (CatalogException e) {
                f = List.of();
            }
            List<InstanceOutcome> read = f;
            if (!isDisposed()) {
                getDisplay().asyncExec(() -> {
                    if (!failures.getTable().isDisposed() && failuresOf == id) {
                        failures.setInput(read.toArray());
                    }
                });
            }
        }).schedule();
    }
}
