package org.lightbox.catalog;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place tests get JDBC drivers and databases from. Drivers are loaded by class name through the context
 * (or this class's) class loader, never through DriverManager, so that the same tests run on a plain class path
 * and inside OSGi (where the build supplies the Derby bundles and adapts only this class). The Derby network
 * server runs in a separate JVM on the jars named by the system property {@value #DERBY_CLASSPATH}.
 */
final class TestDatabases {

    static final String DERBY_CLASSPATH = "lightbox.test.derby.classpath";

    private static final Path LOG_DIR;
    private static final AtomicInteger NAMES = new AtomicInteger();

    static {
        try {
            LOG_DIR = Files.createTempDirectory("lightbox-derby-tests");
            LOG_DIR.toFile().deleteOnExit(); // runs after the log's deletion (registered later, deleted first)
            LOG_DIR.resolve("derby.log").toFile().deleteOnExit();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        // before Derby boots: keep derby.log out of the working directory
        System.setProperty("derby.stream.error.file", LOG_DIR.resolve("derby.log").toString());
    }

    private TestDatabases() {
    }

    static Driver driver(String className) {
        try {
            return JdbcDrivers.load(className);
        } catch (CatalogException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static Driver embeddedDriver() {
        return driver(CatalogLocation.DERBY_EMBEDDED_DRIVER);
    }

    /** The network client driver, as the catalog loads it (embedded in the catalog bundle inside OSGi). */
    static Driver clientDriver() {
        return driver(CatalogLocation.DERBY_CLIENT_DRIVER);
    }

    /** A new, empty in-memory Derby database; drop it with {@link #drop}. */
    static DriverConnectionSource inMemory() {
        String name = "lightbox" + ProcessHandle.current().pid() + "x" + NAMES.incrementAndGet();
        return new DriverConnectionSource(embeddedDriver(), "jdbc:derby:memory:" + name + ";create=true",
                new Properties());
    }

    /** Drops an in-memory database (frees its memory). */
    static void drop(DriverConnectionSource source) {
        String url = source.describe();
        String db = url.substring(0, url.indexOf(';'));
        try (Connection c = embeddedDriver().connect(db + ";drop=true", new Properties())) {
            // not reached: a successful drop is reported as an exception
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) { // dropped, never created
                throw new IllegalStateException("dropping " + db + ": " + e.getMessage(), e);
            }
        }
    }

    /** An embedded Derby database on disk in {@code dir}. */
    static ConnectionSource embedded(Path dir) {
        return CatalogLocation.embedded(dir).connectionSource(embeddedDriver());
    }

    /** The Derby jars for a separate JVM; fails clearly when the build did not say where they are. */
    static String derbyClasspath() {
        String cp = System.getProperty(DERBY_CLASSPATH);
        if (cp == null || cp.isBlank()) {
            throw new IllegalStateException("the system property " + DERBY_CLASSPATH + " must name the Derby jars "
                    + "(derby, derbyshared, derbynet, derbytools, derbyclient) for the network server test");
        }
        for (String jar : cp.split(File.pathSeparator)) {
            if (!jar.isBlank() && !Files.exists(Path.of(jar))) {
                throw new IllegalStateException(DERBY_CLASSPATH + " names a missing file: " + jar);
            }
        }
        return cp;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    /** A Derby network server running in its own JVM. */
    static final class NetworkServer implements AutoCloseable {
        final int port;
        private final Process process;
        private final Path home;

        private NetworkServer(int port, Process process, Path home) {
            this.port = port;
            this.process = process;
            this.home = home;
        }

        /** A client URL for database {@code name} (created on first connection). */
        String url(String name) {
            return "jdbc:derby://127.0.0.1:" + port + "/" + name + ";create=true";
        }

        String log() {
            try {
                return Files.readString(home.resolve("server.out"));
            } catch (IOException e) {
                return "(no server output: " + e + ")";
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                Process stop = new ProcessBuilder(command(home, "shutdown", port)).redirectErrorStream(true)
                        .redirectOutput(home.resolve("shutdown.out").toFile()).start();
                if (!stop.waitFor(30, TimeUnit.SECONDS)) {
                    stop.destroyForcibly();
                }
                process.waitFor(15, TimeUnit.SECONDS);
            } finally {
                if (process.isAlive()) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static List<String> command(Path home, String action, int port) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(derbyClasspath());
        cmd.add("-Dderby.system.home=" + home);
        cmd.add("-Dderby.stream.error.file=" + home.resolve("derby.log"));
        cmd.add("org.apache.derby.drda.NetworkServerControl");
        cmd.add(action);
        cmd.add("-p");
        cmd.add(Integer.toString(port));
        cmd.add("-h");
        cmd.add("127.0.0.1");
        if (action.equals("start")) {
            cmd.add("-noSecurityManager");
        }
        return cmd;
    }

    /** Starts a network server with its databases in {@code home}; waits until it accepts connections. */
    static NetworkServer startNetworkServer(Path home) throws IOException, InterruptedException {
        int port = freePort();
        Process p = new ProcessBuilder(command(home, "start", port)).redirectErrorStream(true)
                .redirectOutput(home.resolve("server.out").toFile()).start();
        NetworkServer server = new NetworkServer(port, p, home);
        Driver client = clientDriver();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the Derby network server exited: " + server.log());
            }
            try (Connection c = client.connect(server.url("ping"), new Properties())) {
                return server;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        server.close();
        throw new IllegalStateException("the Derby network server did not answer within 60 s: " + server.log(), last);
    }
}
