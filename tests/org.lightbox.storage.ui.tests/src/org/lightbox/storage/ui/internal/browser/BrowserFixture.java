package org.lightbox.storage.ui.internal.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.lightbox.catalog.StoredInstance;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.config.NodeSettings;
import org.lightbox.config.StorageSettings;
import org.lightbox.storage.LocalNode;
import org.lightbox.testing.DcmtkTool;

/**
 * A {@link StudyBrowser} in a shell over a real {@link LocalNode} (embedded Derby catalog, file store, the node on
 * a free loopback port) in a temporary data folder; the host records what the browser asks. Runs on the default
 * display: in a plain JVM under Xvfb and on the UI thread of the workbench test harness. Waits pump the event
 * loop, bounded in time.
 */
final class BrowserFixture implements AutoCloseable {

    static final String AET = "LBTEST";
    private static final long TIME_BOUND_MS = 30_000;

    /** Answers questions as told and records everything. */
    static final class RecordingHost implements BrowserHost {
        volatile boolean answer = true;
        final List<String> questions = new CopyOnWriteArrayList<>();
        final List<String> warnings = new CopyOnWriteArrayList<>();
        final List<List<Path>> opened = new CopyOnWriteArrayList<>();
        volatile String status = "";

        @Override
        public void open(List<Path> files) {
            opened.add(List.copyOf(files));
        }

        @Override
        public boolean confirm(String title, String message) {
            questions.add(message);
            return answer;
        }

        @Override
        public void warn(String title, String message) {
            warnings.add(message);
        }

        @Override
        public void status(String message) {
            status = message;
        }
    }

    final Display display = Display.getDefault();
    final LocalNode node;
    final int port;
    final RecordingHost host = new RecordingHost();
    final Shell shell;
    StudyBrowser browser;

    BrowserFixture(Path home) throws IOException {
        LightboxHome h = LightboxHome.resolve(k -> LightboxHome.PROPERTY.equals(k) ? home.toString() : null,
                k -> null);
        port = DcmtkTool.freePort();
        NodeSettings n = new NodeSettings(AET, "127.0.0.1", port, NodeSettings.DEFAULT_PDU, 10, true, false);
        new ConfigurationStore(h).save(new DeviceConfiguration("browser-test", n, List.of(),
                StorageSettings.DEFAULTS.withFsync(StorageSettings.Fsync.NEVER)));
        node = new LocalNode(h);
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1000, 600);
    }

    /** Stores the files into the catalog before the browser shows it (setup, not under test). */
    List<StoredInstance> store(List<Path> files) throws Exception {
        List<StoredInstance> out = new ArrayList<>();
        for (Path f : files) {
            out.add(node.fileStore().importFile(f));
        }
        return out;
    }

    StudyBrowser open() {
        browser = new StudyBrowser(shell, node, host);
        shell.open();
        waitFor("the first study list", () -> browser.refreshesShown() > 0);
        return browser;
    }

    void waitFor(String what, BooleanSupplier condition) {
        long end = System.currentTimeMillis() + TIME_BOUND_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("timed out waiting for " + what + "; tree: " + rows());
            }
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        }
    }

    /** Waits until a job has finished and its results reached the UI. */
    void finish(Job job) {
        waitFor(job.getName(), () -> job.getState() == Job.NONE);
        settle();
    }

    /** Waits until no read is pending and the UI has shown it. */
    void settle() {
        waitFor("the browser to be idle", () -> !browser.isReading());
        while (display.readAndDispatch()) {
            // drain what the jobs posted
        }
        waitFor("the browser to be idle", () -> !browser.isReading());
        while (display.readAndDispatch()) {
            // again: a series read may have followed the last refresh
        }
    }

    /** Reads the list again and waits for it on screen. */
    void refreshAndWait() {
        int before = browser.refreshesShown();
        browser.refresh();
        waitFor("a refresh", () -> browser.refreshesShown() > before);
        settle();
    }

    /**
     * Expands every row (series are read lazily) and waits until no row is loading. Expanding once is enough (a
     * loaded study stays open); expanding in the loop would keep GTK busy and starve the posted results.
     */
    void expandAll() {
        browser.viewer().expandAll();
        waitFor("series to load", () -> !rows().toString().contains("Loading...") && !browser.isReading());
    }

    /** Every row shown (expanded ones' children too) as "indent|col0|col1|...". */
    List<String> rows() {
        List<String> out = new ArrayList<>();
        for (TreeItem item : browser.viewer().getTree().getItems()) {
            collect(item, 0, out);
        }
        return out;
    }

    private void collect(TreeItem item, int depth, List<String> out) {
        StringBuilder b = new StringBuilder().append(depth);
        for (int c = 0; c < BrowserColumn.values().length; c++) {
            b.append('|').append(item.getText(c));
        }
        out.add(b.toString());
        if (item.getExpanded()) {
            for (TreeItem child : item.getItems()) {
                collect(child, depth + 1, out);
            }
        }
    }

    /** The texts of the first column at one depth (0 patients, 1 studies, 2 series), in order. */
    List<String> names(int depth) {
        List<String> out = new ArrayList<>();
        for (String r : rows()) {
            String[] cells = r.split("\\|", -1);
            if (Integer.parseInt(cells[0]) == depth) {
                out.add(cells[1]);
            }
        }
        return out;
    }

    /** The tree item showing {@code element}'s first column text at some depth, or null. */
    TreeItem item(String firstColumn) {
        List<TreeItem> all = new ArrayList<>();
        for (TreeItem i : browser.viewer().getTree().getItems()) {
            all(i, all);
        }
        for (TreeItem i : all) {
            if (i.getText(0).equals(firstColumn)) {
                return i;
            }
        }
        return null;
    }

    private static void all(TreeItem item, List<TreeItem> out) {
        out.add(item);
        for (TreeItem c : item.getItems()) {
            all(c, out);
        }
    }

    void select(Object element) {
        browser.viewer().setSelection(new StructuredSelection(element), true);
        while (display.readAndDispatch()) {
            // let the selection reach the listeners
        }
    }

    @Override
    public void close() {
        if (!shell.isDisposed()) {
            shell.dispose();
        }
        while (display.readAndDispatch()) {
            // drain
        }
        node.close();
    }
}
