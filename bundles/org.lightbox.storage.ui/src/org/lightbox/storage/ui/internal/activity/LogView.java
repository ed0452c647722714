package org.lightbox.storage.ui.internal.activity;

import java.util.function.BiFunction;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.part.ViewPart;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.ui.BundleService;

/** A view holding one of the node's log tables, over the data folder's node. */
abstract class LogView extends ViewPart {
    private final BiFunction<Composite, LocalNode, Control> table;
    private BundleService<LocalNode> node;
    private Control content;

    LogView(BiFunction<Composite, LocalNode, Control> table) {
        this.table = table;
    }

    @Override
    public void createPartControl(Composite parent) {
        try {
            node = BundleService.get(getClass(), LocalNode.class);
            content = table.apply(parent, node.service());
        } catch (IllegalStateException e) {
            content = NodeStatusView.unavailable(parent, e.getMessage());
        }
    }

    /** What the view shows: its table, or why the node is not available. */
    Control content() {
        return content;
    }

    @Override
    public void setFocus() {
        content.setFocus();
    }

    @Override
    public void dispose() {
        if (node != null) {
            node.close();
        }
        super.dispose();
    }
}
