package org.lightbox.storage.ui.internal.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.ui.BundleService;
import org.lightbox.testing.DcmtkTool;
import org.lightbox.viewer.Viewer;

/**
 * Inside the real workbench (Tycho UI harness only; it needs the platform): the Local Studies perspective shows
 * the browser over the workbench's own node; storescu sends a study to that node and the browser lists it; the
 * series opens in the Viewer.
 */
class StudyBrowserWorkbenchTest {

    private static final long TIME_BOUND_MS = 60_000;

    @TempDir
    Path tmp;

    private static IWorkbenchWindow window() {
        var wb = PlatformUI.getWorkbench();
        return wb.getActiveWorkbenchWindow() != null ? wb.getActiveWorkbenchWindow() : wb.getWorkbenchWindows()[0];
    }

    private static void waitFor(String what, BooleanSupplier condition) {
        Display display = Display.getCurrent();
        long end = System.currentTimeMillis() + TIME_BOUND_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    @Test
    void storescuSendsToTheWorkbenchNodeAndTheBrowserShowsTheStudy() throws Exception {
        IWorkbenchPage page = window().getActivePage();
        PlatformUI.getWorkbench().showPerspective("org.lightbox.app.perspective.local", window());
        IViewPart part = window().getActivePage().findView(StudyBrowserView.ID);
        assertNotNull(part, "the browser is in Local Studies");
        assertTrue(window().getActivePage().isPartVisible(part), "the browser is visible");
        StudyBrowser browser = ((StudyBrowserView) part).browser();
        assertNotNull(browser, "the view reaches the node service");

        // a study no earlier run sent: the workbench's data folder outlives a test run
        String root = "2.25." + new BigInteger(UUID.randomUUID().toString().replace("-", ""), 16);
        String patient = "Wb^Test" + root.substring(root.length() - 6);
        TestImages.Spec spec = TestImages.DOE.withPatient(patient, "WB" + root.substring(root.length() - 6))
                .withStudy(root + ".1", "20240401", "Sent from storescu").withSeries(root + ".1.1", 1, "CT", "Axial");
        Path dir = TestImages.series(tmp.resolve("send"), spec, 5);

        try (BundleService<LocalNode> service = BundleService.get(getClass(), LocalNode.class)) {
            LocalNode node = service.service();
            waitFor("the workbench's node to run", () -> {
                if (!node.running()) {
                    try {
                        node.start(); // the start-up hook may not have run yet, or its preference is off
                    } catch (java.io.IOException e) {
                        throw new AssertionError("cannot start the workbench's node: " + e.getMessage(), e);
                    }
                }
                return node.running();
            });
            var settings = node.configuration().node();
            List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "WBTEST", "-aec", settings.aeTitle(),
                    "127.0.0.1", Integer.toString(settings.port())));
            try (Stream<Path> files = Files.list(dir)) {
                files.sorted().forEach(f -> cmd.add(f.toString()));
            }
            DcmtkTool.require("storescu");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("storescu.log").toFile());
            pb.environment().put("TCP_NODELAY", "1");
            Process p = pb.start();
            try {
                String name = DisplayText.personName(patient);
                waitFor("the sent study in the browser", () -> {
                    for (TreeItem item : browser.viewer().getTree().getItems()) {
                        if (item.getText(0).equals(name) && item.getText(BrowserColumn.INSTANCES.ordinal()).equals("5")) {
                            return true;
                        }
                    }
                    return false;
                });
                waitFor("storescu to end", () -> !p.isAlive());
                assertEquals(0, p.exitValue(), DcmtkTool.log(tmp.resolve("storescu.log")));
            } finally {
                p.destroyForcibly();
            }

            browser.viewer().expandAll();
            waitFor("the series", () -> browser.snapshot().series(spec.studyUid()) != null);
            SeriesRecord series = browser.snapshot().series(spec.studyUid()).get(0);
            browser.viewer().setSelection(new StructuredSelection(series), true);
            browser.openSelection();
            waitFor("the viewer", () -> page.findView(Viewer.IMAGE_VIEW_ID) != null
                    && page.isPartVisible(page.findView(Viewer.IMAGE_VIEW_ID)));
        }
    }
}
