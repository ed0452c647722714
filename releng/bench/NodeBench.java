import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.lightbox.catalog.CatalogLocation;
import org.lightbox.catalog.IncomingFile;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.config.NodeSettings;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.StorageSettings;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.dicom.net.Connector;
import org.lightbox.dicom.net.dimse.DataWriter;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.storage.NodeStorage;

/**
 * The node against dcmtk in one run (issue 5), everything on /dev/shm (both sides), TCP_NODELAY=1 for dcmtk:
 * <ul>
 * <li>ingest: N CT images (512x512x16) sent by storescu over one association to the node (storing and indexing)
 * and to storescp (plain files); then over 4 parallel associations to the node and to storescp --fork;</li>
 * <li>C-FIND at study level over 10,000 studies (exact Patient ID, wildcard name, one-year date range): the median
 * at the SCP (the node's own measurement, from the request to its final response, all matches sent), with our SCU
 * over one open association, and findscu's round trip (a process per query, as a user sees it);</li>
 * <li>C-MOVE of a 300-image study to storescp, from the node and from dcmqrscp.</li>
 * </ul>
 * The node runs as in production, in a JVM of its own ({@code NodeMain}), warmed up like dcmtk's tools. Ratios are
 * dcmtk's time over the node's: 1.0 or more means the node is at least as fast.
 */
public final class NodeBench {

    private static final String CT = UID.CTImageStorage;
    /** Images sent before measuring, to both sides: a node in service has compiled its hot code long ago. */
    /** Images sent before measuring: the node's JIT compiles the receive and index paths meanwhile. */
    private static int warmUp = 1000;
    private static Path base;
    /** {@code --catalog derby} (embedded, the default) or {@code postgres} (a server the bench starts). */
    private static String catalog = "derby";
    private static PgServer pg;

    public static void main(String[] args) throws Exception {
        int images = 1000;
        int studies = 10_000;
        int moveImages = 300;
        int findRuns = 30;
        List<String> phases = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--images" -> images = Integer.parseInt(args[++i]);
                case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
                case "--settle-rounds" -> settleRounds = Integer.parseInt(args[++i]);
                case "--studies" -> studies = Integer.parseInt(args[++i]);
                case "--move-images" -> moveImages = Integer.parseInt(args[++i]);
                case "--find-runs" -> findRuns = Integer.parseInt(args[++i]);
                case "--catalog" -> catalog = args[++i];
                default -> phases.add(args[i]);
            }
        }
        if (phases.isEmpty()) {
            phases = List.of("ingest", "find", "move");
        }
        base = Files.createTempDirectory(Path.of("/dev/shm"), "lightbox-node-bench");
        System.setProperty("derby.stream.error.file", base.resolve("derby.log").toString());
        System.out.printf(Locale.ROOT, "node bench in %s (%d cores, Java %s)%n", base,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try {
            if (catalog.equals("postgres")) {
                pg = PgServer.start(base.resolve("postgres"));
                System.out.printf(Locale.ROOT, "the nodes' catalogs: PostgreSQL %s on port %d (the C-FIND phase keeps"
                        + " an embedded Derby catalog)%n", pg.version(), pg.port);
            } else if (!catalog.equals("derby")) {
                throw new IllegalArgumentException("--catalog derby|postgres, not " + catalog);
            }
            if (phases.contains("ingest")) {
                ingest(images);
            }
            if (phases.contains("find")) {
                find(studies, findRuns);
            }
            if (phases.contains("move")) {
                move(moveImages);
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
            BenchSupport.deleteTree(base);
        }
    }

    // ------------------------------------------------------------------ the node, in a JVM of its own

    /**
     * The node as it runs in production: its own JVM ({@code NodeMain}, what {@code lightbox node} runs), its data
     * folder on /dev/shm with an embedded catalog. Its console lines are kept (C-FIND times measured at the SCP).
     */
    private static final class NodeProcess implements AutoCloseable {
        final Path home;
        final Path out;
        final Process process;

        NodeProcess(String name, int port, RemoteAe... remotes) throws Exception {
            home = base.resolve(name);
            out = base.resolve(name + ".out");
            LightboxHome h = LightboxHome.resolve(k -> k.equals(LightboxHome.PROPERTY) ? home.toString()
                    : System.getProperty(k), k -> null);
            new ConfigurationStore(h).save(new DeviceConfiguration("bench", new NodeSettings("LIGHTBOX", "127.0.0.1",
                    port, NodeSettings.DEFAULT_PDU, 20, true, true), List.of(remotes),
                    StorageSettings.DEFAULTS.withCatalogUrl(pg == null ? "" : pg.newDatabase())));
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx1g"));
            String extra = System.getenv("NODE_JAVA_OPTS"); // e.g. a profiler: -XX:StartFlightRecording=...
            if (extra != null && !extra.isBlank()) {
                cmd.addAll(List.of(extra.trim().split("\\s+")));
            }
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Dderby.stream.error.file="
                    + home.resolve("derby.log"), "org.lightbox.storage.internal.NodeMain", "--home", home.toString()));
            process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!console().contains("node running")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IllegalStateException("the node did not start: " + console());
                }
                Thread.sleep(50);
            }
        }

        String console() throws IOException {
            return Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
        }

        /** The C-FIND times the node printed, in ms, from line {@code from} on. */
        double[] findMillis(int from) throws IOException {
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            List<Double> ms = new ArrayList<>();
            for (String l : lines.subList(Math.min(from, lines.size()), lines.size())) {
                int end = l.lastIndexOf(" ms");
                if (l.contains("C-FIND") && end > 0) {
                    ms.add(Double.parseDouble(l.substring(l.lastIndexOf(", ", end) + 2, end)));
                }
            }
            return ms.stream().mapToDouble(Double::doubleValue).toArray();
        }

        int lines() throws IOException {
            return Files.readAllLines(out, StandardCharsets.UTF_8).size();
        }

        @Override
        public void close() throws Exception {
            process.destroy(); // SIGTERM: a clean stop
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    // ------------------------------------------------------------------ ingest

    private static void ingest(int images) throws Exception {
        Path src = base.resolve("ingest-src");
        System.out.printf(Locale.ROOT, "%ningest: writing %d CT images 512x512x16 (and %d to warm up both sides)"
                + " ...%n", images, warmUp);
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= images; i++) {
            // four studies, one per folder: the 4-association run is four modalities sending their own studies
            String study = "2.25.1." + (i % 4);
            files.add(write(src.resolve((i % 4) + "/" + i + ".dcm"), ct(study, study + ".1", study + ".1." + i,
                    "INGEST" + (i % 4), "Ingest^Bench", "20240101", 512)));
        }
        List<Path> warm = new ArrayList<>();
        for (int i = 1; i <= warmUp; i++) {
            warm.add(write(base.resolve("warm/" + i + ".dcm"), ct("2.25.2", "2.25.2.1", "2.25.2.1." + i, "WARM",
                    "Warm^Up", "20240101", 512)));
        }
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        int port = BenchSupport.freePort();
        long prime = bytes + bytes / 2;
        double node1;
        double node4;
        double nodeCpu;
        double node4Cpu;
        double scp4Cpu;
        double node4Busy;
        double scp4Busy;
        double pg1Cpu;
        double pg4Cpu;
        try (NodeProcess n = new NodeProcess("ingest-node", port)) {
            storescu("WARM", port, List.of(base.resolve("warm").toString()));
            settle(n, port, "1 association", 1);
            BenchSupport.sync();
            BenchSupport.primeMemory(base, prime);
            double c0 = cpu(n.process);
            java.util.Map<String, Double> t0 = BenchSupport.threadCpu(n.process.pid());
            Process perf = BenchSupport.perfStart("node1");
            double pg0 = pg == null ? 0 : PgServer.cpuSeconds();
            node1 = storescu("BENCH", port, List.of(src.toString()));
            nodeCpu = cpu(n.process) - c0;
            pg1Cpu = pg == null ? 0 : PgServer.cpuSeconds() - pg0;
            BenchSupport.perfStop(perf);
            if (System.getenv("BENCH_THREADS") != null) {
                java.util.Map<String, Double> t1 = BenchSupport.threadCpu(n.process.pid());
                t1.forEach((k, v) -> {
                    double d = v - t0.getOrDefault(k, 0.0);
                    if (d > 0.005) {
                        System.out.printf(Locale.ROOT, "  node thread %-20s %6.2f s CPU%n", k, d);
                    }
                });
            }
            BenchSupport.sync();
        }
        BenchSupport.deleteTree(base.resolve("ingest-node"));
        try (NodeProcess n = new NodeProcess("ingest-node4", port)) {
            storescu("WARM", port, List.of(base.resolve("warm").toString()));
            settle(n, port, "4 associations", 4);
            BenchSupport.sync();
            BenchSupport.primeMemory(base, prime);
            double c0 = cpu(n.process);
            Process perf = BenchSupport.perfStart("node4");
            long[] m0 = BenchSupport.machineCpu();
            double pg0 = pg == null ? 0 : PgServer.cpuSeconds();
            node4 = parallel(port, src);
            node4Busy = BenchSupport.busyShare(m0, BenchSupport.machineCpu());
            pg4Cpu = pg == null ? 0 : PgServer.cpuSeconds() - pg0;
            node4Cpu = cpu(n.process) - c0;
            BenchSupport.perfStop(perf);
            BenchSupport.sync();
        }
        BenchSupport.deleteTree(base.resolve("ingest-node4"));
        double scp1;
        double scp4;
        Path out = base.resolve("storescp-out");
        Files.createDirectories(out);
        Process scp = server(List.of("storescp", "-od", out.toString(), Integer.toString(port)), port, "storescp");
        double scpCpu;
        try {
            storescu("WARM", port, List.of(base.resolve("warm").toString()));
            BenchSupport.sync();
            BenchSupport.primeMemory(base, prime);
            double c0 = cpu(scp);
            Process perf = BenchSupport.perfStart("storescp1");
            scp1 = storescu("BENCH", port, List.of(src.toString()));
            scpCpu = cpu(scp) - c0;
            BenchSupport.perfStop(perf);
            BenchSupport.sync();
        } finally {
            BenchSupport.stop(scp);
        }
        BenchSupport.deleteTree(out);
        Files.createDirectories(out);
        scp = server(List.of("storescp", "--fork", "-od", out.toString(), Integer.toString(port)), port,
                "storescp-fork");
        try {
            storescu("WARM", port, List.of(base.resolve("warm").toString()));
            BenchSupport.sync();
            BenchSupport.primeMemory(base, prime);
            double c0 = cpuWithChildren(scp);
            Process perf = BenchSupport.perfStart("storescp4");
            long[] m0 = BenchSupport.machineCpu();
            scp4 = parallel(port, src);
            scp4Busy = BenchSupport.busyShare(m0, BenchSupport.machineCpu());
            BenchSupport.perfStop(perf);
            Thread.sleep(200); // the forked children are reaped (and counted) once they have exited
            scp4Cpu = cpuWithChildren(scp) - c0;
            BenchSupport.sync();
        } finally {
            BenchSupport.stop(scp);
        }
        BenchSupport.deleteTree(out);
        double mb = bytes / 1e6;
        System.out.printf(Locale.ROOT, "%-52s %9s %9s %7s%n", "ingest (" + images + " images, " + Math.round(mb)
                + " MB)", "node s", "dcmtk s", "ratio");
        System.out.printf(Locale.ROOT, "%-52s %9.2f %9.2f %7.2f   (%.0f vs %.0f MB/s)%n",
                "1 association: node (indexing) vs storescp", node1, scp1, scp1 / node1, mb / node1, mb / scp1);
        System.out.printf(Locale.ROOT, "%-52s %9.2f %9.2f %7.2f   (%.0f vs %.0f MB/s)%n",
                "4 associations: node vs storescp --fork", node4, scp4, scp4 / node4, mb / node4, mb / scp4);
        System.out.printf(Locale.ROOT, "%-52s %9.2f %9.2f %7.2f%n", "CPU seconds, 1 association (node vs storescp)",
                nodeCpu, scpCpu, scpCpu / nodeCpu);
        System.out.printf(Locale.ROOT, "%-52s %9.2f %9.2f %7.2f%n", "CPU seconds, 4 associations (node vs storescp --fork)",
                node4Cpu, scp4Cpu, scp4Cpu / node4Cpu);
        System.out.printf(Locale.ROOT, "%-52s %8.0f%% %8.0f%%%n", "machine busy, 4 associations (senders included)",
                node4Busy * 100, scp4Busy * 100);
        if (pg != null) {
            System.out.printf(Locale.ROOT, "%-52s %9.2f %9.2f%n", "CPU seconds of the PostgreSQL server, 1 / 4 assoc.",
                    pg1Cpu, pg4Cpu);
        }
        BenchSupport.primeMemory(base, prime);
        System.out.printf(Locale.ROOT, "%-52s %9.2f%n", "CPU seconds, bare socket-to-files copy (floor, no DICOM)",
                copyFloor(files, base.resolve("floor")));
        BenchSupport.deleteTree(src);
    }

    /**
     * Warms the node further until its JIT compilers go quiet: rounds of {@value #SETTLE_ROUND} small images over as
     * many associations as the measurement uses (the same receive, index and locking paths) until one round's
     * compiler threads use under {@value #SETTLE_SHARE} of its time twice in a row, at most 20 rounds ({@code --settle-rounds}). A node in service compiled its hot code long ago; measuring
     * while C2 still compiles measures start-up, not ingest. Prints how long it took, so nothing is hidden.
     */
    private static void settle(NodeProcess n, int port, String what, int senders) throws Exception {
        int sent = 0;
        double share = 1;
        double previous = 1;
        int round = 0;
        // two quiet rounds in a row: one alone can fall between two bursts of compilation
        while (round < settleRounds && (share >= SETTLE_SHARE || previous >= SETTLE_SHARE)) {
            previous = share;
            round++;
            Path dir = base.resolve("settle-" + round);
            for (int i = 1; i <= SETTLE_ROUND; i++) {
                String series = "2.25.3." + round;
                write(dir.resolve((i % senders) + "/" + i + ".dcm"), ct("2.25.3", series, series + "." + i, "WARM",
                        "Warm^Up", "20240101", 64));
            }
            double c0 = BenchSupport.compilerCpu(n.process.pid());
            double t = senders == 1 ? storescu("WARM", port, List.of(dir.toString())) : parallel(port, dir);
            share = (BenchSupport.compilerCpu(n.process.pid()) - c0) / t;
            sent += SETTLE_ROUND;
            BenchSupport.deleteTree(dir);
        }
        if (settleRounds == 0) {
            return;
        }
        share = Math.max(share, previous);
        System.out.printf(Locale.ROOT, "  %s: node JIT %s after %d more small warm-up images (compilers %.0f%% busy"
                + " in the last two rounds, at most)%n", what, share < SETTLE_SHARE ? "settled" : "still compiling", sent,
                share * 100);
    }

    private static final int SETTLE_ROUND = 1000;
    private static int settleRounds = 20;
    private static final double SETTLE_SHARE = 0.10;

    /** Sends the 4 sub-folders of {@code src} at once, from 4 calling AE titles; returns the wall time. */
    private static double parallel(int port, Path src) throws Exception {
        List<Process> ps = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 4; i++) {
            ps.add(dcmtk(List.of("storescu", "-aet", "BENCH" + i, "-aec", "LIGHTBOX", "+sd", "+r", "127.0.0.1",
                    Integer.toString(port), src.resolve(Integer.toString(i)).toString()), "storescu-par" + i));
        }
        for (Process p : ps) {
            check(p, "storescu");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double storescu(String aet, int port, List<String> paths) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", aet, "-aec", "LIGHTBOX", "+sd", "+r",
                "127.0.0.1", Integer.toString(port)));
        cmd.addAll(paths);
        long t0 = System.nanoTime();
        check(dcmtk(cmd, "storescu-" + aet), "storescu");
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * What any receiver pays, at least, for the bytes of an ingest run: the receiving thread's CPU (user and kernel)
     * to read the files' bytes from a loopback socket, sent in 16 KB writes like storescu's PDUs, and write each into
     * a file of its own. No DICOM, no catalog: what is left above this in the node's and storescp's CPU is theirs.
     * The best of three rounds, so the JIT has compiled the loop.
     */
    private static double copyFloor(List<Path> files, Path dir) throws Exception {
        Files.createDirectories(dir);
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            try (java.net.ServerSocket server = new java.net.ServerSocket(0, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                Thread sender = new Thread(() -> {
                    try (java.net.Socket s = new java.net.Socket(server.getInetAddress(), server.getLocalPort())) {
                        s.setTcpNoDelay(true);
                        java.io.OutputStream out = s.getOutputStream();
                        for (Path f : files) {
                            byte[] b = Files.readAllBytes(f);
                            for (int off = 0; off < b.length; off += 16384) {
                                out.write(b, off, Math.min(16384, b.length - off));
                            }
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, "floor-sender");
                sender.start();
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                try (java.net.Socket s = server.accept()) {
                    java.io.InputStream in = s.getInputStream();
                    byte[] buf = new byte[64 * 1024];
                    long c0 = mx.getCurrentThreadCpuTime();
                    int i = 0;
                    for (Path f : files) {
                        long left = Files.size(f);
                        try (java.io.OutputStream out = Files.newOutputStream(dir.resolve(i++ + ".dcm"))) {
                            while (left > 0) {
                                int n = in.read(buf, 0, (int) Math.min(left, buf.length));
                                if (n < 0) {
                                    throw new IOException("floor: the sender stopped early");
                                }
                                out.write(buf, 0, n);
                                left -= n;
                            }
                        }
                    }
                    best = Math.min(best, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
                }
                sender.join();
            }
            BenchSupport.deleteTree(dir);
            Files.createDirectories(dir);
        }
        BenchSupport.deleteTree(dir);
        return best;
    }

    /** CPU seconds of a process and of its children that have ended (storescp --fork's), from /proc (Linux). */
    private static double cpuWithChildren(Process p) throws IOException {
        return cpu(p, true);
    }

    /** CPU seconds (user and system) a process has used so far, from /proc (Linux). */
    private static double cpu(Process p) throws IOException {
        return cpu(p, false);
    }

    private static double cpu(Process p, boolean children) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        if (children) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]); // cutime, cstime: reaped children
        }
        return ticks / 100.0;
    }

    // ------------------------------------------------------------------ find

    private static final String[] FAMILY = { "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
        "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
        "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
        "Smith", "García", "Núñez", "Ørsted", "Dubois", "Lefèvre", "Rossi", "Ferrari", "Jensen" };
    private static final String[] GIVEN = { "Anna", "Jürgen", "Lena", "Jörg", "Zoë", "Luis", "José", "Mia", "Noah",
        "Emil", "Åsa", "Björn", "Chloé", "René", "Ida", "Paul" };

    private static void find(int studies, int runs) throws Exception {
        int port = BenchSupport.freePort();
        System.out.printf(Locale.ROOT, "%nfind: cataloguing %d studies (one small instance each) ...%n", studies);
        Path home = base.resolve("find-node");
        Driver driver = (Driver) Class.forName(CatalogLocation.DERBY_EMBEDDED_DRIVER).getConstructor().newInstance();
        try (NodeStorage storage = NodeStorage.open(CatalogLocation.embedded(home.resolve("catalog"))
                .connectionSource(driver), home.resolve("store"), StorageSettings.DEFAULTS)) {
            for (int i = 0; i < studies; i++) {
                String name = FAMILY[i % FAMILY.length] + "^" + GIVEN[(i / FAMILY.length) % GIVEN.length];
                String date = String.format(Locale.ROOT, "%04d%02d%02d", 2015 + i % 10, 1 + (i / 10) % 12,
                        1 + (i / 120) % 28);
                Attributes ds = ct("2.25.9." + i, "2.25.9." + i + ".1", "2.25.9." + i + ".1.1",
                        String.format(Locale.ROOT, "PID%06d", i / 2), name, date, 0);
                try (IncomingFile in = storage.fileStore().create(CT, "2.25.9." + i + ".1.1",
                        UID.ExplicitVRLittleEndian, "BENCH")) {
                    DicomWriter w = new DicomWriter(in.output());
                    w.writeDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
                    w.flush();
                    in.commit();
                }
            }
        }
        try (NodeProcess n = new NodeProcess("find-node", port)) {
            String[][] queries = { { "exact Patient ID", String.format(Locale.ROOT, "PatientID=PID%06d",
                    studies * 47 / 200) },
                { "wildcard Patient's Name Mü*", "PatientName=Mü*" },
                { "one-year Study Date range 2023", "StudyDate=20230101-20231231" } };
            System.out.printf(Locale.ROOT, "%-36s %8s %12s %12s %14s%n", "study-level C-FIND (" + studies
                    + " studies)", "matches", "SCP median", "SCU median", "findscu median");
            for (String[] q : queries) {
                // warm up, then measure: our SCU over one association, then findscu, a process per query
                Association a = open(port, UID.StudyRootQueryRetrieveInformationModelFind);
                byte[] keys = keys(q[1]);
                for (int i = 0; i < 10; i++) {
                    a.find(UID.StudyRootQueryRetrieveInformationModelFind, DataWriter.of(keys), r -> { });
                }
                int from = n.lines();
                double[] scu = new double[runs];
                int[] matches = new int[1];
                for (int i = 0; i < runs; i++) {
                    matches[0] = 0;
                    long t0 = System.nanoTime();
                    a.find(UID.StudyRootQueryRetrieveInformationModelFind, DataWriter.of(keys), r -> matches[0]++);
                    scu[i] = (System.nanoTime() - t0) / 1e6;
                }
                a.release();
                Thread.sleep(200); // the node prints its lines asynchronously
                double[] scp = n.findMillis(from);
                double[] tool = new double[Math.max(5, runs / 3)];
                for (int i = 0; i < tool.length; i++) {
                    long t0 = System.nanoTime();
                    // UTF-8, as typed on the command line; the matching key last: a later -k of a tag replaces it
                    List<String> cmd = new ArrayList<>(List.of("findscu", "-S", "-aec", "LIGHTBOX", "-k",
                            "SpecificCharacterSet=ISO_IR 192", "-k", "QueryRetrieveLevel=STUDY", "-k",
                            "StudyInstanceUID", "-k", "PatientName", "-k", "StudyDate", "-k", q[1]));
                    cmd.add("127.0.0.1");
                    cmd.add(Integer.toString(port));
                    check(dcmtk(cmd, "findscu"), "findscu");
                    tool[i] = (System.nanoTime() - t0) / 1e6;
                }
                System.out.printf(Locale.ROOT, "%-36s %8d %9.1f ms %9.1f ms %11.1f ms%n", q[0], matches[0],
                        BenchSupport.median(scp), BenchSupport.median(scu), BenchSupport.median(tool));
            }
        }
        BenchSupport.deleteTree(home);
    }

    private static byte[] keys(String key) throws IOException {
        Attributes k = new Attributes();
        k.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        k.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        String[] kv = key.split("=", 2);
        int tag = kv[0].equals("PatientID") ? Tag.PatientID : kv[0].equals("PatientName") ? Tag.PatientName
                : Tag.StudyDate;
        VR vr = tag == Tag.PatientID ? VR.LO : tag == Tag.PatientName ? VR.PN : VR.DA;
        k.setNull(Tag.StudyDate, VR.DA);
        k.setNull(Tag.PatientName, VR.PN);
        k.setNull(Tag.StudyInstanceUID, VR.UI);
        k.setString(tag, vr, kv[1]);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        DicomWriter w = new DicomWriter(out);
        w.writeDataset(k, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        w.flush();
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ move

    private static void move(int images) throws Exception {
        System.out.printf(Locale.ROOT, "%nmove: a study of %d CT images 512x512x16 ...%n", images);
        Path src = base.resolve("move-src");
        for (int i = 1; i <= images; i++) {
            write(src.resolve(i + ".dcm"), ct("2.25.5", "2.25.5.1", "2.25.5.1." + i, "MOVE", "Move^Bench",
                    "20240202", 512));
        }
        int nodePort = BenchSupport.freePort();
        int qrPort = BenchSupport.freePort();
        int destPort = BenchSupport.freePort();
        Path dest = base.resolve("dest");
        double[] node;
        double[] qr;
        RemoteAe destination = new RemoteAe("STORESCP", "127.0.0.1", destPort, false, "bench destination");
        try (NodeProcess n = new NodeProcess("move-node", nodePort, destination)) {
            storescu("LOADER", nodePort, List.of(src.toString()));
            node = moves("LIGHTBOX", nodePort, dest, destPort);
        }
        BenchSupport.deleteTree(base.resolve("move-node"));
        // dcmqrscp with the same study in its storage area
        Path qrDir = base.resolve("qr/QRSCP");
        Files.createDirectories(qrDir);
        Path cfg = base.resolve("qr/dcmqrscp.cfg");
        Files.writeString(cfg, "NetworkTCPPort = " + qrPort + "\nMaxPDUSize = 16384\nMaxAssociations = 16\n"
                + "HostTable BEGIN\nstorescp = (STORESCP, 127.0.0.1, " + destPort + ")\nloader = (LOADER, 127.0.0.1, "
                + destPort + ")\nmovescu = (MOVESCU, 127.0.0.1, " + destPort + ")\nHostTable END\n"
                + "VendorTable BEGIN\nVendorTable END\nAETable BEGIN\nQRSCP " + qrDir + " RW (2000, 4096mb) ANY\n"
                + "AETable END\n", StandardCharsets.US_ASCII);
        Process qrscp = server(List.of("dcmqrscp", "-c", cfg.toString(), Integer.toString(qrPort)), qrPort,
                "dcmqrscp");
        try {
            List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "LOADER", "-aec", "QRSCP", "+sd", "+r",
                    "127.0.0.1", Integer.toString(qrPort), src.toString()));
            check(dcmtk(cmd, "storescu-qr"), "storescu to dcmqrscp");
            qr = moves("QRSCP", qrPort, dest, destPort);
        } finally {
            BenchSupport.stop(qrscp);
        }
        System.out.printf(Locale.ROOT, "%-52s %9s %9s %7s%n", "C-MOVE of " + images + " images to storescp",
                "node s", "dcmqrscp", "ratio");
        System.out.printf(Locale.ROOT, "%-52s %9.2f %9.2f %7.2f   (median of %d, after a warm-up)%n",
                "study level, study root", BenchSupport.median(node), BenchSupport.median(qr), BenchSupport.median(qr) / BenchSupport.median(node), node.length);
        BenchSupport.deleteTree(src);
    }

    /** A warm-up and three timed C-MOVEs of the study to a fresh storescp each time. */
    private static double[] moves(String aet, int port, Path dest, int destPort) throws Exception {
        double[] t = new double[4];
        for (int i = 0; i < t.length; i++) {
            BenchSupport.deleteTree(dest);
            Files.createDirectories(dest);
            Process scp = server(List.of("storescp", "-aet", "STORESCP", "-od", dest.toString(),
                    Integer.toString(destPort)), destPort, "storescp-dest");
            try {
                BenchSupport.sync();
                long t0 = System.nanoTime();
                check(dcmtk(List.of("movescu", "-S", "-aet", "MOVESCU", "-aec", aet, "-aem", "STORESCP", "-k",
                        "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=2.25.5", "127.0.0.1",
                        Integer.toString(port)), "movescu-" + aet), "movescu");
                t[i] = (System.nanoTime() - t0) / 1e9;
            } finally {
                BenchSupport.stop(scp);
            }
            try (Stream<Path> s = Files.list(dest)) {
                long n = s.count();
                if (n == 0) {
                    throw new IllegalStateException("C-MOVE from " + aet + " delivered nothing");
                }
            }
        }
        return Arrays.copyOfRange(t, 1, t.length);
    }

    // ------------------------------------------------------------------ helpers

    private static Attributes ct(String study, String series, String iuid, String pid, String name, String date,
            int size) {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        a.setString(Tag.SOPClassUID, VR.UI, CT);
        a.setString(Tag.SOPInstanceUID, VR.UI, iuid);
        a.setString(Tag.StudyDate, VR.DA, date);
        a.setString(Tag.StudyTime, VR.TM, "101010");
        a.setString(Tag.AccessionNumber, VR.SH, "A" + study.hashCode() % 100000);
        a.setString(Tag.Modality, VR.CS, "CT");
        a.setString(Tag.StudyDescription, VR.LO, "Bench");
        a.setString(Tag.PatientName, VR.PN, name);
        a.setString(Tag.PatientID, VR.LO, pid);
        a.setString(Tag.PatientBirthDate, VR.DA, "19600101");
        a.setString(Tag.PatientSex, VR.CS, "O");
        a.setString(Tag.StudyInstanceUID, VR.UI, study);
        a.setString(Tag.SeriesInstanceUID, VR.UI, series);
        a.setString(Tag.SeriesNumber, VR.IS, "1");
        a.setString(Tag.InstanceNumber, VR.IS, iuid.substring(iuid.lastIndexOf('.') + 1));
        if (size > 0) {
            a.setInt(Tag.SamplesPerPixel, VR.US, 1);
            a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
            a.setInt(Tag.Rows, VR.US, size);
            a.setInt(Tag.Columns, VR.US, size);
            a.setInt(Tag.BitsAllocated, VR.US, 16);
            a.setInt(Tag.BitsStored, VR.US, 12);
            a.setInt(Tag.HighBit, VR.US, 11);
            a.setInt(Tag.PixelRepresentation, VR.US, 0);
            byte[] px = new byte[size * size * 2];
            int seed = iuid.hashCode();
            for (int i = 0; i < px.length; i += 2) {
                seed = seed * 1103515245 + 12345;
                int v = (seed >>> 20) & 0x0FFF;
                px[i] = (byte) v;
                px[i + 1] = (byte) (v >> 8);
            }
            a.setBytes(Tag.PixelData, VR.OW, px);
        }
        return a;
    }

    private static Path write(Path file, Attributes a) throws IOException {
        Files.createDirectories(file.getParent());
        DicomWriter.writeFile(file, FileMetaInformation.create(CT, a.getString(Tag.SOPInstanceUID),
                UID.ExplicitVRLittleEndian), a);
        return file;
    }

    private static Association open(int port, String sopClass) throws IOException {
        AAssociateRq rq = new AAssociateRq().calledAeTitle("LIGHTBOX").callingAeTitle("BENCHSCU");
        rq.addPresentationContext(sopClass, UID.ExplicitVRLittleEndian);
        return new Connector(ConnectionOptions.defaults()).open("127.0.0.1", port, rq);
    }

    private static Process dcmtk(List<String> cmd, String logName) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(base.resolve(logName + ".log").toFile());
        pb.environment().put("TCP_NODELAY", "1");
        return pb.start();
    }

    private static void check(Process p, String what) throws Exception {
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(what + " did not finish within 10 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(what + " exited with " + p.exitValue() + " (logs in " + base + ")");
        }
    }

    private static Process server(List<String> cmd, int port, String logName) throws Exception {
        Process p = dcmtk(cmd, logName);
        return BenchSupport.awaitListening(p, cmd.get(0), port, base.resolve(logName + ".log"));
    }

}
