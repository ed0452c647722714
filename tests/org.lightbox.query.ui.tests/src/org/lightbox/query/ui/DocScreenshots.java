package org.lightbox.query.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogPage;
import org.eclipse.jface.preference.IPreferenceNode;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.internal.WorkbenchPlugin;
import org.eclipse.ui.internal.registry.IActionSetDescriptor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.JobState;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StudyRecord;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.RemoteAe;
import org.lightbox.query.transfer.LocalTransferQueue;
import org.lightbox.query.transfer.SendRequest;
import org.lightbox.query.transfer.TransferJob;
import org.lightbox.query.ui.internal.QrArchive;
import org.lightbox.query.ui.internal.remote.RemoteBrowser;
import org.lightbox.query.ui.internal.remote.RemoteNode;
import org.lightbox.query.ui.internal.remote.RemoteQueryView;
import org.lightbox.query.ui.internal.transfer.TransferQueueView;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.ui.BundleService;
import org.lightbox.storage.ui.StudyGroup;
import org.lightbox.testing.DcmtkTool;
import org.lightbox.viewer.ImageCanvas;
import org.lightbox.viewer.Viewer;

/**
 * The user guide's screenshots (docs/images), taken in the real workbench: the workbench's node gets a remote
 * archive (dcmqrscp) and a few studies sent by storescu; each perspective is shown with something meaningful
 * selected, and the window (1400x900) and the Lightbox preference pages are saved as PNG. Runs only when the
 * system property {@value #FOLDER_PROPERTY} names the output folder (releng/screenshots.sh sets it); otherwise
 * it is skipped. When it runs, it asserts that what it photographs is on screen and filled.
 */
class DocScreenshots {

    static final String FOLDER_PROPERTY = "lightbox.screenshots";
    private static final long TIME_BOUND_MS = 90_000;
    private static final String LOCAL = "org.lightbox.app.perspective.local";
    private static final String REMOTE = "org.lightbox.app.perspective.remote";
    private static final String ACTIVITY = "org.lightbox.app.perspective.activity";
    private static final String STUDY_BROWSER = "org.lightbox.storage.ui.StudyBrowserView";
    private static final String ASSOCIATION_LOG = "org.lightbox.storage.ui.AssociationLogView";
    private static final List<String[]> PREFERENCE_PAGES = List.of(
            new String[] { "org.lightbox.app.preferences", "general" },
            new String[] { "org.lightbox.storage.ui.preferences.node", "node" },
            new String[] { "org.lightbox.storage.ui.preferences.remoteAes", "remote-aes" },
            new String[] { "org.lightbox.storage.ui.preferences.storage", "storage" },
            new String[] { "org.lightbox.storage.ui.preferences.autoDelete", "auto-delete" });

    @TempDir
    Path tmp;

    private Display display;
    private IWorkbenchWindow window;
    private Path out;

    @Test
    void screenshotsOfEveryPerspectiveAndPreferencePage() throws Exception {
        String folder = System.getProperty(FOLDER_PROPERTY, "");
        Assumptions.assumeFalse(folder.isBlank(), "no screenshots asked for (-D" + FOLDER_PROPERTY + "=DIR)");
        out = Files.createDirectories(Path.of(folder));
        DcmtkTool.require("storescu");
        display = Display.getCurrent();
        var wb = PlatformUI.getWorkbench();
        window = wb.getActiveWorkbenchWindow() != null ? wb.getActiveWorkbenchWindow() : wb.getWorkbenchWindows()[0];
        Shell shell = window.getShell();
        shell.setMaximized(false);
        shell.setBounds(20, 20, 1400, 900);

        int nodePort = DcmtkTool.freePort();
        try (QrArchive archive = new QrArchive(tmp.resolve("qr"), Map.of("LIGHTBOX", nodePort));
                BundleService<LocalNode> nodeService = BundleService.get(DocScreenshots.class, LocalNode.class);
                BundleService<LocalTransferQueue> transfers = BundleService.get(DocScreenshots.class,
                        LocalTransferQueue.class)) {
            archive.load(DocCorpus.write(tmp.resolve("archive"), DocCorpus.ARCHIVE));
            LocalNode node = nodeService.service();
            RemoteAe qr = new RemoteAe(QrArchive.AET, "127.0.0.1", archive.port, false, "department archive");
            configureNode(node, nodePort, qr);
            sendToNode(node, DocCorpus.write(tmp.resolve("local"), DocCorpus.LOCAL));

            remote(transfers.service(), qr);
            localStudies();
            activity();
            for (String[] page : PREFERENCE_PAGES) {
                preferences(page[0], page[1]);
            }
            show(LOCAL);
        }
    }

    // ------------------------------------------------------------------ setting the stage

    /** The workbench's node on a free port, with the archive as its remote AE, running. */
    private void configureNode(LocalNode node, int port, RemoteAe qr) throws Exception {
        // the start-up hook starts the node in a job: let it finish (or fail) first
        show(ACTIVITY);
        waitFor("the Node view to settle", () -> findButton(window.getShell(), "Start") != null
                && (findButton(window.getShell(), "Start").isEnabled()
                        || findButton(window.getShell(), "Stop").isEnabled()));
        offUi("reconfigure the node", () -> {
            DeviceConfiguration c = node.configuration();
            node.reconfigure(c.withNode(c.node().withPort(port)).withRemoteAes(List.of(qr,
                    new RemoteAe("CT_ROOM2", "ct2.example.org", 104, false, "CT scanner, room 2"))));
            return null;
        });
        if (!node.running()) {
            // through the Node view, so that it shows no stale failure of the start-up attempt
            Button start = findButton(window.getShell(), "Start");
            waitFor("the Start button", start::isEnabled);
            start.notifyListeners(SWT.Selection, new Event());
        }
        waitFor("the node to run on port " + port, node::running);
    }

    private void sendToNode(LocalNode node, Path dir) throws Exception {
        var settings = offUi("read the configuration", node::configuration).node();
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "CT_ROOM2", "-aec", settings.aeTitle(),
                "127.0.0.1", Integer.toString(settings.port())));
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted().forEach(f -> cmd.add(f.toString()));
        }
        Path log = tmp.resolve("storescu.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        try {
            waitFor("storescu to end", () -> !p.isAlive());
            assertEquals(0, p.exitValue(), DcmtkTool.log(log));
        } finally {
            p.destroyForcibly();
        }
    }

    // ------------------------------------------------------------------ the perspectives

    /** Remote: a search at the archive, a study expanded, a retrieve and a send in the Transfers view. */
    private void remote(LocalTransferQueue transfers, RemoteAe qr) throws Exception {
        show(REMOTE);
        IWorkbenchPage page = window.getActivePage();
        RemoteQueryView view = (RemoteQueryView) page.findView(RemoteQueryView.ID);
        assertNotNull(view, "the Remote Query view is in Remote");
        RemoteBrowser browser = view.browser();
        assertNotNull(browser, "the Remote Query view reaches the node");
        browser.reloadRemotes();
        browser.selectRemote(QrArchive.AET);
        int before = browser.searchesShown();
        browser.search();
        waitFor("the search", () -> browser.searchesShown() > before);
        List<RemoteNode> studies = browser.results().studies();
        assertEquals(DocCorpus.ARCHIVE.size(), studies.size(), browser.status());

        RemoteNode wanted = studies.stream().filter(s -> s.uid().equals(DocCorpus.LEFEVRE_MR.uid())).findFirst()
                .orElseThrow();
        browser.results().viewer().expandToLevel(wanted, 1);
        waitFor("the series of the study", () -> wanted.children() != null || wanted.error() != null);
        assertEquals(null, wanted.error());
        browser.results().viewer().setSelection(new StructuredSelection(wanted), true);
        List<Long> ids = browser.retrieveSelection();
        assertEquals(1, ids.size(), browser.status());
        long send = offUi("queue a send", () -> transfers.queue().submit(SendRequest.ofStudies(
                new RemoteAe(qr.aeTitle(), qr.host(), qr.port(), false, qr.description()),
                List.of(DocCorpus.NAKAMURA_CT.uid()))));
        for (long id : List.of(ids.get(0), send)) {
            TransferJob done = offUi("transfer job " + id, () -> transfers.queue().await(id, Duration.ofSeconds(60)));
            assertEquals(JobState.COMPLETED, done.state(), done.describe());
        }
        TransferQueueView queue = (TransferQueueView) page.findView(TransferQueueView.ID);
        assertTrue(page.isPartVisible(queue), "Transfers is visible in Remote");
        waitFor("both jobs in the Transfers view", () -> queue.table().shown().stream()
                .filter(j -> (j.id() == send || j.id() == ids.get(0)) && j.state() == JobState.COMPLETED)
                .count() == 2);
        save("remote");
    }

    /** Local Studies: a patient and a study expanded, a series open in the Viewer, its tags below. */
    private void localStudies() throws Exception {
        show(LOCAL);
        IWorkbenchPage page = window.getActivePage();
        IViewPart part = page.findView(STUDY_BROWSER);
        assertNotNull(part, "the study browser is in Local Studies");
        TreeViewer tree = (TreeViewer) part.getSite().getSelectionProvider();
        DocCorpus.Study ct = DocCorpus.MUELLER_CT;
        StudyGroup patient = waitForElement(tree, "the patient of " + ct.description(), StudyGroup.class,
                g -> g.studies().stream().anyMatch(s -> s.studyUid().equals(ct.uid())
                        && s.numberOfInstances() == DocCorpus.imageCount(ct)));
        tree.expandToLevel(patient, 1);
        StudyRecord study = waitForElement(tree, "the study", StudyRecord.class, s -> s.studyUid().equals(ct.uid()));
        tree.expandToLevel(study, 1);
        SeriesRecord series = waitForElement(tree, "the series", SeriesRecord.class,
                s -> s.seriesUid().equals(ct.seriesUid(ct.series().get(0))));
        tree.setSelection(new StructuredSelection(series), true);
        tree.getTree().setFocus();

        ToolItem open = findToolItem(window.getShell(), "Open");
        assertNotNull(open, "the browser's Open button");
        waitFor("Open to be enabled", open::isEnabled);
        open.notifyListeners(SWT.Selection, new Event());
        waitFor("the Viewer", () -> page.findView(Viewer.IMAGE_VIEW_ID) != null
                && page.isPartVisible(page.findView(Viewer.IMAGE_VIEW_ID)));
        ImageCanvas canvas = find(window.getShell(), ImageCanvas.class, c -> true);
        assertNotNull(canvas, "the viewer's canvas");
        waitFor("the first image", () -> canvas.shownFrame() != null && canvas.isIdle());
        canvas.step(6);
        waitFor("the middle image", canvas::isIdle);
        assertEquals(null, canvas.message(), "the viewer shows no error");
        StyledText tags = find(window.getShell(), StyledText.class, t -> t.getText().contains("(0010,0010)"));
        assertNotNull(tags, "the Tags view shows the dump of the image");
        // the thumbnails of the study render in a job
        waitFor("the thumbnails", () -> find(window.getShell(), Label.class, l -> l.getText().equals("...")
                && l.isVisible()) == null);
        tree.getTree().setFocus();
        save("local-studies");
        saveMaximized(STUDY_BROWSER, "local-studies-browser");
    }

    /** Activity: the node running, the associations and receptions of the session. */
    private void activity() throws Exception {
        show(ACTIVITY);
        Shell shell = window.getShell();
        waitFor("the node state", () -> find(shell, Label.class, l -> l.getText().equals("running")) != null);
        waitFor("the association log", () -> rows(shell, "Calling AE") > 1);
        waitFor("the receive log", () -> rows(shell, "Patient") > 0);
        waitFor("the transfers", () -> rows(shell, "Type") >= 2);
        // the Node view reads the store's size a few seconds after the receptions have settled
        waitFor("the store's size", () -> find(shell, Label.class, l -> l.getText().contains(" in the store, ")
                && !l.getText().startsWith("0 bytes")) != null);
        save("activity");
        saveMaximized(ASSOCIATION_LOG, "activity-associations");
    }

    /** A Lightbox preference page in the preference dialog. */
    private void preferences(String pageId, String name) throws Exception {
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(window.getShell(), pageId, null, null);
        // only Lightbox's pages: the test runtime has platform (IDE, Team) pages that the product does not ship
        PreferenceManager pages = dialog.getPreferenceManager();
        for (IPreferenceNode n : pages.getRootSubNodes()) {
            if (!n.getId().equals(PREFERENCE_PAGES.get(0)[0])) {
                pages.remove(n);
            }
        }
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            Shell shell = dialog.getShell();
            shell.setSize(1000, 720);
            dialog.getTreeViewer().expandAll();
            settle();
            IDialogPage selected = (IDialogPage) dialog.getSelectedPage();
            assertNotNull(selected, pageId);
            assertTrue(selected.getControl().isVisible(), pageId + " is shown");
            assertEquals(null, selected.getErrorMessage(), pageId + " shows no error");
            if (name.equals("remote-aes")) {
                Table table = find(shell, Table.class, t -> t.getItemCount() > 0);
                assertNotNull(table, "the remote AE table is filled");
                table.setSelection(0);
                table.notifyListeners(SWT.Selection, new Event());
                Button test = findButton(shell, "Test");
                waitFor("Test to be enabled", test::isEnabled);
                test.notifyListeners(SWT.Selection, new Event());
                waitFor("the C-ECHO", () -> find(shell, Label.class, l -> l.getText().contains("success (")) != null);
            }
            save(shell, "preferences-" + name);
        } finally {
            dialog.close();
        }
    }

    // ------------------------------------------------------------------ the workbench

    private void show(String perspective) throws Exception {
        PlatformUI.getWorkbench().showPerspective(perspective, window);
        // the test runtime adds the IDE's tool bar action sets (annotation and history navigation), which the
        // product does not ship; Lightbox contributes none
        for (IActionSetDescriptor set : WorkbenchPlugin.getDefault().getActionSetRegistry().getActionSets()) {
            window.getActivePage().hideActionSet(set.getId());
        }
        settle();
    }

    private void save(String name) throws Exception {
        save(window.getShell(), name);
    }

    /** Saves the window with one view maximized, then restores the layout. */
    private void saveMaximized(String viewId, String name) throws Exception {
        IWorkbenchPage page = window.getActivePage();
        IViewReference ref = page.findViewReference(viewId);
        assertNotNull(ref, viewId);
        page.setPartState(ref, IWorkbenchPage.STATE_MAXIMIZED);
        try {
            settle();
            assertTrue(page.isPartVisible(ref.getPart(false)), viewId + " is visible");
            save(name);
        } finally {
            page.setPartState(ref, IWorkbenchPage.STATE_RESTORED);
            settle();
        }
    }

    /**
     * Saves the shell as {@code <name>.png}: with its title bar and menu bar through ImageMagick's {@code import}
     * (the X server's pixels), else its client area through SWT.
     */
    private void save(Shell shell, String name) throws Exception {
        shell.forceActive();
        // the pointer away from the window: no hover effects or tooltips in the picture
        Rectangle screen = display.getBounds();
        display.setCursorLocation(screen.x + screen.width - 1, screen.y + screen.height - 1);
        settle();
        Path png = out.resolve(name + ".png");
        Files.deleteIfExists(png);
        if (onPath("import")) {
            // the frame's title bar and borders, the menu bar and the client area
            Rectangle frame = shell.getBounds();
            org.eclipse.swt.graphics.Point client = shell.toDisplay(0, 0);
            Rectangle area = shell.getClientArea();
            int border = Math.max(0, client.x - frame.x);
            Rectangle r = new Rectangle(frame.x, frame.y, client.x + area.width + border - frame.x,
                    client.y + area.height + border - frame.y);
            Path log = tmp.resolve("import-" + name + ".log");
            Process p = new ProcessBuilder("import", "-window", "root", "-crop", r.width + "x" + r.height + "+" + r.x
                    + "+" + r.y, "+repage", png.toString()).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            try {
                waitFor("import to save " + name, () -> !p.isAlive());
                assertEquals(0, p.exitValue(), DcmtkTool.log(log));
            } finally {
                p.destroyForcibly();
            }
            ImageData data = new ImageLoader().load(png.toString())[0];
            assertTrue(distinctPixels(data) > 50, name + ": the capture holds a picture");
            return;
        }
        Rectangle r = shell.getClientArea();
        Image image = new Image(display, r.width, r.height);
        try {
            GC gc = new GC(shell);
            try {
                gc.copyArea(image, 0, 0);
            } finally {
                gc.dispose();
            }
            ImageData data = image.getImageData();
            assertTrue(distinctPixels(data) > 50, name + ": the capture holds a picture");
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { data };
            loader.save(png.toString(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    private static int distinctPixels(ImageData d) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < d.height; y += 7) {
            for (int x = 0; x < d.width; x += 7) {
                seen.add(d.getPixel(x, y));
            }
        }
        return seen.size();
    }

    /** Pumps the UI until the jobs are done (bounded) and the window has painted. */
    private void settle() {
        long end = System.currentTimeMillis() + 15_000;
        while (!Job.getJobManager().isIdle() && System.currentTimeMillis() < end) {
            pump(50);
        }
        pump(800);
    }

    private void pump(long ms) {
        long end = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                sleep();
            }
        }
    }

    private void waitFor(String what, BooleanSupplier condition) {
        long end = System.currentTimeMillis() + TIME_BOUND_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs {@code work} off the UI thread (the node may wait for its start), pumping the UI meanwhile. */
    private <T> T offUi(String what, Callable<T> work) throws Exception {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        waitFor(what, f::isDone);
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    private <T> T waitForElement(TreeViewer tree, String what, Class<T> type, Predicate<T> match) {
        Object[] found = new Object[1];
        waitFor(what, () -> {
            found[0] = element(tree.getTree().getItems(), type, match);
            return found[0] != null;
        });
        return type.cast(found[0]);
    }

    private static <T> T element(TreeItem[] items, Class<T> type, Predicate<T> match) {
        for (TreeItem item : items) {
            if (type.isInstance(item.getData()) && match.test(type.cast(item.getData()))) {
                return type.cast(item.getData());
            }
            T deeper = element(item.getItems(), type, match);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    /** The number of rows of the visible table that has a column {@code title}. */
    private static int rows(Composite root, String title) {
        Table t = find(root, Table.class, x -> x.isVisible()
                && Stream.of(x.getColumns()).map(TableColumn::getText).anyMatch(title::equals));
        return t == null ? -1 : t.getItemCount();
    }

    private static Button findButton(Composite root, String text) {
        return find(root, Button.class, b -> b.getText().replace("&", "").equals(text));
    }

    private static ToolItem findToolItem(Composite root, String text) {
        ToolBar bar = find(root, ToolBar.class, t -> Stream.of(t.getItems())
                .anyMatch(i -> i.getText().replace("&", "").equals(text)));
        return bar == null ? null : Stream.of(bar.getItems()).filter(i -> i.getText().replace("&", "").equals(text))
                .findFirst().orElse(null);
    }

    private static <T extends Control> T find(Composite root, Class<T> type, Predicate<T> match) {
        for (Control c : root.getChildren()) {
            if (type.isInstance(c) && match.test(type.cast(c))) {
                return type.cast(c);
            }
            if (c instanceof Composite k) {
                T deeper = find(k, type, match);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }
}
