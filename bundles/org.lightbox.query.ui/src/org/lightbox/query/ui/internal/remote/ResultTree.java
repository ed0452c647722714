package org.lightbox.query.ui.internal.remote;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.ITreeViewerListener;
import org.eclipse.jface.viewers.TreeExpansionEvent;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.query.Cancellation;

/**
 * The results of a remote search as a tree: studies, their series, the series' instances. A study or series shows
 * a placeholder until its children were read by a further C-FIND, which starts when the row is first expanded and
 * runs in a job (cancel it in the Progress view: C-CANCEL is sent).
 */
public final class ResultTree extends Composite {
    private static final String JOB_FAMILY = "org.lightbox.query.ui.remote.expand";

    /** What an unread or failed row shows as its only child. */
    record Placeholder(RemoteNode parent, String text) {
    }

    private final TreeViewer viewer;
    private final Set<RemoteNode> reading = new HashSet<>();
    private RemoteSearch search;
    private List<RemoteNode> studies = List.of();

    public ResultTree(Composite parent) {
        super(parent, SWT.NONE);
        setLayout(new FillLayout());
        viewer = new TreeViewer(this, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        viewer.getTree().setHeaderVisible(true);
        viewer.getTree().setLinesVisible(true);
        viewer.setUseHashlookup(true);
        for (ResultColumn c : ResultColumn.ALL) {
            TreeViewerColumn col = new TreeViewerColumn(viewer, SWT.LEFT);
            col.getColumn().setText(c.title());
            col.getColumn().setWidth(c.width());
            col.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    if (element instanceof RemoteNode n) {
                        return c.text(n);
                    }
                    return c == ResultColumn.ALL.get(0) && element instanceof Placeholder p ? p.text() : "";
                }
            });
        }
        viewer.setContentProvider(new Content());
        viewer.setInput(this);
        viewer.addTreeListener(new ITreeViewerListener() {
            @Override
            public void treeCollapsed(TreeExpansionEvent e) {
                if (e.getElement() instanceof RemoteNode n && n.error() != null) {
                    n.failed(null); // expanding it again tries again
                    getDisplay().asyncExec(() -> {
                        if (!viewer.getControl().isDisposed()) {
                            viewer.refresh(n);
                        }
                    });
                }
            }

            @Override
            public void treeExpanded(TreeExpansionEvent e) {
                // children are read by the content provider
            }
        });
        addDisposeListener(e -> Job.getJobManager().cancel(familyOf()));
    }

    public TreeViewer viewer() {
        return viewer;
    }

    /** Shows the studies of a search; their children are read through {@code by} when expanded. */
    public void show(RemoteSearch by, List<Attributes> matches) {
        Job.getJobManager().cancel(familyOf());
        reading.clear();
        search = by;
        List<RemoteNode> rows = new ArrayList<>();
        for (Attributes m : matches) {
            rows.add(new RemoteNode(QueryLevel.STUDY, m, null));
        }
        studies = List.copyOf(rows);
        viewer.refresh();
    }

    /** The search the rows came from, or {@code null} before the first. */
    public RemoteSearch search() {
        return search;
    }

    public List<RemoteNode> studies() {
        return studies;
    }

    /** The selected study, series and instance rows. */
    public List<RemoteNode> selection() {
        List<RemoteNode> out = new ArrayList<>();
        for (Object o : viewer.getStructuredSelection().toList()) {
            if (o instanceof RemoteNode n) {
                out.add(n);
            }
        }
        return out;
    }

    /** True while children are being read. */
    public boolean reading() {
        return !reading.isEmpty();
    }

    private Object familyOf() {
        return this;
    }

    /** Starts reading the children of {@code row} unless it is under way. */
    private void read(RemoteNode row) {
        RemoteSearch by = search;
        if (by == null || !reading.add(row)) {
            return;
        }
        Cancellation cancellation = new Cancellation();
        Job job = new Job("Reading the " + (row.level() == QueryLevel.STUDY ? "series" : "instances") + " of "
                + row.uid()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                List<Attributes> found;
                String error = null;
                try {
                    found = by.children(row, cancellation);
                } catch (Exception e) {
                    found = null;
                    error = e.getMessage() == null ? e.toString() : e.getMessage();
                }
                List<Attributes> result = found;
                String why = error;
                if (!isDisposed()) {
                    getDisplay().asyncExec(() -> arrived(by, row, result, why));
                }
                return cancellation.isCancelled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
            }

            @Override
            protected void canceling() {
                cancellation.cancel();
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == familyOf();
            }
        };
        job.setUser(false);
        job.schedule();
    }

    private void arrived(RemoteSearch by, RemoteNode row, List<Attributes> found, String error) {
        if (isDisposed() || by != search) {
            return; // a new search replaced the tree meanwhile
        }
        reading.remove(row);
        if (found == null) {
            row.failed(error);
        } else {
            QueryLevel level = row.level() == QueryLevel.STUDY ? QueryLevel.SERIES : QueryLevel.IMAGE;
            List<RemoteNode> kids = new ArrayList<>();
            for (Attributes m : found) {
                kids.add(new RemoteNode(level, m, row));
            }
            row.children(kids);
        }
        viewer.refresh(row);
    }

    /** Studies at the top; children read lazily. */
    private final class Content implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return studies.toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            if (!(parent instanceof RemoteNode n) || !n.hasChildren()) {
                return new Object[0];
            }
            if (n.children() != null) {
                return n.children().toArray();
            }
            if (n.error() != null && !reading.contains(n)) {
                return new Object[] { new Placeholder(n, "Failed: " + n.error()) };
            }
            read(n);
            return new Object[] { new Placeholder(n, "Reading...") };
        }

        @Override
        public Object getParent(Object element) {
            return element instanceof RemoteNode n ? n.parent() : element instanceof Placeholder p ? p.parent()
                    : null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof RemoteNode n && n.hasChildren() && search != null
                    && search.model().has(n.level() == QueryLevel.STUDY ? QueryLevel.SERIES : QueryLevel.IMAGE)
                    && (n.children() == null || !n.children().isEmpty());
        }
    }
}
