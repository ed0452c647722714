package org.lightbox.storage.ui.internal.activity;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerFilter;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.lightbox.catalog.ActivityLog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.NodeEvent;
import org.lightbox.storage.NodeListener;

/**
 * A log of the catalog's {@link ActivityLog} as a table, newest first, with a filter box. The node's events that
 * may have added lines mark it stale; a {@link CoalescedRefresh} then reads only the lines newer than those shown
 * (in the background) and puts them on top, so a busy node never costs one UI update per event.
 */
final class ActivityTable<T> extends Composite {

    /** Reads lines with {@code time >= from} ({@code null}: any), newest first, at most {@code limit} (0: all). */
    @FunctionalInterface
    interface Query<T> {
        List<T> read(ActivityLog log, Instant from, int limit) throws CatalogException;
    }

    /** How many lines the table keeps (the oldest fall off); the full log stays in the catalog. */
    static final int MAX_ROWS = 2000;
    private static final long REFRESH_MILLIS = 300;

    private final LocalNode local;
    private final Display display;
    private final List<LogColumn<T>> columns;
    private final Query<T> query;
    private final ToLongFunction<T> id;
    private final Function<T, Instant> time;
    private final Predicate<NodeEvent> trigger;
    private final Text filter;
    private final Label status;
    private final TableViewer viewer;
    private final List<T> rows = new ArrayList<>(); // UI thread only, newest first
    private final CoalescedRefresh refresh;
    private final NodeListener listener;
    private volatile boolean listening;
    // the refresh job's own state: where the next read starts, and the lines already read at that instant
    private Instant newest;
    private final Set<Long> atNewest = new HashSet<>();

    ActivityTable(Composite parent, LocalNode local, String name, List<LogColumn<T>> columns, Query<T> query,
            ToLongFunction<T> id, Function<T, Instant> time, Predicate<NodeEvent> trigger) {
        super(parent, SWT.NONE);
        this.local = local;
        this.display = parent.getDisplay();
        this.columns = List.copyOf(columns);
        this.query = query;
        this.id = id;
        this.time = time;
        this.trigger = trigger;
        setLayout(new GridLayout(2, false));

        filter = new Text(this, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("Filter (any column)");
        filter.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        status = new Label(this, SWT.NONE);
        status.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false));

        viewer = new TableViewer(this, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        Table table = viewer.getTable();
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        for (LogColumn<T> c : this.columns) {
            TableViewerColumn vc = new TableViewerColumn(viewer, SWT.LEFT);
            vc.getColumn().setText(c.title());
            vc.getColumn().setWidth(c.width());
            vc.setLabelProvider(new ColumnLabelProvider() {
                @SuppressWarnings("unchecked")
                @Override
                public String getText(Object element) {
                    return c.of((T) element);
                }
            });
        }
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        viewer.addFilter(new ViewerFilter() {
            @SuppressWarnings("unchecked")
            @Override
            public boolean select(Viewer v, Object parentElement, Object element) {
                return matches((T) element);
            }
        });
        viewer.setInput(rows);
        filter.addListener(SWT.Modify, e -> {
            viewer.refresh();
            showCount(null);
        });

        refresh = new CoalescedRefresh(name, REFRESH_MILLIS, this::readNewLines);
        listener = e -> {
            if (this.trigger.test(e)) {
                refresh.request();
            }
        };
        addListener(SWT.Dispose, e -> disposed());
        status.setText("reading...");
        refresh.now();
    }

    private boolean matches(T row) {
        String f = filter.getText().strip().toLowerCase(Locale.ROOT);
        if (f.isEmpty()) {
            return true;
        }
        for (LogColumn<T> c : columns) {
            if (c.of(row).toLowerCase(Locale.ROOT).contains(f)) {
                return true;
            }
        }
        return false;
    }

    /** In the refresh job: the lines not shown yet (the first time, the latest {@link #MAX_ROWS}). */
    private void readNewLines() {
        if (!listening) {
            local.addListener(listener); // may wait while the node starts: never on the UI thread
            listening = true;
        }
        List<T> fresh = new ArrayList<>();
        String problem = null;
        try {
            List<T> read = query.read(local.catalog().activityLog(), newest, newest == null ? MAX_ROWS : 0);
            for (T row : read) {
                Instant t = time.apply(row);
                if (newest == null || t.isAfter(newest) || !atNewest.contains(id.applyAsLong(row))) {
                    fresh.add(row);
                }
            }
            if (!read.isEmpty()) {
                Instant top = time.apply(read.get(0));
                if (newest == null || top.isAfter(newest)) {
                    newest = top;
                    atNewest.clear();
                }
                for (T row : read) {
                    if (time.apply(row).equals(newest)) {
                        atNewest.add(id.applyAsLong(row));
                    }
                }
            }
        } catch (CatalogException | IOException | RuntimeException e) {
            problem = "cannot read the log: " + e.getMessage();
        }
        String why = problem;
        if (!display.isDisposed()) {
            display.asyncExec(() -> prepend(fresh, why));
        }
    }

    private void prepend(List<T> fresh, String problem) {
        if (isDisposed()) {
            return;
        }
        if (!fresh.isEmpty()) {
            rows.addAll(0, fresh);
            if (rows.size() > MAX_ROWS) {
                rows.subList(MAX_ROWS, rows.size()).clear();
            }
            viewer.refresh();
        }
        showCount(problem);
    }

    private void showCount(String problem) {
        if (problem != null) {
            status.setText(problem);
        } else {
            int shown = viewer.getTable().getItemCount();
            status.setText(shown == rows.size() ? rows.size() + " line(s)" : shown + " of " + rows.size()
                    + " line(s)");
        }
        layout(true);
    }

    private void disposed() {
        refresh.close();
        if (listening) {
            Job.create("Activity log", m -> {
                local.removeListener(listener);
            }).schedule();
        }
    }

    Table table() {
        return viewer.getTable();
    }

    Text filterText() {
        return filter;
    }

    String statusText() {
        return status.getText();
    }

    @Override
    public boolean setFocus() {
        return filter.setFocus();
    }
}
