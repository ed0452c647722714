package org.lightbox.storage.internal.query;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.lightbox.catalog.ActivityLog;
import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.QueryOptions;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.DimseRequest;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.dicom.net.DimseStatusException;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.storage.NodeEvent;
import org.lightbox.storage.internal.NodeEvents;
import org.lightbox.storage.internal.OutboundConnector;

/**
 * The Retrieve SCP (C-MOVE): sends the identifier's instances as C-STORE sub-operations on a new association to a
 * destination from the remote AE table, with a pending response after each, the failed instances listed in the
 * final response, and C-CANCEL honoured between two sub-operations.
 */
public final class MoveScp implements DimseService {

    private final Catalog catalog;
    private final InstanceSender sender;
    private final DeviceConfiguration config;
    private final OutboundConnector connector;
    private final QueryOptions options;
    private final NodeEvents events;

    public MoveScp(Catalog catalog, FileStore store, DeviceConfiguration config, OutboundConnector connector,
            QueryOptions options, NodeEvents events) {
        this.catalog = catalog;
        this.sender = new InstanceSender(store);
        this.config = config;
        this.connector = connector;
        this.options = options;
        this.events = events;
    }

    @Override
    public void onRequest(DimseRequest rq) throws IOException {
        String caller = rq.association().callingAeTitle();
        String destination = rq.command().getString(CommandTag.MoveDestination);
        try {
            Optional<RemoteAe> remote = destination == null ? Optional.empty() : config.remoteAe(destination);
            if (remote.isEmpty()) {
                throw new DimseStatusException(Status.MOVE_DESTINATION_UNKNOWN, "move destination "
                        + (destination == null ? "missing" : destination + " is not in the remote AE table"));
            }
            try (Retrieval r = Retrieval.locate(catalog, Identifiers.query(rq, Identifiers.read(rq), options))) {
                move(rq, r, remote.get(), caller);
            }
        } catch (DimseStatusException e) {
            Failures.respond(rq, e);
            events.fire(new NodeEvent.RetrieveCompleted(Instant.now(), rq.association().label(), caller, destination,
                    false, 0, 0, 0, e.status(), List.of()));
        }
    }

    private void move(DimseRequest rq, Retrieval r, RemoteAe remote, String caller) throws IOException {
        SubOperations ops = new SubOperations(rq, r.instances().size());
        boolean cancelled = false;
        String comment = null;
        int messageId = rq.command().messageId();
        batches:
        for (RetrievePlan.Batch b : RetrievePlan.batches(r.instances())) {
            List<InstanceFile> todo = b.instances();
            int done = 0;
            Association out = null;
            try {
                out = open(remote, b);
                for (; done < todo.size(); done++) {
                    if (rq.isCancelled()) {
                        cancelled = true;
                        break batches;
                    }
                    InstanceFile f = todo.get(done);
                    InstanceSender.Result res = sender.send(out, f, caller, messageId);
                    InstanceSender.count(ops, f, res);
                    r.record(f, res);
                    if (res.reason() != null) {
                        comment = res.reason();
                    }
                    ops.pending();
                }
            } catch (IOException e) {
                comment = "to " + remote.aeTitle() + ": " + Retrieval.reason(e);
                for (; done < todo.size(); done++) {
                    InstanceFile f = todo.get(done);
                    InstanceSender.Result res = new InstanceSender.Result(InstanceSender.Outcome.FAILED, comment, 0);
                    InstanceSender.count(ops, f, res);
                    r.record(f, res);
                }
            } finally {
                end(out);
            }
        }
        ops.respondFinal(cancelled, comment, status -> {
            r.log(activityLog(), config.node().aeTitle(), remote.aeTitle(), remote.host(), status);
            events.fire(new NodeEvent.RetrieveCompleted(Instant.now(), rq.association().label(), caller,
                    remote.aeTitle(), false, ops.completedCount(), ops.failedCount(), ops.warningCount(), status,
                    ops.failedUids()));
        });
    }

    private ActivityLog activityLog() {
        return catalog.activityLog();
    }

    private Association open(RemoteAe remote, RetrievePlan.Batch b) throws IOException {
        AAssociateRq req = new AAssociateRq().calledAeTitle(remote.aeTitle()).callingAeTitle(config.node().aeTitle());
        b.propose(req);
        return connector.open(remote, req);
    }

    private static void end(Association a) {
        if (a == null || !a.isOpen()) {
            return;
        }
        try {
            a.release();
        } catch (IOException e) {
            a.abort();
        }
    }
}
