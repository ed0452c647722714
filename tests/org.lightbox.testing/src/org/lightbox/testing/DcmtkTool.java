package org.lightbox.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.opentest4j.AssertionFailedError;

/**
 * Runs dcmtk's tools as real peers for interop tests: on loopback, on ports chosen free at run time, with
 * TCP_NODELAY=1 (dcmtk 3.6.7 otherwise waits ~40 ms per message), output to a log, and always stopped.
 */
public final class DcmtkTool {

    private DcmtkTool() {
    }

    /** Fails the test with an instruction when {@code tool} is not installed (CI installs dcmtk). */
    public static void require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        throw new AssertionFailedError("dcmtk tool '" + tool
                + "' is not on PATH: install dcmtk (apt-get install dcmtk) to run the interop tests");
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static ProcessBuilder builder(List<String> cmd, Path log) {
        require(cmd.get(0));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("TCP_NODELAY", "1");
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.toFile());
        return pb;
    }

    /** Starts a server tool and returns once its port accepts connections. */
    public static Process startServer(List<String> cmd, int port, Path log) throws IOException, InterruptedException {
        Process p = builder(cmd, log).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException e) {
                if (!p.isAlive()) {
                    throw new AssertionFailedError(cmd.get(0) + " exited early: " + log(log));
                }
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new AssertionFailedError(cmd.get(0) + " did not listen on port " + port + ": " + log(log));
    }

    /** Runs a client tool to completion (killed after {@code seconds}) and returns its exit status. */
    public static int run(List<String> cmd, Path log, int seconds) throws IOException, InterruptedException {
        Process p = builder(cmd, log).start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionFailedError(cmd.get(0) + " did not finish within " + seconds + " s: " + log(log));
            }
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    /**
     * Runs {@code command} to completion and returns its standard output; fails the test, with the tool's error
     * output, when it exits non-zero or runs longer than a minute.
     */
    public static byte[] output(String... command) throws IOException, InterruptedException {
        require(command[0]);
        Process p = new ProcessBuilder(command).start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errReader = new Thread(() -> drain(p.getErrorStream(), err));
            errReader.start();
            drain(p.getInputStream(), out);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionFailedError(String.join(" ", command) + " did not finish within 60 s");
            }
            errReader.join();
            if (p.exitValue() != 0) {
                throw new AssertionFailedError(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                        + err.toString(StandardCharsets.ISO_8859_1));
            }
            return out.toByteArray();
        } finally {
            p.destroyForcibly();
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the process died; its exit status tells
        }
    }

    /** Stops a server politely, then forcibly. */
    public static void stop(Process p) throws InterruptedException {
        if (p != null) {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    public static String log(Path log) {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /**
     * Writes a Part 10 image with dump2dcm: {@code sopClass} ("=CTImageStorage" style or a UID), a 16-bit
     * pattern of {@code rows} x {@code cols} pixels, in the transfer syntax of {@code tsOption} ({@code +te}
     * explicit, {@code +ti} implicit VR little endian, {@code +tb} big endian).
     */
    public static Path image(Path dir, String name, String sopClass, String iuid, int rows, int cols, String tsOption)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path pix = dir.resolve(name + ".pix");
        byte[] px = new byte[rows * cols * 2];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 7 + (i >> 9));
        }
        Files.write(pix, px);
        List<String> lines = new ArrayList<>();
        lines.add("(0002,0010) UI =LittleEndianExplicit");
        lines.add("(0008,0016) UI " + sopClass);
        lines.add("(0008,0018) UI [" + iuid + "]");
        lines.add("(0008,0060) CS [OT]");
        lines.add("(0010,0010) PN [Test^Net]");
        lines.add("(0010,0020) LO [NET001]");
        lines.add("(0020,000d) UI [" + iuid + ".1]");
        lines.add("(0020,000e) UI [" + iuid + ".2]");
        lines.add("(0028,0002) US 1");
        lines.add("(0028,0004) CS [MONOCHROME2]");
        lines.add("(0028,0010) US " + rows);
        lines.add("(0028,0011) US " + cols);
        lines.add("(0028,0100) US 16");
        lines.add("(0028,0101) US 16");
        lines.add("(0028,0102) US 15");
        lines.add("(0028,0103) US 0");
        lines.add("(7fe0,0010) OW =" + pix.toAbsolutePath());
        Path dump = dir.resolve(name + ".dump");
        Files.write(dump, lines);
        Path out = dir.resolve(name + ".dcm");
        Path log = dir.resolve(name + ".log");
        int rc = run(List.of("dump2dcm", "-q", tsOption, dump.toString(), out.toString()), log, 30);
        if (rc != 0) {
            throw new AssertionFailedError("dump2dcm failed (" + rc + "): " + log(log));
        }
        Files.delete(pix);
        Files.delete(dump);
        Files.deleteIfExists(log);
        return out;
    }
}
