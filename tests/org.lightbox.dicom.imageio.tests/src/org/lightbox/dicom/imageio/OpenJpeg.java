package org.lightbox.dicom.imageio;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * OpenJPEG's command-line tools (Debian package libopenjp2-tools) as the independent JPEG 2000 encoder and decoder:
 * frames go to opj_compress as little-endian planar raw (8, 12 or 16 bits, the depths it takes raw) or as PGM
 * (unsigned monochrome of other depths), and come back from opj_decompress as little-endian planar raw.
 */
final class OpenJpeg {

    private OpenJpeg() {
    }

    /** Fails with an instruction when the tool is missing (CI installs libopenjp2-tools). */
    static void require(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return;
            }
        }
        fail("OpenJPEG tool '" + tool + "' is not on PATH: install it (apt-get install libopenjp2-tools) to run the"
                + " JPEG 2000 tests");
    }

    /** Compresses one frame into a J2K codestream with opj_compress and the given options (none: lossless). */
    static byte[] compress(FrameBuffer frame, Path dir, String... options) throws IOException, InterruptedException {
        FrameFormat f = frame.format();
        Path in;
        List<String> cmd = new ArrayList<>(List.of("opj_compress"));
        int bits = f.bitsStored();
        if (bits != 8 && bits != 12 && bits != 16) { // the only depths opj_compress takes raw; PGM for the rest
            if (f.signed() || f.samplesPerPixel() > 1) {
                fail("no input format for opj_compress for " + f); // and its PGX reader is wrong in 2.5
            }
            in = Files.createTempFile(dir, "in", ".pgm");
            Files.write(in, pgm(frame));
        } else {
            in = Files.createTempFile(dir, "in", ".rawl");
            Files.write(in, rawl(frame.withPlanar(true)));
            cmd.addAll(List.of("-F", f.columns() + "," + f.rows() + "," + f.samplesPerPixel() + ","
                    + f.bitsStored() + "," + (f.signed() ? "s" : "u")));
        }
        Path out = Files.createTempFile(dir, "out", ".j2k");
        cmd.addAll(List.of("-i", in.toString(), "-o", out.toString()));
        cmd.addAll(List.of(options));
        run(cmd);
        return Files.readAllBytes(out);
    }

    /** Decompresses a codestream with opj_decompress into a frame of {@code f} (pixel-interleaved). */
    static FrameBuffer decompress(byte[] codestream, FrameFormat f, Path dir) throws IOException, InterruptedException {
        Path in = Files.createTempFile(dir, "in", ".j2k");
        Files.write(in, codestream);
        Path out = Files.createTempFile(dir, "out", ".rawl");
        run(List.of("opj_decompress", "-i", in.toString(), "-o", out.toString()));
        byte[] b = Files.readAllBytes(out);
        FrameBuffer planar = FrameBuffer.allocate(f.withPlanar(true));
        int bytesPerSample = f.bitsStored() > 8 ? 2 : 1;
        if (b.length != planar.length() * bytesPerSample) {
            fail("opj_decompress wrote " + b.length + " bytes for " + f);
        }
        int shift = 32 - f.bitsStored();
        for (int i = 0; i < planar.length(); i++) {
            int v = bytesPerSample == 1 ? b[i] & 0xFF : (b[2 * i] & 0xFF) | (b[2 * i + 1] & 0xFF) << 8;
            planar.set(i, f.signed() ? v << shift >> shift : v & f.storedMask());
        }
        return planar.withPlanar(false);
    }

    /** Binary PGM: maxval from Bits Stored (opj_compress codes fewer than 8 bits at precision 8), big-endian. */
    private static byte[] pgm(FrameBuffer frame) {
        FrameFormat f = frame.format();
        byte[] head = ("P5\n" + f.columns() + " " + f.rows() + "\n" + f.storedMask() + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        int bps = f.bitsStored() > 8 ? 2 : 1;
        byte[] b = new byte[head.length + frame.length() * bps];
        System.arraycopy(head, 0, b, 0, head.length);
        for (int i = 0, p = head.length; i < frame.length(); i++) {
            int v = frame.value(i);
            if (bps == 2) {
                b[p++] = (byte) (v >> 8);
            }
            b[p++] = (byte) v;
        }
        return b;
    }

    private static byte[] rawl(FrameBuffer frame) {
        int bps = frame.format().bitsStored() > 8 ? 2 : 1;
        byte[] b = new byte[frame.length() * bps];
        for (int i = 0; i < frame.length(); i++) {
            int v = frame.value(i);
            if (bps == 2) {
                b[2 * i] = (byte) v;
                b[2 * i + 1] = (byte) (v >> 8);
            } else {
                b[i] = (byte) v;
            }
        }
        return b;
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        require(cmd.get(0));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] log = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(cmd.get(0) + " did not finish within 60 s");
        }
        if (p.exitValue() != 0) {
            fail(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + new String(log,
                    StandardCharsets.UTF_8));
        }
    }
}
