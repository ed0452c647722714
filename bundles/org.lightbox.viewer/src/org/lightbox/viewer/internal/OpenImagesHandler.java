package org.lightbox.viewer.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.ExecutionException;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.lightbox.viewer.Viewer;

/**
 * File > Open Images... (files) and File > Open Image Folder... (a folder, walked): asks, then opens the choice
 * in the Viewer. The command's id tells which dialog to show.
 */
public class OpenImagesHandler extends AbstractHandler {

    public static final String OPEN_FILES = "org.lightbox.viewer.openImages";
    public static final String OPEN_FOLDER = "org.lightbox.viewer.openImageFolder";

    @Override
    public Object execute(ExecutionEvent event) throws ExecutionException {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindowChecked(event);
        Shell shell = window.getShell();
        List<Path> chosen = OPEN_FOLDER.equals(event.getCommand().getId()) ? folder(shell) : files(shell);
        if (chosen.isEmpty()) {
            return null;
        }
        try {
            Viewer.open(window.getActivePage(), chosen);
        } catch (PartInitException e) {
            throw new ExecutionException("cannot show the viewer", e);
        }
        return null;
    }

    private static List<Path> files(Shell shell) {
        FileDialog d = new FileDialog(shell, SWT.OPEN | SWT.MULTI);
        d.setText("Open Images");
        d.setFilterExtensions(new String[] { "*", "*.dcm" });
        d.setFilterNames(new String[] { "All files", "DICOM files (*.dcm)" });
        if (d.open() == null) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        for (String name : d.getFileNames()) {
            out.add(Path.of(d.getFilterPath(), name));
        }
        return out;
    }

    private static List<Path> folder(Shell shell) {
        DirectoryDialog d = new DirectoryDialog(shell);
        d.setText("Open Image Folder");
        d.setMessage("Every DICOM image under the folder is opened.");
        String dir = d.open();
        return dir == null ? List.of() : List.of(Path.of(dir));
    }
}
