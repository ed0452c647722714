package org.lightbox.storage.internal;

import java.util.List;
import java.util.concurrent.Executor;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.QueryOptions;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.NodeSettings;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.AcceptorPolicy;
import org.lightbox.dicom.net.DicomServiceRegistry;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.storage.internal.commit.StorageCommitmentScp;
import org.lightbox.storage.internal.query.FindScp;
import org.lightbox.storage.internal.query.GetScp;
import org.lightbox.storage.internal.query.Identifiers;
import org.lightbox.storage.internal.query.MoveScp;
import org.lightbox.storage.internal.store.StorageScp;

/**
 * Assembles the node's services into the network layer's registry (one small service per SOP class and command)
 * and its acceptor policy (who may call, what is accepted, in which transfer syntax order).
 */
public final class NodeServices {

    /**
     * Can never be a calling AE title (longer than the 16 bytes an A-ASSOCIATE-RQ carries): listing only it makes
     * the acceptor policy refuse every caller, where an empty list would mean "anyone".
     */
    public static final String NO_CALLER = "<no caller is accepted>";

    private NodeServices() {
    }

    /** The registry of every service the node offers. */
    public static DicomServiceRegistry registry(DeviceConfiguration config, Catalog catalog, FileStore store,
            OutboundConnector connector, NodeEvents events, ReceiveLog receives, CallerQueue callers,
            Executor executor) {
        NodeSettings node = config.node();
        QueryOptions options = QueryOptions.DEFAULT.withCaseInsensitivePersonNames(
                config.storage().caseInsensitiveNames()).withRetrieveAETitle(node.aeTitle());
        DicomServiceRegistry r = new DicomServiceRegistry().withVerification();
        r.register(NodeCapabilities.storageSopClasses(), CommandField.C_STORE_RQ,
                serial(new StorageScp(store, events, receives), node, callers));
        r.register(NodeCapabilities.FIND, CommandField.C_FIND_RQ,
                serial(afterIndexing(new FindScp(catalog, options, events, executor), store), node, callers));
        r.register(NodeCapabilities.MOVE, CommandField.C_MOVE_RQ,
                serial(afterIndexing(new MoveScp(catalog, store, config, connector, options, events), store), node,
                        callers));
        r.register(NodeCapabilities.GET, CommandField.C_GET_RQ,
                serial(afterIndexing(new GetScp(catalog, store, options, node.aeTitle(), events), store), node,
                        callers));
        r.register(UID.StorageCommitmentPushModel, CommandField.N_ACTION_RQ,
                serial(afterIndexing(new StorageCommitmentScp(catalog, store, config, connector, events, executor),
                        store), node, callers));
        return r;
    }

    /** Queries, retrieves and commitment see every instance acknowledged before them. */
    private static DimseService afterIndexing(DimseService s, FileStore store) {
        return rq -> {
            store.awaitIndexing();
            s.onRequest(rq);
        };
    }

    private static DimseService serial(DimseService s, NodeSettings node, CallerQueue callers) {
        return node.serialisePerCaller() ? callers.serialise(s) : s;
    }

    /** Accepts the registry's SOP classes in the seed's transfer syntax order; strict about callers if configured. */
    public static AcceptorPolicy policy(DeviceConfiguration config, DicomServiceRegistry registry) {
        AcceptorPolicy p = new AcceptorPolicy().addSopClasses(registry.sopClasses())
                .transferSyntaxOrder(NodeCapabilities.transferSyntaxOrder())
                .extendedNegotiation(Identifiers::answerExtendedNegotiation)
                .maxPduReceive(config.node().maxPduReceive());
        if (!config.node().acceptUnknownCallers()) {
            // strict: only the remote AE table may call, and only by our own AE title (seed 3.1.3)
            List<String> known = config.remoteAes().stream().map(RemoteAe::aeTitle).toList();
            p.callingAeTitles(known.isEmpty() ? List.of(NO_CALLER) : known);
            p.calledAeTitles(List.of(config.node().aeTitle()));
        }
        return p;
    }
}
