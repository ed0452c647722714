package org.lightbox.storage.internal.query;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.QueryOptions;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.DimseRequest;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.dicom.net.DimseStatusException;
import org.lightbox.dicom.net.pdu.RoleSelection;
import org.lightbox.storage.NodeEvent;
import org.lightbox.storage.internal.NodeEvents;

/**
 * The Retrieve SCP (C-GET): sends the identifier's instances as C-STORE sub-operations on the requesting
 * association itself, which must have negotiated the SCP role for their storage SOP classes (role selection).
 */
public final class GetScp implements DimseService {

    private final Catalog catalog;
    private final InstanceSender sender;
    private final QueryOptions options;
    private final String aeTitle;
    private final NodeEvents events;

    public GetScp(Catalog catalog, FileStore store, QueryOptions options, String aeTitle, NodeEvents events) {
        this.catalog = catalog;
        this.sender = new InstanceSender(store);
        this.options = options;
        this.aeTitle = aeTitle;
        this.events = events;
    }

    @Override
    public void onRequest(DimseRequest rq) throws IOException {
        Association a = rq.association();
        String caller = a.callingAeTitle();
        try (Retrieval r = Retrieval.locate(catalog, Identifiers.query(rq, Identifiers.read(rq), options))) {
            SubOperations ops = new SubOperations(rq, r.instances().size());
            boolean cancelled = false;
            String comment = null;
            for (InstanceFile f : r.instances()) {
                if (rq.isCancelled()) {
                    cancelled = true;
                    break;
                }
                RoleSelection roles = a.negotiatedRoles(f.sopClassUid());
                InstanceSender.Result res = roles == null || !roles.scpRole()
                        ? new InstanceSender.Result(InstanceSender.Outcome.FAILED, "no SCP role negotiated for "
                                + f.sopClassUid(), 0)
                        : sender.send(a, f, null, -1);
                InstanceSender.count(ops, f, res);
                r.record(f, res);
                if (res.reason() != null) {
                    comment = res.reason();
                }
                ops.pending();
            }
            ops.respondFinal(cancelled, comment, status -> {
                r.log(catalog.activityLog(), aeTitle, caller, hostOf(a), status);
                events.fire(new NodeEvent.RetrieveCompleted(Instant.now(), a.label(), caller, caller, true,
                        ops.completedCount(), ops.failedCount(), ops.warningCount(), status, ops.failedUids()));
            });
        } catch (DimseStatusException e) {
            Failures.respond(rq, e);
            events.fire(new NodeEvent.RetrieveCompleted(Instant.now(), a.label(), caller, caller, true, 0, 0, 0,
                    e.status(), List.of()));
        }
    }

    private static String hostOf(Association a) {
        try {
            return a.remoteAddress().getHostString();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
