package org.lightbox.storage.ui.internal.activity;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.lightbox.storage.ui.BundleService;

/** The Activity perspective's view of the node: its state, with Start and Stop. */
public final class NodeStatusView extends ViewPart {

    public static final String ID = "org.lightbox.storage.ui.NodeStatusView";

    private BundleService<NodeControl> control;
    private Control content;

    @Override
    public void createPartControl(Composite parent) {
        try {
            control = BundleService.get(NodeStatusView.class, NodeControl.class);
            content = new NodeStatusPanel(parent, control.service());
        } catch (IllegalStateException e) {
            content = unavailable(parent, e.getMessage());
        }
    }

    /** What a view shows when it cannot reach the node. */
    static Control unavailable(Composite parent, String why) {
        Label l = new Label(parent, SWT.WRAP);
        l.setText("The DICOM node is not available: " + why);
        return l;
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
        if (control != null) {
            control.close();
        }
        super.dispose();
    }
}
