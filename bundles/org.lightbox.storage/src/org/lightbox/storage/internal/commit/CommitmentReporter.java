package org.lightbox.storage.internal.commit;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.FileStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.storage.NodeEvent;
import org.lightbox.storage.internal.NodeEvents;
import org.lightbox.storage.internal.OutboundConnector;
import org.lightbox.storage.internal.query.Identifiers;

/**
 * Checks a commitment request against the catalog and the store and sends the N-EVENT-REPORT: on the requesting
 * association while it is open and takes it, else on a new association to the requester, found by its AE title
 * in the remote AE table (we propose the SCP role of the Storage Commitment Push Model class, PS3.4 J.3.3).
 */
final class CommitmentReporter {
    private static final System.Logger LOG = System.getLogger(CommitmentReporter.class.getName());

    private final Catalog catalog;
    private final FileStore store;
    private final DeviceConfiguration config;
    private final OutboundConnector connector;
    private final NodeEvents events;

    CommitmentReporter(Catalog catalog, FileStore store, DeviceConfiguration config, OutboundConnector connector,
            NodeEvents events) {
        this.catalog = catalog;
        this.store = store;
        this.config = config;
        this.connector = connector;
        this.events = events;
    }

    void report(Association requesting, String requesterAet, CommitmentRequest rq) {
        String tx = rq.transactionUid();
        CommitmentResult result;
        try {
            result = CommitmentResult.check(rq, catalog, store);
        } catch (CatalogException e) {
            fail(requesterAet, tx, "cannot check the catalog: " + e.getMessage());
            return;
        }
        String aet = config.node().aeTitle();
        if (requesting.isOpen() && sendOn(requesting, result, aet)) {
            done(requesterAet, result, true);
            return;
        }
        Optional<RemoteAe> remote = config.remoteAe(requesterAet);
        if (remote.isEmpty()) {
            fail(requesterAet, tx, "the association has ended and " + requesterAet
                    + " is not in the remote AE table");
            return;
        }
        try {
            AAssociateRq req = new AAssociateRq().calledAeTitle(requesterAet).callingAeTitle(aet);
            req.addPresentationContext(UID.StorageCommitmentPushModel, UID.ExplicitVRLittleEndian,
                    UID.ImplicitVRLittleEndian);
            req.addRoleSelection(UID.StorageCommitmentPushModel, false, true);
            Association a = connector.open(remote.get(), req);
            try {
                DimseResponse rsp = send(a, result, aet);
                if (!rsp.status().isSuccessOrWarning()) {
                    fail(requesterAet, tx, requesterAet + " answered the N-EVENT-REPORT with " + rsp.status());
                    return;
                }
            } finally {
                if (a.isOpen()) {
                    a.release();
                }
            }
            done(requesterAet, result, false);
        } catch (IOException e) {
            fail(requesterAet, tx, "cannot reach " + remote.get() + ": " + e.getMessage());
        }
    }

    /** True when the report went out on {@code a} and was answered with success. */
    private boolean sendOn(Association a, CommitmentResult result, String aet) {
        try {
            DimseResponse rsp = send(a, result, aet);
            if (rsp.status().isSuccessOrWarning()) {
                return true;
            }
            LOG.log(System.Logger.Level.INFO, "{0}: N-EVENT-REPORT refused ({1}); trying a new association",
                    a.label(), rsp.status());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: N-EVENT-REPORT not delivered ({1}); trying a new association",
                    a.label(), e.getMessage());
        }
        return false;
    }

    private static DimseResponse send(Association a, CommitmentResult result, String aet) throws IOException {
        return a.nEventReport(UID.StorageCommitmentPushModel, UID.StorageCommitmentPushModelInstance,
                result.eventTypeId(), Identifiers.writer(result.eventInformation(aet)));
    }

    private void done(String requester, CommitmentResult r, boolean same) {
        events.fire(new NodeEvent.CommitmentReported(Instant.now(), requester, r.request().transactionUid(),
                r.committed().size(), r.failed().size(), same, null));
    }

    private void fail(String requester, String tx, String why) {
        LOG.log(System.Logger.Level.WARNING, "storage commitment {0} for {1}: {2}", tx, requester, why);
        events.fire(new NodeEvent.CommitmentReported(Instant.now(), requester, tx, 0, 0, false, why));
    }
}
