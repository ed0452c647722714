package org.lightbox.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.IPerspectiveDescriptor;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.Test;
import org.lightbox.app.Perspectives;
import org.lightbox.config.BuildInfo;
import org.lightbox.config.LightboxHome;

/** Runs inside Lightbox's own workbench, started by the Tycho UI harness; drives it as a user would. */
class WorkbenchTest {

    private static final Map<String, String> LABELS = Map.of(Perspectives.LOCAL_STUDIES, "Local Studies",
            Perspectives.REMOTE, "Remote", Perspectives.WORKLIST_CAPTURE, "Worklist & Capture", Perspectives.PRINT,
            "Print", Perspectives.MEDIA, "Media", Perspectives.ACTIVITY, "Activity");

    /** Runs on the UI thread and hands back the result, rethrowing what failed there. */
    private static <T> T ui(Supplier<T> body) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Display.getDefault().syncExec(() -> {
            try {
                result.set(body.get());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        if (failure.get() instanceof AssertionError e) {
            throw e;
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return result.get();
    }

    private static IWorkbenchWindow window() {
        IWorkbench wb = PlatformUI.getWorkbench();
        return wb.getActiveWorkbenchWindow() != null ? wb.getActiveWorkbenchWindow() : wb.getWorkbenchWindows()[0];
    }

    /** The views that bundles contribute to a perspective as initially visible, from the extension registry. */
    private static Set<String> contributedViews(String perspectiveId) {
        Set<String> views = new LinkedHashSet<>();
        for (IConfigurationElement ext : Platform.getExtensionRegistry()
                .getConfigurationElementsFor("org.eclipse.ui.perspectiveExtensions")) {
            if (!perspectiveId.equals(ext.getAttribute("targetID"))) {
                continue;
            }
            for (IConfigurationElement view : ext.getChildren("view")) {
                if (!"false".equals(view.getAttribute("visible"))) {
                    views.add(view.getAttribute("id"));
                }
            }
        }
        return views;
    }

    @Test
    void mainWindowIsTitledLightboxAndHasItsMenus() {
        assertTrue(PlatformUI.isWorkbenchRunning(), "workbench not running");
        ui(() -> {
            Shell shell = window().getShell();
            assertEquals("Lightbox", shell.getText());
            List<String> menus = Arrays.stream(shell.getMenuBar().getItems()).map(MenuItem::getText)
                    .map(t -> t.replace("&", "")).toList();
            assertEquals(List.of("File", "Window", "Help"), menus);
            return null;
        });
    }

    @Test
    void everyAreaHasAPerspectiveShowingItsViews() {
        List<String> shown = ui(() -> {
            List<String> opened = new ArrayList<>();
            IWorkbench wb = PlatformUI.getWorkbench();
            for (String id : Perspectives.ALL) {
                IPerspectiveDescriptor descriptor = wb.getPerspectiveRegistry().findPerspectiveWithId(id);
                assertNotNull(descriptor, "perspective not registered: " + id);
                assertEquals(LABELS.get(id), descriptor.getLabel());
                try {
                    wb.showPerspective(id, window());
                } catch (Exception e) {
                    throw new AssertionError("cannot open perspective " + id, e);
                }
                WidgetFinder.flush();
                IWorkbenchPage page = window().getActivePage();
                assertEquals(id, page.getPerspective().getId());
                for (String viewId : contributedViews(id)) {
                    IViewReference ref = page.findViewReference(viewId);
                    assertNotNull(ref, "view " + viewId + " missing from " + descriptor.getLabel());
                    assertTrue(page.isPartVisible(ref.getPart(true)),
                            "view " + viewId + " not visible in " + descriptor.getLabel());
                    opened.add(descriptor.getLabel() + "/" + ref.getPartName());
                }
            }
            return opened;
        });
        // the Activity perspective shows job progress from day one; other areas' views arrive with their bundles
        assertTrue(shown.contains("Activity/Progress"), "views shown: " + shown);
    }

    /** What GTK draws for a tool item: '&&' is a literal ampersand, a single '&' marks the mnemonic. */
    private static String shownText(ToolItem item) {
        return item.getText().replace("&&", "\u0000").replace("&", "").replace('\u0000', '&');
    }

    @Test
    void areaButtonsSwitchPerspectiveAndShowTheCurrentArea() {
        ui(() -> {
            Shell shell = window().getShell();
            List<ToolItem> buttons = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (ToolBar bar : WidgetFinder.findAll(shell, ToolBar.class, b -> true)) {
                for (ToolItem item : bar.getItems()) {
                    seen.add(item.getText() + "|" + item.getToolTipText());
                    if (LABELS.containsValue(shownText(item))) {
                        buttons.add(item);
                    }
                }
            }
            assertEquals(List.of("Local Studies", "Remote", "Worklist & Capture", "Print", "Media", "Activity"),
                    buttons.stream().map(WorkbenchTest::shownText).toList(), "tool items: " + seen);
            for (String target : List.of(Perspectives.PRINT, Perspectives.LOCAL_STUDIES)) {
                ToolItem button = buttons.get(Perspectives.ALL.indexOf(target));
                for (ToolItem other : buttons) {
                    other.setSelection(other == button);
                }
                button.notifyListeners(SWT.Selection, new Event());
                WidgetFinder.flush();
                assertEquals(target, window().getActivePage().getPerspective().getId());
                assertEquals(List.of(button), buttons.stream().filter(ToolItem::getSelection).toList(),
                        "only the current area's button is pressed");
            }
            return null;
        });
    }

    @Test
    void preferencesHaveALightboxRootPage() {
        ui(() -> {
            PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(window().getShell(),
                    GeneralPreferencePage.ID, null, null);
            dialog.setBlockOnOpen(false);
            dialog.open();
            try {
                Shell shell = dialog.getShell();
                Label home = WidgetFinder.find(shell, Label.class, l -> l.getText().startsWith("Data folder: "));
                assertTrue(home.getText().contains(LightboxHome.current().toString()), home.getText());
                Button confirm = WidgetFinder.find(shell, Button.class,
                        b -> b.getText().replace("&", "").equals("Confirm before closing Lightbox"));
                assertFalse(confirm.getSelection(), "exit confirmation is off by default");
            } finally {
                dialog.close();
            }
            return null;
        });
    }

    @Test
    void aboutDialogShowsVersionBuildAndBundles() {
        ui(() -> {
            AboutDialog about = new AboutDialog(window().getShell());
            about.setBlockOnOpen(false);
            about.open();
            try {
                Shell shell = WidgetFinder.shell("About Lightbox");
                Label version = WidgetFinder.find(shell, Label.class,
                        l -> l.getData(AboutDialog.VERSION_LABEL) != null);
                BuildInfo build = BuildInfo.current();
                assertEquals("Version " + build.version() + "    Build " + build.build(), version.getText());
                Table bundles = WidgetFinder.find(shell, Table.class, t -> true);
                List<String> names = Arrays.stream(bundles.getItems()).map(i -> i.getText(0)).toList();
                assertTrue(names.contains("org.lightbox.app") && names.contains("org.lightbox.config"),
                        "bundles listed: " + names);
            } finally {
                about.close();
            }
            return null;
        });
    }
}
