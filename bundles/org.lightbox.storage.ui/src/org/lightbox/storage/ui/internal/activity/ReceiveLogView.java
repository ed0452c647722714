package org.lightbox.storage.ui.internal.activity;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.ui.part.ViewPart;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.ui.BundleService;

/** The Activity perspective's receive log. */
public final class ReceiveLogView extends ViewPart {

    public static final String ID = "org.lightbox.storage.ui.ReceiveLogView";

    private BundleService<LocalNode> node;
    private Control content;

    @Override
    public void createPartControl(Composite parent) {
        try {
            node = BundleService.get(ReceiveLogView.class, LocalNode.class);
            content = ReceiveLogTable.create(parent, node.service());
        } catch (IllegalStateException e) {
            content = NodeStatusView.unavailable(parent, e.getMessage());
        }
    }

    /** What the view shows: its panel, or why the node is not available. */
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
