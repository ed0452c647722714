package org.lightbox.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.CatalogLocation;
import org.lightbox.catalog.ConnectionSource;
import org.lightbox.catalog.DriverConnectionSource;
import org.lightbox.catalog.JdbcDrivers;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.StorageSettings;
import org.lightbox.storage.Node;
import org.lightbox.storage.NodeStorage;

/**
 * A catalog and file store for tests (an in-memory Derby database, dropped on close), optionally with a node
 * serving it: the destination of C-MOVE and the target of C-GET.
 */
public final class TestStorage implements AutoCloseable {
    private static final AtomicInteger NAMES = new AtomicInteger();

    static {
        try {
            Path log = Files.createTempDirectory("lightbox-query-derby");
            log.toFile().deleteOnExit();
            log.resolve("derby.log").toFile().deleteOnExit();
            System.setProperty("derby.stream.error.file", log.resolve("derby.log").toString());
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public final NodeStorage storage;
    public Node node;
    private final DriverConnectionSource source;

    private TestStorage(NodeStorage storage, DriverConnectionSource source) {
        this.storage = storage;
        this.source = source;
    }

    static Driver driver() {
        try {
            return JdbcDrivers.load(CatalogLocation.DERBY_EMBEDDED_DRIVER);
        } catch (CatalogException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A store and catalog in {@code dir}. */
    public static TestStorage open(Path dir, StorageSettings settings) throws Exception {
        DriverConnectionSource source = new DriverConnectionSource(driver(), "jdbc:derby:memory:qr"
                + ProcessHandle.current().pid() + "x" + NAMES.incrementAndGet() + ";create=true", new Properties());
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
        return new TestStorage(NodeStorage.open(noShutdown, dir.resolve("store"), settings), source);
    }

    /** A running node over a new store: our C-MOVE destination. */
    public static TestStorage node(DeviceConfiguration config, Path dir) throws Exception {
        TestStorage s = open(dir, config.storage());
        try {
            s.node = Node.create(config, s.storage.fileStore());
            s.node.start();
        } catch (Exception e) {
            s.close();
            throw e;
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        try {
            if (node != null) {
                node.stop(java.time.Duration.ofSeconds(2));
            }
        } finally {
            try {
                storage.close();
            } finally {
                String url = source.describe();
                String db = url.substring(0, url.indexOf(';'));
                try (Connection c = driver().connect(db + ";drop=true", new Properties())) {
                    // a successful drop is reported as an exception
                } catch (SQLException e) {
                    if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                        throw new IOException("dropping " + db + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }
}
