package org.lightbox.query.ui.internal.transfer;

import java.io.IOException;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.lightbox.storage.ui.BundleService;
import org.lightbox.query.transfer.LocalTransferQueue;

/** The "Transfers" view of the Activity perspective: the {@link TransferTable} of the workbench's queue. */
public final class TransferQueueView extends ViewPart {

    public static final String ID = "org.lightbox.query.ui.TransferQueueView";

    private BundleService<LocalTransferQueue> transfers;
    private TransferTable table;
    private Composite fallback;

    @Override
    public void createPartControl(Composite parent) {
        try {
            transfers = BundleService.get(TransferQueueView.class, LocalTransferQueue.class);
            table = new TransferTable(parent, transfers.service().queue());
        } catch (IllegalStateException | IOException e) {
            fallback = parent;
            new Label(parent, SWT.WRAP).setText("The transfer queue is not available: " + e.getMessage());
        }
    }

    /** The table inside, or {@code null} when the queue is not available. */
    public TransferTable table() {
        return table;
    }

    @Override
    public void setFocus() {
        if (table != null) {
            table.jobsViewer().getControl().setFocus();
        } else if (fallback != null) {
            fallback.setFocus();
        }
    }

    @Override
    public void dispose() {
        super.dispose();
        if (transfers != null) {
            transfers.close();
        }
    }
}
