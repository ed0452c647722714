package org.lightbox.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.lightbox.catalog.AutoDeleteReport;
import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.FileStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.NodeSettings;
import org.lightbox.dicom.net.AcceptorPolicy;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationAbortedException;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.DicomServer;
import org.lightbox.dicom.net.DicomServiceRegistry;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.dicom.net.TlsOptions;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.storage.internal.ActivityRecorder;
import org.lightbox.storage.internal.AutoDeleteScheduler;
import org.lightbox.storage.internal.CallerQueue;
import org.lightbox.storage.internal.NodeEvents;
import org.lightbox.storage.internal.NodeServices;
import org.lightbox.storage.internal.OutboundConnector;
import org.lightbox.storage.internal.ReceiveLog;

/**
 * The local DICOM node: Verification, Storage (every storage SOP class, stored as received), Storage Commitment
 * (push model), Query/Retrieve (C-FIND, C-MOVE, C-GET) over a {@link Catalog} and its {@link FileStore}, with the
 * configured association policy (unknown callers, association limit, the seed's per-caller serialisation) and
 * auto-delete. The workbench embeds it; {@code lightbox node} runs it alone. With a TLS port configured, the node
 * also accepts DICOM TLS (PS3.15 B.1) there with the device's key and trust stores, serving the same services
 * under the same policy and association limit as on the plain port.
 * <p>
 * The node uses the catalog and the store but does not own them: open them first (e.g. with {@link NodeStorage},
 * whose recovery scan must run before the node starts) and close them after {@link #stop}. What happens is
 * written to the catalog's association, receive and send logs and reported to {@link NodeListener}s; raw network
 * events (e.g. transfer progress) are available through {@link #addAssociationListener}. Thread-safe.
 */
public final class Node implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Node.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Where the node is in its life. */
    public enum State {
        STOPPED, STARTING, RUNNING, STOPPING
    }

    /** How long {@link #stop()} lets running associations finish before aborting them. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final DeviceConfiguration config;
    private final Catalog catalog;
    private final FileStore store;
    private final NodeEvents events = new NodeEvents();
    private final List<AssociationListener> associationListeners = new CopyOnWriteArrayList<>();
    private volatile State state = State.STOPPED;
    private ExecutorService executor;
    private DicomServer server;
    private AcceptorPolicy policy;
    private AutoDeleteScheduler autoDelete;
    private DicomServiceRegistry registry;
    /** Services other bundles add (e.g. the transfer queue's commitment reports), kept across restarts. */
    private final Map<String, Added> added = new ConcurrentHashMap<>();

    private record Added(String sopClassUid, CommandField request, DimseService service) {
    }

    private Node(DeviceConfiguration config, Catalog catalog, FileStore store) {
        this.config = Objects.requireNonNull(config, "config");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.store = Objects.requireNonNull(store, "store");
        if (store.catalog() != catalog) {
            throw new IllegalArgumentException("the file store " + store.root() + " belongs to another catalog");
        }
    }

    /** A stopped node for the configuration, over {@code store} and its catalog. */
    public static Node create(DeviceConfiguration config, FileStore store) {
        return new Node(config, store.catalog(), store);
    }

    public DeviceConfiguration configuration() {
        return config;
    }

    public Catalog catalog() {
        return catalog;
    }

    public FileStore fileStore() {
        return store;
    }

    public State state() {
        return state;
    }

    /** The port listened on while running, else -1. */
    public int port() {
        DicomServer s = server;
        return s == null ? -1 : s.port();
    }

    /** The DICOM TLS port listened on while running, else -1 (also when none is configured). */
    public int tlsPort() {
        DicomServer s = server;
        return s == null ? -1 : s.tlsPort();
    }

    public void addListener(NodeListener l) {
        events.add(l);
    }

    public void removeListener(NodeListener l) {
        events.remove(l);
    }

    /** Watches the network events of incoming associations (progress, ...); takes effect at the next start. */
    public void addAssociationListener(AssociationListener l) {
        associationListeners.add(l);
    }

    public void removeAssociationListener(AssociationListener l) {
        associationListeners.remove(l);
        DicomServer s = server;
        if (s != null) {
            s.removeListener(l);
        }
    }

    /**
     * Serves {@code request}s of {@code sopClassUid} with {@code service} too, at once when running and at every
     * later start: the extension point for services of other bundles (the transfer queue receives storage
     * commitment reports that a peer sends on an association of its own this way).
     */
    public synchronized void addService(String sopClassUid, CommandField request, DimseService service) {
        added.put(sopClassUid + "/" + request, new Added(sopClassUid, request, service));
        if (registry != null) {
            registry.register(sopClassUid, request, service);
            policy.addSopClass(sopClassUid);
        }
    }

    public synchronized void removeService(String sopClassUid, CommandField request) {
        added.remove(sopClassUid + "/" + request);
        if (registry != null) {
            registry.unregister(sopClassUid, request);
        }
    }

    /** The associations being served now. */
    public Set<Association> activeAssociations() {
        DicomServer s = server;
        return s == null ? Set.of() : s.activeAssociations();
    }

    /**
     * Binds the configured address and port (and the TLS port, if configured) and starts serving; the auto-delete
     * rules run now and then periodically.
     *
     * @throws IOException when a port cannot be bound (in use, or below 1024 without root), or the TLS port is
     *         configured without usable key and trust stores
     */
    public synchronized void start() throws IOException {
        if (state != State.STOPPED) {
            throw new IllegalStateException("the node is " + state.name().toLowerCase());
        }
        TlsOptions tls;
        try {
            tls = NodeTls.options(config.tls()); // a broken key store is a configuration error, said before listening
        } catch (IOException e) {
            setState(State.STOPPED, e.getMessage());
            throw e;
        }
        NodeSettings settings = config.node();
        if (settings.tlsEnabled() && tls == null) {
            String m = "the node's TLS port " + settings.tlsPort() + " needs a key store and a trust store: add "
                    + "<tls key-store=\"...\" trust-store=\"...\"/> to the device configuration, or remove "
                    + "tls-port from <node>";
            setState(State.STOPPED, m);
            throw new IOException(m);
        }
        setState(State.STARTING, null);
        ExecutorService ex = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lightbox-node-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AutoDeleteScheduler deleter = new AutoDeleteScheduler(store, config.storage().autoDelete(), events);
        DicomServer s = null;
        String where = settings.bindAddress() + ":" + settings.port();
        int binding = settings.port();
        try {
            ConnectionOptions options = ConnectionOptions.defaults().withMaxPduReceive(config.node().maxPduReceive());
            ReceiveLog receives = new ReceiveLog(catalog.activityLog(), events);
            // the log line first: a node listener woken by the event reads the log
            AssociationLogRecorder logRecorder = new AssociationLogRecorder(catalog.activityLog(), message -> events
                    .fire(new NodeEvent.Failure(Instant.now(), "association log", message)));
            ActivityRecorder recorder = new ActivityRecorder(events, receives);
            Connector plain = new Connector(options).executor(ex).addListener(logRecorder).addListener(recorder);
            OutboundConnector connector = new OutboundConnector(plain, tls == null ? null
                    : new Connector(options.withTls(tls)).executor(ex).addListener(logRecorder)
                            .addListener(recorder));
            CallerQueue callers = new CallerQueue();
            DicomServiceRegistry r = NodeServices.registry(config, catalog, store, connector, events, receives,
                    callers, ex);
            for (Added a : added.values()) {
                r.register(a.sopClassUid(), a.request(), a.service());
            }
            AcceptorPolicy p = NodeServices.policy(config, r);
            s = new DicomServer(options, p, r, ex).maxAssociations(settings.maxAssociations());
            s.addListener(callers).addListener(logRecorder).addListener(recorder)
                    .addListener(afterAssociation(deleter));
            for (AssociationListener l : associationListeners) {
                s.addListener(l);
            }
            InetAddress bind = InetAddress.getByName(settings.bindAddress());
            s.start(bind, settings.port());
            if (settings.tlsEnabled()) {
                where = settings.bindAddress() + ":" + settings.tlsPort() + " (TLS)";
                binding = settings.tlsPort();
                s.startTls(bind, settings.tlsPort(), tls.withClientAuth(settings.tlsClientAuth()));
            }
            executor = ex;
            server = s;
            policy = p;
            registry = r;
            autoDelete = deleter;
        } catch (IOException | RuntimeException e) {
            if (s != null) {
                try {
                    s.close(); // the plain port may be bound already when the TLS port is not
                } catch (IOException ignored) {
                    // nothing was served yet
                }
            }
            deleter.close();
            ex.shutdownNow();
            setState(State.STOPPED, "cannot listen on " + where + ": " + e.getMessage());
            if (e instanceof IOException io) {
                throw new IOException("the node cannot listen on " + where + ": " + io.getMessage()
                        + (binding < 1024 ? " (ports below 1024 need root)" : ""), io);
            }
            throw e;
        }
        deleter.start();
        setState(State.RUNNING, settings.aeTitle() + " on " + settings.bindAddress() + ":" + port()
                + (settings.tlsEnabled() ? ", DICOM TLS on port " + tlsPort() + (settings.tlsClientAuth()
                        ? " (client certificate required)" : " (no client certificate required)") : ""));
    }

    /** After an association: force batched files to disk, and let auto-delete look at the disk again. */
    private AssociationListener afterAssociation(AutoDeleteScheduler deleter) {
        return new AssociationListener() {
            @Override
            public void releasing(Association a) {
                store.awaitIndexing(); // a sender that has released finds everything it sent
            }

            @Override
            public void released(Association a) {
                ended();
            }

            @Override
            public void aborted(Association a, AssociationAbortedException cause) {
                ended();
            }

            private void ended() {
                try {
                    store.sync();
                } catch (IOException e) {
                    events.fire(new NodeEvent.Failure(Instant.now(), "file store", "cannot force files to disk: "
                            + e.getMessage()));
                }
                deleter.requestRun();
            }
        };
    }

    /** Stops with the {@linkplain #DEFAULT_GRACE default grace}. */
    public void stop() {
        stop(DEFAULT_GRACE);
    }

    /**
     * Stops accepting associations (new requests get a transient rejection, temporary congestion, so that senders
     * retry later; the event line says "node stopping"), lets the running ones finish for up to {@code grace},
     * aborts what is left at once (also a sender stalled in the middle of a data set), and stops auto-delete.
     * Everything acknowledged is on disk and catalogued.
     */
    public synchronized void stop(Duration grace) {
        if (state != State.RUNNING) {
            return;
        }
        setState(State.STOPPING, null);
        // newcomers hear "try later" (transient) while the others finish; the event line says why
        server.refuseNewAssociations("node stopping");
        long deadline = System.nanoTime() + grace.toNanos();
        while (!server.activeAssociations().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int aborted = server.activeAssociations().size();
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing the listener: " + e.getMessage());
        }
        autoDelete.close();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis() + 5000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            store.sync();
        } catch (IOException e) {
            events.fire(new NodeEvent.Failure(Instant.now(), "file store", "cannot force files to disk: "
                    + e.getMessage()));
        }
        server = null;
        executor = null;
        autoDelete = null;
        policy = null;
        registry = null;
        setState(State.STOPPED, aborted == 0 ? null : aborted + " association(s) aborted after the grace period");
    }

    /** Runs the auto-delete rules now (also while stopped). */
    public AutoDeleteReport runAutoDelete() throws CatalogException, IOException {
        AutoDeleteScheduler running = autoDelete;
        if (running != null) {
            return running.runNow();
        }
        try (AutoDeleteScheduler once = new AutoDeleteScheduler(store, config.storage().autoDelete(), events)) {
            return once.runNow();
        }
    }

    private void setState(State s, String detail) {
        state = s;
        events.fire(new NodeEvent.StateChanged(Instant.now(), s, detail));
    }

    /** Stops the node; the catalog and store stay open (their owner closes them). */
    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "node " + config.node().aeTitle() + " (" + state.name().toLowerCase() + ")";
    }
}
