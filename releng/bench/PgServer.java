import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for a benchmark: initdb into a folder, started on a free loopback port with trust
 * authentication, a fresh database per node. initdb and postgres refuse root, so as root they run as the
 * {@code postgres} user (Debian's package creates it).
 */
final class PgServer implements AutoCloseable {
    private static final String USER = "lightbox";
    private final Path dir;
    private final Path bin;
    private final boolean root;
    final int port;
    private int databases;

    private PgServer(Path dir, Path bin, boolean root, int port) {
        this.dir = dir;
        this.bin = bin;
        this.root = root;
        this.port = port;
    }

    static PgServer start(Path dir) throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.createDirectories(dir);
        if (root) {
            // the bench's own folder is private (0700): the postgres user must be able to pass through it
            run(List.of("chmod", "o+x", dir.getParent().toString()), false, null);
            run(List.of("chown", "postgres:postgres", dir.toString()), false, null);
        }
        PgServer s = new PgServer(dir, bin, root, BenchSupport.freePort());
        s.tool("initdb", "-D", dir.resolve("data").toString(), "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C");
        s.tool("pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t",
                "60", "-o", "-p " + s.port + " -k " + dir, "start");
        return s;
    }

    /** A new, empty database; its JDBC URL. */
    String newDatabase() throws Exception {
        String name = "lightbox" + (++databases);
        try (Connection c = DriverManager.getConnection(url("postgres")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        }
        return url(name);
    }

    String version() throws Exception {
        try (Connection c = DriverManager.getConnection(url("postgres"))) {
            return c.getMetaData().getDatabaseProductVersion();
        }
    }

    /** CPU seconds used so far by all processes named postgres (the server and its backends), from /proc. */
    static double cpuSeconds() throws IOException {
        double ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    if (!stat.substring(stat.indexOf('(') + 1, close).equals("postgres")) {
                        continue;
                    }
                    String[] f = stat.substring(close + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks / 100.0; // USER_HZ
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    @Override
    public void close() throws Exception {
        tool("pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "-t", "30", "stop");
    }

    private void tool(String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve(name).toString()));
        cmd.addAll(List.of(args));
        run(cmd, root, dir.resolve(name + ".log"));
    }

    private static void run(List<String> cmd, boolean asPostgres, Path log) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        Path out = log != null ? log : Files.createTempFile("pg", ".log");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", full) + " failed: " + Files.readString(out,
                    StandardCharsets.UTF_8));
        }
    }

    /** initdb's folder: on the PATH, else the newest /usr/lib/postgresql/N/bin (Debian's layout). */
    private static Path binaries() throws IOException {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, "initdb"))) {
                return Path.of(d, "initdb").toRealPath().getParent();
            }
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> versions = Files.list(lib)) {
                Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparing(v -> Integer.parseInt(v.getFileName().toString().replaceAll("\\D", "0"))))
                        .orElse(null);
                if (newest != null) {
                    return newest.resolve("bin");
                }
            }
        }
        throw new IllegalStateException("PostgreSQL's initdb is not installed (Debian: apt-get install postgresql)");
    }
}
