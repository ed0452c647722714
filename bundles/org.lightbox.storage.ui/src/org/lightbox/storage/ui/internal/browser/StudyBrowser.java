package org.lightbox.storage.ui.internal.browser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeViewerListener;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeExpansionEvent;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StudyRecord;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.NodeEvent;
import org.lightbox.storage.NodeListener;

/**
 * The Local Studies browser: a search bar, the tree of patients, studies and series of the node's catalog, the
 * thumbnails of the selected study and a status line. Everything that reads or changes the catalog runs in jobs;
 * the UI thread only shows answers. While the node receives, the list refreshes at most a few times a second
 * however many instances arrive (events only schedule a refresh that is already pending). Needs no workbench:
 * {@link StudyBrowserView} puts it in one.
 */
public final class StudyBrowser extends Composite {

    /** How long a refresh waits for more events after the first one. */
    static final long LIVE_DELAY_MS = 300;

    private final LocalNode node;
    private final BrowserHost host;
    private final StudyFiles files;
    private final SearchBar searchBar;
    private final TreeViewer viewer;
    private final BrowserContent content;
    private final BrowserSorter sorter = new BrowserSorter();
    private final ThumbnailStrip thumbnails;
    private final Label status;
    private final BrowserActions actions;
    private final MenuManager contextMenu;
    private final StudyCommands commands;
    private final NodeListener listener = this::nodeEvent;
    /** Studies whose series the refresh reads too (expanded ones). */
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final Queue<String> seriesWanted = new ConcurrentLinkedQueue<>();
    private final Set<String> seriesQueued = ConcurrentHashMap.newKeySet();
    private final Job refreshJob;
    private final Job seriesJob;
    private volatile StudySearch search = StudySearch.ALL;
    private volatile BrowserSnapshot shown = BrowserSnapshot.EMPTY;
    private int refreshesShown;

    public StudyBrowser(Composite parent, LocalNode node, BrowserHost host) {
        super(parent, SWT.NONE);
        this.node = node;
        this.host = host;
        this.files = new StudyFiles(node);
        this.commands = new StudyCommands(this, node, host, files);
        setLayout(new GridLayout());
        actions = new BrowserActions(this);
        actions.toolBar(this).setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        searchBar = new SearchBar(this, this::searchFromBar);
        searchBar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        SashForm sash = new SashForm(this, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        content = new BrowserContent(this::wantSeries);
        viewer = createTree(sash);
        thumbnails = new ThumbnailStrip(sash, files, new ThumbnailCache(512), this::openSeries);
        sash.setWeights(4, 1);
        status = new Label(this, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        contextMenu = actions.contextMenu(viewer);
        new FileDrop(viewer.getTree(), this::importPaths);

        refreshJob = new Job("Reading the study list") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return readList(monitor);
            }
        };
        refreshJob.setSystem(true);
        seriesJob = new Job("Reading series") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return readSeries(monitor);
            }
        };
        seriesJob.setSystem(true);
        node.addListener(listener);
        addDisposeListener(e -> {
            node.removeListener(listener);
            refreshJob.cancel();
            seriesJob.cancel();
        });
        actions.update(StructuredSelection.EMPTY);
        refresh();
    }

    private TreeViewer createTree(Composite parent) {
        TreeViewer v = new TreeViewer(parent, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER);
        Tree tree = v.getTree();
        tree.setHeaderVisible(true);
        tree.setLinesVisible(true);
        for (BrowserColumn c : BrowserColumn.values()) {
            TreeColumn tc = new TreeColumn(tree, c.numeric ? SWT.RIGHT : SWT.LEFT);
            tc.setText(c.header);
            tc.setWidth(c.width);
            tc.setMoveable(c != BrowserColumn.NAME);
            tc.addListener(SWT.Selection, e -> sortBy(c));
        }
        tree.setSortColumn(tree.getColumn(sorter.column().ordinal()));
        tree.setSortDirection(sorter.ascending() ? SWT.UP : SWT.DOWN);
        v.setUseHashlookup(true);
        v.setComparer(new BrowserContent.Identity());
        v.setContentProvider(content);
        v.setLabelProvider(new BrowserLabels(getDisplay()));
        v.setComparator(sorter);
        v.setInput("catalog");
        v.addTreeListener(new ITreeViewerListener() {
            @Override
            public void treeExpanded(TreeExpansionEvent e) {
                if (e.getElement() instanceof StudyRecord s) {
                    open.add(s.studyUid());
                }
            }

            @Override
            public void treeCollapsed(TreeExpansionEvent e) {
                if (e.getElement() instanceof StudyRecord s) {
                    open.remove(s.studyUid());
                }
            }
        });
        v.addSelectionChangedListener(e -> selectionChanged((IStructuredSelection) e.getSelection()));
        tree.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.DEL && e.stateMask == 0) {
                deleteSelection(); // Enter opens: JFace reports it as a double-click
            }
        });
        v.addDoubleClickListener(e -> {
            Object first = ((IStructuredSelection) e.getSelection()).getFirstElement();
            if (first instanceof SeriesRecord s) {
                openSeries(s);
            } else if (first != null) {
                v.setExpandedState(first, !v.getExpandedState(first));
            }
        });
        return v;
    }

    // ------------------------------------------------------------------ for the view and the tests

    public TreeViewer viewer() {
        return viewer;
    }

    SearchBar searchBar() {
        return searchBar;
    }

    ThumbnailStrip thumbnails() {
        return thumbnails;
    }

    /** The tree's context menu, for the view to register with the workbench. */
    public MenuManager contextMenu() {
        return contextMenu;
    }

    BrowserActions actions() {
        return actions;
    }

    LocalNode node() {
        return node;
    }

    BrowserHost host() {
        return host;
    }

    /** The answer on display. UI thread. */
    BrowserSnapshot snapshot() {
        return content.snapshot();
    }

    /** How many answers were shown so far (each refresh that reached the screen). UI thread. */
    int refreshesShown() {
        return refreshesShown;
    }

    String statusText() {
        return status.getText();
    }

    /** True while the list or series are being read. */
    boolean isReading() {
        return refreshJob.getState() != Job.NONE || seriesJob.getState() != Job.NONE || !seriesWanted.isEmpty();
    }

    // ------------------------------------------------------------------ searching and refreshing

    /** Reads the list again now (coalesced with a pending refresh). */
    public void refresh() {
        requestRefresh(0);
    }

    /** Shows the studies {@code s} matches. UI thread. */
    void search(StudySearch s) {
        searchBar.set(s);
        search = s;
        refresh();
    }

    private void searchFromBar() {
        try {
            search = searchBar.value();
        } catch (IllegalArgumentException e) {
            showStatus(e.getMessage());
            return;
        }
        refresh();
    }

    /**
     * Schedules a read of the list after {@code delayMs}, unless one is already waiting (that one will see the
     * change too); a running read is followed by one more.
     */
    void requestRefresh(long delayMs) {
        int state = refreshJob.getState();
        if (state == Job.SLEEPING) {
            if (delayMs == 0) {
                refreshJob.wakeUp();
            }
            return;
        }
        if (state != Job.WAITING) {
            refreshJob.schedule(delayMs); // when running, the job runs again after it finishes
        }
    }

    private void nodeEvent(NodeEvent e) {
        if (e instanceof NodeEvent.InstanceReceived || e instanceof NodeEvent.StudiesDeleted) {
            requestRefresh(LIVE_DELAY_MS);
        }
    }

    private IStatus readList(IProgressMonitor monitor) {
        StudySearch asked = search;
        try {
            BrowserSnapshot s = StudyListQuery.read(node.catalog(), asked, Set.copyOf(open), shown,
                    monitor::isCanceled);
            if (s != null) {
                ui(() -> show(s, asked));
            }
        } catch (IOException | CatalogException | RuntimeException e) {
            ui(() -> showStatus("Cannot read the catalog: " + e.getMessage()));
        }
        return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    private void show(BrowserSnapshot s, StudySearch asked) {
        if (asked != search) {
            return; // a newer search is on its way
        }
        shown = s;
        content.show(s);
        viewer.getTree().setRedraw(false);
        try {
            viewer.refresh();
        } finally {
            viewer.getTree().setRedraw(true);
        }
        refreshesShown++;
        int n = s.studyCount();
        showStatus(s.patientCount() + " patient(s), " + n + " study(ies)"
                + (asked.equals(StudySearch.ALL) ? "" : " matching the search")
                + (n >= StudyListQuery.MAX_STUDIES ? "; only the first " + n + " are listed: narrow the search" : ""));
        selectionChanged(viewer.getStructuredSelection());
    }

    void showStatus(String text) {
        status.setText(text);
        host.status(text);
    }

    // ------------------------------------------------------------------ series, read when a study is opened

    private void wantSeries(String studyUid) {
        open.add(studyUid);
        if (seriesQueued.add(studyUid)) {
            seriesWanted.add(studyUid);
            seriesJob.schedule();
        }
    }

    private IStatus readSeries(IProgressMonitor monitor) {
        Map<String, List<SeriesRecord>> read = new LinkedHashMap<>();
        try {
            for (String uid = seriesWanted.poll(); uid != null; uid = seriesWanted.poll()) {
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                read.put(uid, node.catalog().series(uid));
            }
        } catch (IOException | CatalogException e) {
            ui(() -> showStatus("Cannot read series: " + e.getMessage()));
        }
        ui(() -> {
            for (Map.Entry<String, List<SeriesRecord>> e : read.entrySet()) {
                seriesQueued.remove(e.getKey());
                content.snapshot().putSeries(e.getKey(), e.getValue());
                StudyRecord study = content.snapshot().study(e.getKey());
                if (study != null) {
                    viewer.refresh(study);
                }
            }
        });
        return Status.OK_STATUS;
    }

    // ------------------------------------------------------------------ selection

    private void selectionChanged(IStructuredSelection sel) {
        actions.update(sel);
        Object first = sel.size() == 1 ? sel.getFirstElement() : null;
        String study = first instanceof StudyRecord s ? s.studyUid()
                : first instanceof SeriesRecord se ? se.studyUid()
                        : first instanceof PatientGroup p && p.studies().size() == 1 ? p.studies().get(0).studyUid()
                                : null;
        StudyRecord shownStudy = study == null ? null : content.snapshot().study(study);
        thumbnails.showStudy(study, shownStudy, study == null ? null : content.snapshot().series(study));
    }

    /** The studies selected: those of selected patients and the selected studies, each once. */
    List<StudyRecord> selectedStudies() {
        Map<String, StudyRecord> out = new LinkedHashMap<>();
        for (Object o : viewer.getStructuredSelection().toList()) {
            if (o instanceof PatientGroup p) {
                p.studies().forEach(s -> out.put(s.studyUid(), s));
            } else if (o instanceof StudyRecord s) {
                out.put(s.studyUid(), s);
            }
        }
        return new ArrayList<>(out.values());
    }

    // ------------------------------------------------------------------ commands (also from the toolbar and menu)

    /** Opens the selected series (or studies) in the viewer; the files are looked up in a job. */
    void openSelection() {
        commands.open(viewer.getStructuredSelection().toList());
    }

    private void openSeries(SeriesRecord s) {
        commands.open(List.of(s));
    }

    /** Asks, then deletes the selected studies in a job; {@code null} when nothing is deleted. */
    StudyDeletion deleteSelection() {
        return commands.delete(selectedStudies());
    }

    /** Protects or unprotects the selected studies in a job; {@code null} with nothing selected. */
    Job protectSelection(boolean protect) {
        return commands.protect(selectedStudies(), protect);
    }

    /** Imports files and folders in a job (progress, cancel); the list follows as files arrive. */
    StudyImport importPaths(List<Path> paths) {
        return commands.importPaths(paths);
    }

    private void sortBy(BrowserColumn c) {
        sorter.sortBy(c);
        Tree tree = viewer.getTree();
        tree.setSortColumn(tree.getColumn(c.ordinal()));
        tree.setSortDirection(sorter.ascending() ? SWT.UP : SWT.DOWN);
        viewer.refresh();
    }

    /** Sorts by a column as a click on its header does. */
    void sortByColumn(BrowserColumn c) {
        sortBy(c);
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
}
