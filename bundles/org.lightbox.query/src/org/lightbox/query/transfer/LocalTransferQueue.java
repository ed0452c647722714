package org.lightbox.query.transfer;

import java.io.IOException;

import org.lightbox.catalog.CatalogException;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.storage.LocalNode;
import org.lightbox.storage.ReceivedBytes;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The transfer queue of this process's data folder, over the {@link LocalNode}'s catalog and store: the workbench's
 * send, retrieve and Activity views share it. It opens (and resumes what a previous run left) on first use, and
 * makes the node accept the storage commitment reports that peers send on associations of their own.
 */
@Component(service = LocalTransferQueue.class)
public final class LocalTransferQueue implements AutoCloseable {
    private final LocalNode node;
    private final ReceivedBytes received = new ReceivedBytes();
    private TransferQueue queue;

    @Activate
    public LocalTransferQueue(@Reference LocalNode node) {
        this.node = node;
    }

    /** The node whose catalog and store the queue uses. */
    public LocalNode node() {
        return node;
    }

    /** The queue, started on first use. */
    public synchronized TransferQueue queue() throws IOException {
        if (queue == null) {
            DeviceConfiguration config = node.configuration();
            TransferQueue q = new TransferQueue(node.fileStore(), TransferQueueSettings.forNode(config,
                    node.home().root()), node.associationLog());
            try {
                q.start();
            } catch (CatalogException e) {
                q.close();
                throw new IOException("cannot start the transfer queue: " + e.getMessage(), e);
            }
            node.addService(UID.StorageCommitmentPushModel, CommandField.N_EVENT_REPORT_RQ,
                    q.commitmentReportService());
            node.addListener(received);
            q.receivedBytes(received);
            queue = q;
        }
        return queue;
    }

    @Deactivate
    @Override
    public synchronized void close() {
        if (queue != null) {
            node.removeService(UID.StorageCommitmentPushModel, CommandField.N_EVENT_REPORT_RQ);
            node.removeListener(received);
            queue.close();
            queue = null;
        }
    }
}
