package org.lightbox.dicom.imageio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs dcmtk command line tools, the oracle of the codec tests. Fails clearly when dcmtk is not installed. */
final class Dcmtk {

    private Dcmtk() {
    }

    /** Runs {@code tool args...}; fails with the tool's output when it exits non-zero or takes over 2 minutes. */
    static String run(String tool, Object... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        for (Object a : args) {
            cmd.add(a.toString());
        }
        Path log = Files.createTempFile("dcmtk", ".log");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            Files.deleteIfExists(log);
            throw new IllegalStateException("dcmtk tool '" + tool + "' is not on the PATH; the codec tests use "
                    + "dcmtk (3.6.x) as their oracle: install it (e.g. apt-get install dcmtk)", e);
        }
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 2 minutes");
            }
            String out = Files.readString(log, StandardCharsets.ISO_8859_1);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + out);
            }
            return out;
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
