package org.lightbox.query.ui.internal;

import java.io.IOException;

import org.lightbox.catalog.CatalogException;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.query.transfer.TransferQueue;
import org.lightbox.query.transfer.TransferQueueSettings;
import org.lightbox.storage.LocalNode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The workbench's transfer queue over the {@link LocalNode}'s catalog and store, with sends and retrieves: one per
 * process, shared by the Remote view, the queue view and "Send to...". Created on first use (the catalog opens
 * then), closed with the bundle; jobs left running are requeued at the next start.
 */
@Component(service = WorkbenchTransfers.class)
public final class WorkbenchTransfers implements AutoCloseable {

    private final LocalNode node;
    private TransferQueue queue;

    @Activate
    public WorkbenchTransfers(@Reference LocalNode node) {
        this.node = node;
    }

    public LocalNode node() {
        return node;
    }

    /** The running queue, started on first use. */
    public synchronized TransferQueue queue() throws IOException {
        if (queue == null) {
            DeviceConfiguration c = node.configuration();
            TransferQueueSettings settings = TransferQueueSettings.defaults(
                    TransferQueueSettings.ownerFor(node.home().root()), c.node().aeTitle())
                    .withConnection(ConnectionOptions.defaults().withMaxPduReceive(c.node().maxPduReceive()));
            TransferQueue q = new TransferQueue(node.fileStore(), settings);
            try {
                q.start();
            } catch (CatalogException e) {
                q.close();
                throw new IOException("cannot start the transfer queue: " + e.getMessage(), e);
            }
            queue = q;
        }
        return queue;
    }

    @Deactivate
    @Override
    public synchronized void close() {
        if (queue != null) {
            queue.close();
            queue = null;
        }
    }
}
