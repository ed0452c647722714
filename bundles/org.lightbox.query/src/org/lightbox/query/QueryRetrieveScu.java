package org.lightbox.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.lightbox.catalog.FileStore;
import org.lightbox.config.AeTitle;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.RetrieveMethod;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.DicomServiceRegistry;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PresentationContext;
import org.lightbox.dicom.net.pdu.RoleSelection;
import org.lightbox.query.internal.AssociationRequests;
import org.lightbox.storage.NodeTls;
import org.lightbox.query.internal.GetStoreService;
import org.lightbox.query.internal.ModelSopClasses;
import org.lightbox.query.internal.RetrieveExchange;

/**
 * The remote Query/Retrieve SCU: C-FIND in Patient Root, Study Root or Patient/Study Only, and retrieval by C-MOVE
 * (to our node or another destination) or C-GET (into the local file store and catalog, on the same association).
 * Headless, blocking calls: run them off the UI thread and cancel them with a {@link Cancellation}. Thread-safe;
 * every call opens its own association (or uses a {@link QuerySession}).
 */
public final class QueryRetrieveScu {
    private final String callingAeTitle;
    private final ConnectionOptions options;
    private final List<AssociationListener> watchers;

    /**
     * @param callingAeTitle our AE title, also the default C-MOVE destination (our node)
     * @param options        transport settings; TLS is used for remote AEs flagged TLS and must then be set
     */
    public QueryRetrieveScu(String callingAeTitle, ConnectionOptions options) {
        this(AeTitle.check(callingAeTitle), options, List.of());
    }

    private QueryRetrieveScu(String callingAeTitle, ConnectionOptions options, List<AssociationListener> watchers) {
        this.callingAeTitle = callingAeTitle;
        this.options = options;
        this.watchers = watchers;
    }

    /**
     * This SCU, with {@code watcher} told about every association it opens (e.g. an association log recorder).
     */
    public QueryRetrieveScu withAssociationListener(AssociationListener watcher) {
        List<AssociationListener> all = new ArrayList<>(watchers);
        all.add(Objects.requireNonNull(watcher, "watcher"));
        return new QueryRetrieveScu(callingAeTitle, options, List.copyOf(all));
    }

    /** As the node: its AE title and maximum PDU length. */
    public static QueryRetrieveScu forNode(DeviceConfiguration configuration) throws IOException {
        return new QueryRetrieveScu(configuration.node().aeTitle(), NodeTls.withTls(ConnectionOptions.defaults()
                .withMaxPduReceive(configuration.node().maxPduReceive()), configuration));
    }

    public String callingAeTitle() {
        return callingAeTitle;
    }

    private Association open(RemoteAe remote, AAssociateRq rq, DicomServiceRegistry services) throws IOException {
        ConnectionOptions o = options;
        if (remote.tls() && o.tls() == null) {
            throw new IOException(remote + " needs DICOM TLS, but no key and trust store are configured");
        }
        if (!remote.tls() && o.tls() != null) {
            o = o.withTls(null);
        }
        Connector c = new Connector(o);
        watchers.forEach(c::addListener);
        if (services != null) {
            c.services(services);
        }
        return c.open(remote.host(), remote.port(), rq);
    }

    /** Opens a query association offering C-FIND in every model. */
    public QuerySession openSession(RemoteAe remote) throws IOException {
        return new QuerySession(open(remote, AssociationRequests.find(callingAeTitle, remote.aeTitle()), null),
                remote);
    }

    /** One C-FIND on its own association, streaming the matches. */
    public FindOutcome find(RemoteAe remote, FindRequest request, FindListener listener, Cancellation cancellation)
            throws IOException {
        try (QuerySession s = openSession(remote)) {
            return s.find(request, listener, cancellation);
        }
    }

    /** All matches of one C-FIND; a failure status throws {@link QuerySession.QueryFailedException}. */
    public List<Attributes> find(RemoteAe remote, FindRequest request) throws IOException {
        try (QuerySession s = openSession(remote)) {
            return s.find(request);
        }
    }

    /**
     * Retrieves by the remote AE's configured method: C-MOVE to our own AE title, or C-GET into {@code store}.
     */
    public RetrieveOutcome retrieve(RemoteAe remote, RetrieveRequest request, FileStore store,
            RetrieveListener listener, Cancellation cancellation) throws IOException {
        return remote.retrieve() == RetrieveMethod.GET ? get(remote, request, store, listener, cancellation)
                : move(remote, request, null, listener, cancellation);
    }

    /**
     * C-MOVE: the remote sends the instances to {@code destination} (our AE title when {@code null}; the remote
     * must know where that is) on a separate association.
     */
    public RetrieveOutcome move(RemoteAe remote, RetrieveRequest request, String destination,
            RetrieveListener listener, Cancellation cancellation) throws IOException {
        String dest = destination == null ? callingAeTitle : AeTitle.check(destination);
        Association a = open(remote, AssociationRequests.move(callingAeTitle, remote.aeTitle(), request.model()),
                null);
        try {
            RetrieveOutcome o = RetrieveExchange.move(a, ModelSopClasses.move(request.model()), dest,
                    request.identifier(), listener(listener), cancellation);
            a.release();
            return o;
        } finally {
            if (a.isOpen()) {
                a.abort();
            }
        }
    }

    /**
     * C-GET: the remote sends the instances back on the same association; each is acknowledged once durable in
     * {@code store}, and all of them are in its catalog when this returns.
     *
     * @throws IOException also when the remote refused C-GET or every storage context (role selection refused)
     */
    public RetrieveOutcome get(RemoteAe remote, RetrieveRequest request, FileStore store, RetrieveListener listener,
            Cancellation cancellation) throws IOException {
        RetrieveListener l = listener(listener);
        GetStoreService storage = new GetStoreService(store, l);
        AAssociateRq rq = AssociationRequests.get(callingAeTitle, remote.aeTitle(), request.model(),
                request.sopClasses());
        DicomServiceRegistry services = new DicomServiceRegistry();
        for (PresentationContext pc : rq.presentationContexts()) {
            if (!pc.abstractSyntax().equals(ModelSopClasses.get(request.model()))) {
                services.register(pc.abstractSyntax(), CommandField.C_STORE_RQ, storage);
            }
        }
        Association a = open(remote, rq, services);
        try {
            checkStorageRoles(a, rq);
            RetrieveOutcome o = RetrieveExchange.get(a, ModelSopClasses.get(request.model()), request.identifier(), l,
                    storage::received, cancellation);
            a.release();
            store.awaitIndexing(); // what was retrieved is in the catalog when this returns
            return o;
        } finally {
            if (a.isOpen()) {
                a.abort();
            }
        }
    }

    /** Without an accepted storage context in which we may be SCP, nothing could come back: say so up front. */
    private static void checkStorageRoles(Association a, AAssociateRq rq) throws IOException {
        for (PresentationContext pc : rq.presentationContexts()) {
            String cuid = pc.abstractSyntax();
            if (a.transferSyntax(pc.id()) == null || rq.userInformation().roleSelection(cuid) == null) {
                continue;
            }
            RoleSelection granted = a.negotiatedRoles(cuid);
            if (granted != null && granted.scpRole()) {
                return;
            }
        }
        throw new IOException(a.label() + ": the peer accepted no storage context with us as SCP (role "
                + "selection), so C-GET could not deliver anything");
    }

    private static RetrieveListener listener(RetrieveListener l) {
        return l == null ? RetrieveListener.NONE : l;
    }
}
