package org.lightbox.query.ui.internal.remote;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.lightbox.config.RetrieveMethod;
import org.lightbox.storage.ui.BundleService;
import org.lightbox.query.transfer.LocalTransferQueue;
import org.lightbox.storage.LocalNode;

/**
 * The "Remote" view: the {@link RemoteBrowser} over the data folder's node, retrieving through the workbench's
 * transfer queue. Its result tree is the part's selection.
 */
public final class RemoteQueryView extends ViewPart {

    public static final String ID = "org.lightbox.query.ui.RemoteQueryView";

    private BundleService<LocalNode> node;
    private BundleService<LocalTransferQueue> transfers;
    private RemoteBrowser browser;
    private Composite fallback;

    @Override
    public void createPartControl(Composite parent) {
        try {
            node = BundleService.get(RemoteQueryView.class, LocalNode.class);
            transfers = BundleService.get(RemoteQueryView.class, LocalTransferQueue.class);
        } catch (IllegalStateException e) {
            fallback = parent;
            new Label(parent, SWT.WRAP).setText("Remote query is not available: " + e.getMessage());
            return;
        }
        LocalNode n = node.service();
        LocalTransferQueue t = transfers.service();
        browser = new RemoteBrowser(parent, n, job -> {
            if (job.source().retrieve() == RetrieveMethod.MOVE && !n.running()) {
                n.start(); // the instances of a C-MOVE come to our Storage SCP
            }
            return t.queue().submit(job);
        });
        getSite().setSelectionProvider(browser.results().viewer());
    }

    /** The browser inside, or {@code null} when the node service is missing. */
    public RemoteBrowser browser() {
        return browser;
    }

    @Override
    public void setFocus() {
        if (browser != null) {
            browser.reloadRemotes(); // the preferences may have changed the remote AEs meanwhile
            browser.setFocus();
        } else if (fallback != null) {
            fallback.setFocus();
        }
    }

    @Override
    public void dispose() {
        super.dispose(); // the browser's widgets (and its query association) go first
        if (transfers != null) {
            transfers.close();
        }
        if (node != null) {
            node.close();
        }
    }
}
