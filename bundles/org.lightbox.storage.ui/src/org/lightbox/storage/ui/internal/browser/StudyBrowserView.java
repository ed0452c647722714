package org.lightbox.storage.ui.internal.browser;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.ViewPart;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.ui.BundleService;
import org.lightbox.viewer.Viewer;

/**
 * The "Local Studies" view: the {@link StudyBrowser} over the node of this data folder (the {@link LocalNode}
 * service), opening series in the Viewer and asking questions with the workbench's dialogs.
 */
public final class StudyBrowserView extends ViewPart {

    public static final String ID = "org.lightbox.storage.ui.StudyBrowserView";

    private BundleService<LocalNode> node;
    private StudyBrowser browser;
    private Composite fallback;

    @Override
    public void createPartControl(Composite parent) {
        try {
            node = BundleService.get(StudyBrowserView.class, LocalNode.class);
        } catch (IllegalStateException e) {
            fallback = parent;
            new Label(parent, SWT.WRAP).setText("There is no catalog to browse: " + e.getMessage());
            return;
        }
        browser = new StudyBrowser(parent, node.service(), new WorkbenchHost());
        getSite().setSelectionProvider(browser.viewer());
        getSite().registerContextMenu(browser.contextMenu(), browser.viewer()); // "Send to..." and others join
    }

    /** The browser inside, or {@code null} when the node service is missing (tests of the workbench). */
    public StudyBrowser browser() {
        return browser;
    }

    @Override
    public void setFocus() {
        if (browser != null) {
            browser.viewer().getControl().setFocus();
        } else if (fallback != null) {
            fallback.setFocus();
        }
    }

    @Override
    public void dispose() {
        super.dispose(); // the browser's widgets (and its node listener) go first
        if (node != null) {
            node.close();
        }
    }

    /** The browser's questions answered with dialogs, images shown in the Viewer. */
    private final class WorkbenchHost implements BrowserHost {
        @Override
        public void open(List<Path> files) {
            try {
                Viewer.open(getSite().getPage(), files);
            } catch (PartInitException e) {
                warn("Open", "Cannot show the viewer: " + e.getMessage());
            }
        }

        @Override
        public boolean confirm(String title, String message) {
            return MessageDialog.openConfirm(getSite().getShell(), title, message);
        }

        @Override
        public void warn(String title, String message) {
            MessageDialog.openWarning(getSite().getShell(), title, message);
        }

        @Override
        public void status(String message) {
            getViewSite().getActionBars().getStatusLineManager().setMessage(message);
        }
    }
}
