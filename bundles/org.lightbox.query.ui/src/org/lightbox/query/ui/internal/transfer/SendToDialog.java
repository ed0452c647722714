package org.lightbox.query.ui.internal.transfer;

import java.util.List;

import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.SelectionListener;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.dialogs.ElementListSelectionDialog;
import org.lightbox.config.RemoteAe;

/** Picks the remote AE to send to, and whether to ask it for storage commitment afterwards. */
final class SendToDialog extends ElementListSelectionDialog {
    private boolean commit;

    SendToDialog(Shell shell, List<RemoteAe> remotes) {
        super(shell, new LabelProvider() {
            @Override
            public String getText(Object element) {
                RemoteAe r = (RemoteAe) element;
                return r.aeTitle() + " (" + r.host() + ":" + r.port() + ")"
                        + (r.description() == null || r.description().isEmpty() ? "" : " - " + r.description());
            }
        });
        setTitle("Send to");
        setMessage("Send the selection to:");
        setElements(remotes.toArray());
        setMultipleSelection(false);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Button b = new Button(area, SWT.CHECK);
        b.setText("Request storage commitment after the send");
        b.setToolTipText("The remote confirms that it keeps the images; committed studies can then be deleted here"
                + " by the auto-delete rule 'delete once committed'");
        b.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> commit = b.getSelection()));
        return area;
    }

    /** The chosen remote AE, or null. */
    RemoteAe destination() {
        return (RemoteAe) getFirstResult();
    }

    boolean commit() {
        return commit;
    }
}
