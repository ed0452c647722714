import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What the benchmarks that run dcmtk peers share: waiting for a peer to listen, stopping it, ports, medians. */
final class BenchSupport {

    private BenchSupport() {
    }

    /** Returns {@code p} once something listens on {@code port}; fails with the peer's log if it exited. */
    static Process awaitListening(Process p, String name, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(name + " exited: " + Files.readString(log,
                            StandardCharsets.ISO_8859_1));
                }
                Thread.sleep(20);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException(name + " did not listen on " + port);
    }

    /**
     * SIGTERM, then SIGKILL after 10 s. (storescp --fork and dcmqrscp leave children for running associations: they
     * end with them.)
     */
    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Flushes the page cache's dirty pages, so one side's writes are not charged to the other. */
    static void sync() throws Exception {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** CPU seconds per thread name (digits made N, threads of one name summed; user and sys apart), from /proc. */
    static java.util.Map<String, Double> threadCpu(long pid) throws IOException {
        java.util.Map<String, Double> m = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("\\d+", "N");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    m.merge(name + " user", Long.parseLong(f[11]) / 100.0, Double::sum);
                    m.merge(name + " sys", Long.parseLong(f[12]) / 100.0, Double::sum);
                } catch (IOException e) {
                    // the thread ended
                }
            }
        }
        return m;
    }

    /** CPU seconds the JIT compiler threads of process {@code pid} have used so far. */
    static double compilerCpu(long pid) throws IOException {
        double sum = 0;
        for (java.util.Map.Entry<String, Double> e : threadCpu(pid).entrySet()) {
            if (e.getKey().contains("CompilerThre")) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2]
                : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
