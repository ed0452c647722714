package org.lightbox.storage.ui.internal.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.jface.preference.IPreferenceNode;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.Test;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.LightboxHome;
import org.lightbox.storage.ui.BundleService;
import org.lightbox.storage.ui.internal.Widgets;
import org.lightbox.storage.ui.internal.preferences.NodePreferencePage;

/**
 * Inside the real workbench (Tycho UI harness only; it needs the platform): the Activity perspective shows the
 * node's views over the workbench's node, the workbench started that node (or says why not), and the preference
 * pages sit under Lightbox.
 */
class ActivityWorkbenchTest {

    private static final long TIME_BOUND_MS = 30_000;

    private static IWorkbenchWindow window() {
        var wb = PlatformUI.getWorkbench();
        return wb.getActiveWorkbenchWindow() != null ? wb.getActiveWorkbenchWindow() : wb.getWorkbenchWindows()[0];
    }

    private static void waitFor(String what, java.util.function.BooleanSupplier condition) {
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
    void theWorkbenchStartedItsNodeOrSaysWhyNot() {
        try (BundleService<NodeControl> control = BundleService.get(getClass(), NodeControl.class)) {
            NodeControl c = control.service();
            // the start-up hook runs after the workbench is up, maybe after this test began
            waitFor("the node started with the workbench, or the reason it could not (the start-up hook did not "
                    + "run?)", () -> !c.busy() && (c.node().running() || c.failure() != null));
        }
    }

    @Test
    void activityPerspectiveShowsTheNodeViews() throws Exception {
        PlatformUI.getWorkbench().showPerspective("org.lightbox.app.perspective.activity", window());
        for (String id : List.of(NodeStatusView.ID, AssociationLogView.ID, ReceiveLogView.ID)) {
            IViewPart view = window().getActivePage().findView(id);
            assertNotNull(view, id + " is in the Activity perspective");
            assertTrue(window().getActivePage().isPartVisible(view), id + " is visible");
        }
        NodeStatusView status = (NodeStatusView) window().getActivePage().findView(NodeStatusView.ID);
        NodeStatusPanel panel = assertInstanceOf(NodeStatusPanel.class, status.content(),
                "the view reaches the node service");
        String aet = new ConfigurationStore(LightboxHome.current()).load().node().aeTitle();
        waitFor("the node's AE title", () -> panel.addressText().contains(":"));
        assertEquals(aet, Widgets.find(panel, org.eclipse.swt.widgets.Label.class,
                l -> l.getText().equals(aet)).getText());
        assertInstanceOf(ActivityTable.class, ((AssociationLogView) window().getActivePage()
                .findView(AssociationLogView.ID)).content());
    }

    @Test
    void preferencePagesSitUnderLightbox() {
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(window().getShell(),
                NodePreferencePage.ID, null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            IPreferenceNode lightbox = dialog.getPreferenceManager().find("org.lightbox.app.preferences");
            assertNotNull(lightbox);
            for (String id : List.of(NodePreferencePage.ID, "org.lightbox.storage.ui.preferences.remoteAes",
                    "org.lightbox.storage.ui.preferences.storage", "org.lightbox.storage.ui.preferences.autoDelete")) {
                assertNotNull(lightbox.findSubNode(id), id + " under Lightbox");
            }
            String aet = new ConfigurationStore(LightboxHome.current()).load().node().aeTitle();
            Widgets.find(dialog.getShell(), Text.class, t -> t.getText().equals(aet));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            dialog.close();
        }
    }
}
