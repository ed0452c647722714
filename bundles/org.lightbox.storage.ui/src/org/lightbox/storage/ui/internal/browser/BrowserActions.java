package org.lightbox.storage.ui.internal.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.ToolBar;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StudyRecord;

/** The browser's commands, shared by its toolbar and context menu, enabled by what is selected. */
final class BrowserActions {

    final IAction refresh;
    final IAction open;
    final IAction importFiles;
    final IAction importFolder;
    final IAction protect;
    final IAction unprotect;
    final IAction delete;

    BrowserActions(StudyBrowser browser) {
        refresh = action("&Refresh", "Read the study list again", browser::refresh);
        open = action("&Open", "Open the selected series in the viewer", browser::openSelection);
        importFiles = action("Import &Files...", "Copy DICOM files into the local store", () -> {
            FileDialog d = new FileDialog(browser.getShell(), SWT.OPEN | SWT.MULTI);
            d.setText("Import DICOM files");
            if (d.open() != null) {
                List<Path> paths = new ArrayList<>();
                for (String name : d.getFileNames()) {
                    paths.add(Path.of(d.getFilterPath(), name));
                }
                browser.importPaths(paths);
            }
        });
        importFolder = action("Import F&older...", "Copy every DICOM file of a folder (and its subfolders)", () -> {
            DirectoryDialog d = new DirectoryDialog(browser.getShell());
            d.setText("Import a folder of DICOM files");
            String dir = d.open();
            if (dir != null) {
                browser.importPaths(List.of(Path.of(dir)));
            }
        });
        protect = action("&Protect", "Keep the selected studies from deletion and auto-delete",
                () -> browser.protectSelection(true));
        unprotect = action("&Unprotect", "Allow the selected studies to be deleted again",
                () -> browser.protectSelection(false));
        delete = action("&Delete...", "Delete the selected studies and their files", browser::deleteSelection);
    }

    private static IAction action(String text, String tip, Runnable run) {
        Action a = new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
        a.setToolTipText(tip);
        return a;
    }

    ToolBar toolBar(Composite parent) {
        ToolBarManager m = new ToolBarManager(SWT.FLAT | SWT.RIGHT | SWT.WRAP);
        m.add(refresh);
        m.add(open);
        m.add(new Separator());
        m.add(importFiles);
        m.add(importFolder);
        m.add(new Separator());
        m.add(protect);
        m.add(unprotect);
        m.add(delete);
        return m.createControl(parent);
    }

    /** The tree's context menu; other bundles add to its "additions" group once the view registers it. */
    MenuManager contextMenu(TreeViewer viewer) {
        MenuManager m = new MenuManager("#StudyBrowser");
        m.add(open);
        m.add(new Separator());
        m.add(protect);
        m.add(unprotect);
        m.add(delete);
        m.add(new Separator());
        m.add(importFiles);
        m.add(importFolder);
        m.add(refresh);
        m.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        viewer.getTree().setMenu(m.createContextMenu(viewer.getTree()));
        return m;
    }

    /** Enables what makes sense for {@code selection}. */
    void update(IStructuredSelection selection) {
        boolean anyStudy = false;
        boolean anyProtected = false;
        boolean anyUnprotected = false;
        boolean anyRow = false;
        for (Object o : selection.toList()) {
            List<StudyRecord> studies = o instanceof PatientGroup p ? p.studies()
                    : o instanceof StudyRecord s ? List.of(s) : List.of();
            for (StudyRecord s : studies) {
                anyStudy = true;
                anyProtected |= s.isProtected();
                anyUnprotected |= !s.isProtected();
            }
            anyRow |= !studies.isEmpty() || o instanceof SeriesRecord;
        }
        open.setEnabled(anyRow);
        delete.setEnabled(anyStudy);
        protect.setEnabled(anyUnprotected);
        unprotect.setEnabled(anyProtected);
    }
}
