package org.lightbox.storage;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.lightbox.catalog.AssociationEvent;
import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.RecoveryReport;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.dicom.net.dimse.CommandField;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The node of this process's data folder, shared by everything in the workbench (browser, activity, preferences,
 * transfer queue): it opens the catalog and the store once (with the recovery scan), runs the node on demand, and
 * applies a changed configuration by saving it and restarting the node. Listeners stay registered across restarts,
 * so a view that watches the node does not have to know when it was restarted.
 *
 * <p>The workbench gets it as an OSGi service (delayed: nothing opens until a bundle asks for it, and the catalog
 * not until it is used); tests construct it on a temporary data folder.
 */
@Component(service = LocalNode.class)
public final class LocalNode implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalNode.class.getName());

    private final LightboxHome home;
    private final NodeStorage.DriverLoader drivers;
    private final List<NodeListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Added> added = new ConcurrentHashMap<>();

    private record Added(String sopClassUid, CommandField request, DimseService service) {
    }
    private DeviceConfiguration config;
    private NodeStorage storage;
    private Node node;

    /** The node of {@link LightboxHome#current()} (the OSGi service). */
    public LocalNode() {
        this(LightboxHome.current());
    }

    public LocalNode(LightboxHome home) {
        this(home, NodeStorage::loadDriver);
    }

    public LocalNode(LightboxHome home, NodeStorage.DriverLoader drivers) {
        this.home = Objects.requireNonNull(home, "home");
        this.drivers = Objects.requireNonNull(drivers, "drivers");
    }

    public LightboxHome home() {
        return home;
    }

    /** The configuration in force (loaded from the data folder on first use). */
    public synchronized DeviceConfiguration configuration() throws IOException {
        if (config == null) {
            config = new ConfigurationStore(home).load();
        }
        return config;
    }

    /**
     * Saves {@code changed} to the data folder and uses it from now on; a running node is restarted with it.
     * Storage settings that pick the catalog or the store folder take effect at the next start of the program.
     */
    public synchronized void reconfigure(DeviceConfiguration changed) throws IOException {
        new ConfigurationStore(home).save(changed);
        config = changed;
        boolean wasRunning = running();
        stop();
        node = null; // the next node() takes the new configuration
        if (wasRunning) {
            start();
        }
    }

    /** The catalog, opened (with the recovery scan) on first use. */
    public Catalog catalog() throws IOException {
        return storage().catalog();
    }

    /**
     * A recorder of the associations a component of this process opens (subscribe it to the component's connectors):
     * each line goes to the catalog's association log and, as the node's own outbound associations do, to this
     * node's listeners as an association event, so the Activity view follows. Cheap: the catalog is opened, if need
     * be, at the first line, on the association's thread.
     */
    public AssociationLogRecorder associationLog() {
        return new AssociationLogRecorder(() -> catalog().activityLog(), null, this::announce);
    }

    /** Tells the listeners about a line another component wrote. */
    private void announce(AssociationEvent line) {
        NodeEvent.Peer peer = new NodeEvent.Peer(line.callingAet() + "->" + line.calledAet(), line.callingAet(),
                line.calledAet(), line.remoteHost(), line.remotePort(),
                line.direction() == AssociationEvent.Direction.OUTBOUND);
        NodeEvent e = switch (line.outcome()) {
            case ACCEPTED -> new NodeEvent.AssociationAccepted(line.time(), peer);
            case REJECTED -> new NodeEvent.AssociationRejected(line.time(), peer, line.detail());
            case RELEASED, ABORTED, FAILED -> new NodeEvent.AssociationEnded(line.time(), peer,
                    line.outcome() == AssociationEvent.Outcome.RELEASED, line.detail());
        };
        for (NodeListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException x) {
                LOG.log(System.Logger.Level.WARNING, "node listener " + l.getClass().getName() + " failed", x);
            }
        }
    }

    public FileStore fileStore() throws IOException {
        return storage().fileStore();
    }

    /** What the recovery scan mended when the catalog was opened. */
    public RecoveryReport recovery() throws IOException {
        return storage().recovery();
    }

    private synchronized NodeStorage storage() throws IOException {
        if (storage == null) {
            DeviceConfiguration c = configuration();
            try {
                storage = NodeStorage.open(home, c.storage(), drivers.load(NodeStorage.catalogLocation(home,
                        c.storage())));
            } catch (CatalogException e) {
                throw new IOException("cannot open the catalog of " + home + ": " + e.getMessage(), e);
            }
        }
        return storage;
    }

    /** The node, created on first use (stopped until {@link #start()}). */
    public synchronized Node node() throws IOException {
        if (node == null) {
            node = Node.create(configuration(), storage().fileStore());
            for (NodeListener l : listeners) {
                node.addListener(l);
            }
            for (Added a : added.values()) {
                node.addService(a.sopClassUid(), a.request(), a.service());
            }
        }
        return node;
    }

    public synchronized boolean running() {
        return node != null && node.state() == Node.State.RUNNING;
    }

    /** Starts listening; does nothing when running already. */
    public synchronized void start() throws IOException {
        Node n = node();
        if (n.state() == Node.State.STOPPED) {
            n.start();
        }
    }

    /** Stops listening (running associations get the node's grace period); catalog and store stay open. */
    public synchronized void stop() {
        if (node != null) {
            node.stop();
        }
    }

    /** Adds a service to the node (see {@link Node#addService}), across restarts and reconfiguration. */
    public synchronized void addService(String sopClassUid, CommandField request, DimseService service) {
        added.put(sopClassUid + "/" + request, new Added(sopClassUid, request, service));
        if (node != null) {
            node.addService(sopClassUid, request, service);
        }
    }

    public synchronized void removeService(String sopClassUid, CommandField request) {
        added.remove(sopClassUid + "/" + request);
        if (node != null) {
            node.removeService(sopClassUid, request);
        }
    }

    /** Watches the node's events, across restarts and reconfiguration. */
    public synchronized void addListener(NodeListener l) {
        listeners.add(l);
        if (node != null) {
            node.addListener(l);
        }
    }

    public synchronized void removeListener(NodeListener l) {
        listeners.remove(l);
        if (node != null) {
            node.removeListener(l);
        }
    }

    /** Stops the node and closes store and catalog. */
    @Deactivate
    @Override
    public synchronized void close() {
        stop();
        node = null;
        if (storage != null) {
            try {
                storage.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the store of " + home + ": " + e.getMessage());
                for (NodeListener l : listeners) {
                    l.onEvent(new NodeEvent.Failure(Instant.now(), "file store", e.getMessage()));
                }
            }
            storage = null;
        }
    }
}
