package org.lightbox.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for the test run: initdb into a temporary folder, started on a free loopback port
 * on first use, stopped (and its folder deleted) by a shutdown hook. Every {@link #newDatabase()} is a fresh
 * database on it. initdb and postgres refuse to run as root, so as root (CI) they run as the {@code postgres} user
 * over a folder that user owns. Missing binaries fail the test with the Debian package to install: a PostgreSQL
 * catalog that is silently never tested is what this class exists to prevent.
 */
final class TestPostgres {

    static final String USER = "lightbox";
    static final String DEBIAN_PACKAGE = "postgresql";
    private static final String[] BINARIES = { "initdb", "pg_ctl", "postgres" };
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static Server server;
    private static RuntimeException startFailure;

    private TestPostgres() {
    }

    static Driver driver() {
        return TestDatabases.driver(CatalogLocation.POSTGRESQL_DRIVER);
    }

    /** The running server, started on first use; a start that failed fails every later caller the same way. */
    static synchronized Server server() {
        if (startFailure != null) {
            throw new IllegalStateException(startFailure.getMessage(), startFailure);
        }
        if (server == null) {
            try {
                server = Server.start(binaries());
            } catch (IOException | RuntimeException e) {
                startFailure = e instanceof RuntimeException r ? r
                        : new IllegalStateException("starting PostgreSQL: " + e.getMessage(), e);
                throw startFailure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting PostgreSQL", e);
            }
            Server s = server;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "stop test PostgreSQL"));
        }
        return server;
    }

    /** A new, empty database on the test server; drop it with {@link #drop}. */
    static DriverConnectionSource newDatabase() {
        Server s = server();
        String name = "lightbox_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet();
        s.admin("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        return new DriverConnectionSource(driver(), s.url(name), credentials());
    }

    /** Drops a database made by {@link #newDatabase()}, closing connections a failed test may have left open. */
    static void drop(DriverConnectionSource source) {
        String url = source.describe();
        String name = url.substring(url.lastIndexOf('/') + 1);
        server().admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    static Properties credentials() {
        Properties p = new Properties();
        p.setProperty("user", USER);
        return p;
    }

    /**
     * The folder holding initdb, pg_ctl and postgres: from PATH (symbolic links resolved: pg_ctl finds postgres
     * next to itself), else the newest /usr/lib/postgresql/N/bin (Debian keeps the server binaries off PATH).
     */
    static Path binaries() {
        return binaries(System.getenv("PATH"), Path.of("/usr/lib/postgresql"));
    }

    /** {@link #binaries()} searching {@code path} (a PATH value) and then {@code debian}/N/bin. */
    static Path binaries(String path, Path debian) {
        List<Path> candidates = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    Path initdb = Path.of(dir, "initdb");
                    if (Files.isExecutable(initdb)) {
                        try {
                            candidates.add(initdb.toRealPath().getParent());
                        } catch (IOException e) {
                            // a dangling link: look further
                        }
                    }
                }
            }
        }
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path b) -> majorVersion(b.getParent())).reversed())
                        .forEach(candidates::add);
            } catch (IOException e) {
                // unreadable: treated as absent
            }
        }
        for (Path bin : candidates) {
            if (Stream.of(BINARIES).allMatch(b -> Files.isExecutable(bin.resolve(b)))) {
                return bin;
            }
        }
        throw new IllegalStateException("the PostgreSQL catalog tests need the PostgreSQL server binaries "
                + String.join(", ", BINARIES) + " (searched PATH and /usr/lib/postgresql/*/bin): install the Debian "
                + "package '" + DEBIAN_PACKAGE + "'");
    }

    private static int majorVersion(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A PostgreSQL server in its own folder. */
    static final class Server {
        private final Path bin;
        private final Path home;
        private final boolean asPostgresUser;
        private int port;

        private Server(Path bin, Path home, boolean asPostgresUser) {
            this.bin = bin;
            this.home = home;
            this.asPostgresUser = asPostgresUser;
        }

        static Server start(Path bin) throws IOException, InterruptedException {
            Path home = Files.createTempDirectory("lightbox-pg");
            boolean root = Integer.valueOf(0).equals(Files.getAttribute(home, "unix:uid"));
            if (root) {
                UserPrincipal postgres;
                try {
                    postgres = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                } catch (UserPrincipalNotFoundException e) {
                    deleteTree(home);
                    throw new IllegalStateException("running as root: initdb and postgres refuse root and there is "
                            + "no 'postgres' user to run them as (the Debian package '" + DEBIAN_PACKAGE
                            + "' creates it)", e);
                }
                Files.setOwner(home, postgres);
            }
            Server s = new Server(bin, home, root);
            try {
                s.run(60, "initdb", "-D", s.data().toString(), "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C",
                        "--no-sync");
                IOException last = null;
                for (int attempt = 0; attempt < 3; attempt++) { // the free port may be taken before postgres binds it
                    s.port = TestDatabases.freePort();
                    try {
                        s.run(90, "pg_ctl", "-D", s.data().toString(), "-l", home.resolve("server.log").toString(),
                                "-w", "-t", "60", "-o", "-p " + s.port + " -k '" + home + "'"
                                        + " -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
                                        + " -c synchronous_commit=off",
                                "start");
                        return s;
                    } catch (IOException e) {
                        last = e;
                    }
                }
                throw last;
            } catch (IOException | RuntimeException | InterruptedException e) {
                s.stop();
                throw e;
            }
        }

        private Path data() {
            return home.resolve("data");
        }

        String url(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        int port() {
            return port;
        }

        /** Runs one statement on the maintenance database. */
        void admin(String sql) {
            try (Connection c = driver().connect(url("postgres"), credentials()); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + ": " + e.getMessage() + "\n" + log(), e);
            }
        }

        String log() {
            try {
                return Files.readString(home.resolve("server.log"));
            } catch (IOException e) {
                return "(no server log: " + e + ")";
            }
        }

        /** Runs a PostgreSQL tool (as the postgres user when we are root); its output goes into the message. */
        private void run(int timeoutSeconds, String tool, String... args) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>();
            if (asPostgresUser) {
                cmd.addAll(List.of(runuser(), "-u", "postgres", "--"));
            }
            cmd.add(bin.resolve(tool).toString());
            cmd.addAll(List.of(args));
            Path out = Files.createTempFile("lightbox-pg-" + tool, ".out");
            try {
                ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
                        .directory(home.toFile()); // the postgres user may not enter our working directory
                pb.environment().put("LC_ALL", "C");
                Process p = pb.start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException(String.join(" ", cmd) + " did not finish within " + timeoutSeconds
                            + " s:\n" + Files.readString(out));
                }
                if (p.exitValue() != 0) {
                    throw new IOException(String.join(" ", cmd) + " exited with " + p.exitValue() + ":\n"
                            + Files.readString(out) + (tool.equals("pg_ctl") ? "\nserver log:\n" + log() : ""));
                }
            } finally {
                Files.deleteIfExists(out);
            }
        }

        private static String runuser() {
            for (String p : new String[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser" }) {
                if (Files.isExecutable(Path.of(p))) {
                    return p;
                }
            }
            return "runuser";
        }

        /** Stops the server (fast shutdown: open sessions are ended) and deletes its folder. */
        void stop() {
            try {
                if (Files.exists(data().resolve("postmaster.pid"))) {
                    run(60, "pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "30", "stop");
                }
            } catch (IOException e) {
                System.getLogger(TestPostgres.class.getName()).log(System.Logger.Level.WARNING,
                        "stopping the test PostgreSQL server: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                deleteTree(home);
            }
        }

        private static void deleteTree(Path dir) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // best effort: a temporary folder
            }
        }
    }
}
