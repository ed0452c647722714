package org.lightbox.storage.ui.internal.browser;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.widgets.Control;

/** Files and folders dropped from the desktop onto a control are handed on for import (always a copy). */
final class FileDrop extends DropTargetAdapter {

    private final Consumer<List<Path>> importer;

    FileDrop(Control control, Consumer<List<Path>> importer) {
        this.importer = importer;
        DropTarget target = new DropTarget(control, DND.DROP_COPY | DND.DROP_MOVE | DND.DROP_DEFAULT);
        target.setTransfer(FileTransfer.getInstance());
        target.addDropListener(this);
    }

    @Override
    public void dragEnter(DropTargetEvent e) {
        copy(e);
    }

    @Override
    public void dragOperationChanged(DropTargetEvent e) {
        copy(e);
    }

    // the files stay where they are: the store gets copies
    private static void copy(DropTargetEvent e) {
        e.detail = (e.operations & DND.DROP_COPY) != 0 ? DND.DROP_COPY : DND.DROP_NONE;
    }

    @Override
    public void drop(DropTargetEvent e) {
        if (e.data instanceof String[] names && names.length > 0) {
            importer.accept(paths(names));
        }
    }

    static List<Path> paths(String[] names) {
        List<Path> out = new ArrayList<>(names.length);
        for (String n : names) {
            out.add(Path.of(n));
        }
        return out;
    }
}
