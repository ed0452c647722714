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

    /**
     * Writes and removes {@code bytes} of scratch file in {@code dir}, just before a measured run. On a virtual
     * machine whose host backs guest memory lazily (and takes freed memory back), the first write to a page the
     * host has not backed costs several times a normal copy. Without this, whichever receiver runs right after a
     * process freed a lot of memory (dcmtk after our node's JVM has exited) writes into backed pages and the other
     * does not: the node's kernel copies into /dev/shm were measured 4x slower in some runs, and 20x with a
     * pre-touched heap. Priming hands both sides freshly freed, backed pages.
     */
    static void primeMemory(Path dir, long bytes) throws IOException {
        Path scratch = dir.resolve("prime.tmp");
        java.nio.ByteBuffer block = java.nio.ByteBuffer.allocateDirect(1 << 20);
        while (block.hasRemaining()) {
            block.put((byte) 0x5A);
        }
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(scratch,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long written = 0; written < bytes; written += block.capacity()) {
                block.clear();
                while (block.hasRemaining()) {
                    ch.write(block);
                }
            }
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    /**
     * With {@code BENCH_PERF=DIR} in the environment, starts {@code perf record -a -g} (the whole machine, so the
     * peers and the kernel are in it too) into {@code DIR/name.data}; otherwise returns {@code null}. Read it with
     * {@code perf report -i DIR/name.data --sort comm,dso,sym}.
     */
    static Process perfStart(String name) throws Exception {
        String dir = System.getenv("BENCH_PERF");
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Files.createDirectories(Path.of(dir));
        Process p = new ProcessBuilder("perf", "record", "-a", "-g", "-F", "1999", "-o",
                Path.of(dir, name + ".data").toString()).redirectErrorStream(true)
                .redirectOutput(Path.of(dir, name + ".log").toFile()).start();
        Thread.sleep(500); // perf needs a moment before it records
        return p;
    }

    /** Stops a recording {@link #perfStart} started (SIGINT makes perf write its file). */
    static void perfStop(Process p) throws Exception {
        if (p != null) {
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The machine's CPU jiffies since boot from /proc/stat: {busy, idle (with I/O wait)}. */
    static long[] machineCpu() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
        long all = 0;
        for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
            all += Long.parseLong(f[i]);
        }
        return new long[] { all - idle, idle };
    }

    /** The share of the machine's CPU time that was busy between two {@link #machineCpu()} readings. */
    static double busyShare(long[] before, long[] after) {
        long busy = after[0] - before[0];
        long idle = after[1] - before[1];
        return busy + idle == 0 ? 0 : (double) busy / (busy + idle);
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
