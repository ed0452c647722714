package org.lightbox.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.lightbox.catalog.CatalogLocation;
import org.lightbox.catalog.ConnectionSource;
import org.lightbox.catalog.DriverConnectionSource;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.NodeSettings;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.StorageSettings;
import org.lightbox.testing.DcmtkTool;
import org.opentest4j.AssertionFailedError;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.JdbcDrivers;

/**
 * Nodes for tests: an in-memory Derby catalog (the driver loaded by class name, never through DriverManager, so
 * the tests run on a plain class path and in OSGi alike), a file store in a temporary folder, a free port, and
 * every node event recorded.
 */
public final class TestNodes {

    private static final AtomicInteger NAMES = new AtomicInteger();

    static {
        try {
            Path log = Files.createTempDirectory("lightbox-storage-derby");
            log.toFile().deleteOnExit();
            log.resolve("derby.log").toFile().deleteOnExit();
            System.setProperty("derby.stream.error.file", log.resolve("derby.log").toString());
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TestNodes() {
    }

    public static Driver embeddedDriver() {
        return driver(CatalogLocation.DERBY_EMBEDDED_DRIVER);
    }

    /** A JDBC driver by class name, as the node loads it (from the Derby bundle inside OSGi). */
    public static Driver driver(String name) {
        try {
            return JdbcDrivers.load(name);
        } catch (CatalogException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A node's configuration on a free loopback port. */
    public static DeviceConfiguration config(String aet, RemoteAe... remotes) throws IOException {
        NodeSettings n = new NodeSettings(aet, "127.0.0.1", DcmtkTool.freePort(), 16384, 10, true, true);
        return new DeviceConfiguration("test", n, List.of(remotes), StorageSettings.DEFAULTS);
    }

    /** A started node with its storage and recorded events; close it after the test. */
    public static final class Running implements AutoCloseable {
        public final Node node;
        public final NodeStorage storage;
        public final List<NodeEvent> events = new CopyOnWriteArrayList<>();
        private final DriverConnectionSource source;

        Running(Node node, NodeStorage storage, DriverConnectionSource source) {
            this.node = node;
            this.storage = storage;
            this.source = source;
        }

        public int port() {
            return node.port();
        }

        public String aet() {
            return node.configuration().node().aeTitle();
        }

        /** The events of one type, in order. */
        public <T extends NodeEvent> List<T> events(Class<T> type) {
            return events.stream().filter(type::isInstance).map(type::cast).toList();
        }

        /** Waits (at most 20 s) until some event of {@code type} satisfies {@code condition}. */
        public <T extends NodeEvent> T await(Class<T> type, Predicate<T> condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                for (T e : events(type)) {
                    if (condition.test(e)) {
                        return e;
                    }
                }
                Thread.sleep(20);
            }
            throw new AssertionFailedError("no " + type.getSimpleName() + " event as expected within 20 s; events: "
                    + events.stream().map(NodeEvent::describe).toList());
        }

        /** Waits until the node serves no association (they end asynchronously). */
        public void awaitIdle() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!node.activeAssociations().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(50); // the end events fire after the association leaves the active set
        }

        /** Waits until fewer than {@code n} associations are served. */
        public void awaitIdleBelow(int n) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (node.activeAssociations().size() >= n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                node.stop(java.time.Duration.ofSeconds(2));
            } finally {
                try {
                    storage.close();
                } finally {
                    drop(source);
                }
            }
        }
    }

    /** Something done with the storage before the node starts. */
    @FunctionalInterface
    public interface Preparation {
        void prepare(NodeStorage storage) throws Exception;
    }

    /** Starts a node with an in-memory catalog and its store in {@code dir}. */
    public static Running start(DeviceConfiguration config, Path dir) throws Exception {
        return start(config, dir, s -> { });
    }

    /** Starts a node after {@code before} prepared its storage. */
    public static Running start(DeviceConfiguration config, Path dir, Preparation before) throws Exception {
        DriverConnectionSource source = new DriverConnectionSource(embeddedDriver(), "jdbc:derby:memory:node"
                + ProcessHandle.current().pid() + "x" + NAMES.incrementAndGet() + ";create=true", new Properties());
        // an in-memory database is dropped after the test rather than shut down
        ConnectionSource noShutdown = new ConnectionSource() {
            @Override
            public Connection open() throws SQLException {
                return source.open();
            }

            @Override
            public String describe() {
                return source.describe();
            }
        };
        NodeStorage storage = NodeStorage.open(noShutdown, dir.resolve("store"), config.storage());
        Node node = Node.create(config, storage.fileStore());
        Running r = new Running(node, storage, source);
        node.addListener(r.events::add);
        try {
            before.prepare(storage);
            node.start();
        } catch (Exception e) {
            storage.close();
            drop(source);
            throw e;
        }
        return r;
    }

    static void drop(DriverConnectionSource source) {
        String url = source.describe();
        String db = url.substring(0, url.indexOf(';'));
        try (Connection c = embeddedDriver().connect(db + ";drop=true", new Properties())) {
            // a successful drop is reported as an exception
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                throw new IllegalStateException("dropping " + db + ": " + e.getMessage(), e);
            }
        }
    }
}
