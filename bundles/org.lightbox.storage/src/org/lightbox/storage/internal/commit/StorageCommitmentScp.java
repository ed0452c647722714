package org.lightbox.storage.internal.commit;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.FileStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.DimseRequest;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.dicom.net.DimseStatusException;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.storage.internal.NodeEvents;
import org.lightbox.storage.internal.OutboundConnector;
import org.lightbox.storage.internal.query.Identifiers;

/**
 * The Storage Commitment Push Model SCP: accepts an N-ACTION (Request Storage Commitment) at once, then checks
 * the referenced instances and reports the outcome with an N-EVENT-REPORT in the background (same association if
 * still open, else a new one).
 */
public final class StorageCommitmentScp implements DimseService {

    private final CommitmentReporter reporter;
    private final Executor executor;

    public StorageCommitmentScp(Catalog catalog, FileStore store, DeviceConfiguration config,
            OutboundConnector connector, NodeEvents events, Executor executor) {
        this.reporter = new CommitmentReporter(catalog, store, config, connector, events);
        this.executor = executor;
    }

    @Override
    public void onRequest(DimseRequest rq) throws IOException, DimseStatusException {
        String instance = rq.command().sopInstanceUid();
        if (!UID.StorageCommitmentPushModelInstance.equals(instance)) {
            throw new DimseStatusException(Status.NO_SUCH_SOP_INSTANCE, "requested SOP instance " + instance
                    + " is not the well-known " + UID.StorageCommitmentPushModelInstance);
        }
        int action = rq.command().getInt(CommandTag.ActionTypeID, -1);
        if (action != 1) {
            throw new DimseStatusException(Status.NO_SUCH_ACTION, "action type " + action
                    + " is not 1 (Request Storage Commitment)");
        }
        Attributes info = Identifiers.read(rq);
        CommitmentRequest request = CommitmentRequest.of(info);
        Association a = rq.association();
        String requester = a.callingAeTitle();
        rq.respond(rq.newResponse(Status.SUCCESS).setInt(CommandTag.ActionTypeID, 1), null);
        try {
            executor.execute(() -> reporter.report(a, requester, request));
        } catch (RejectedExecutionException e) {
            // the node is stopping: the requester asks again on its next association
        }
    }
}
