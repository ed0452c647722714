import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomFile;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.PixelData;
import org.lightbox.dicom.imageio.Transcoder;

/**
 * Codec throughput against dcmtk in the same run: one multi-frame object of N frames of 512x512 16-bit CT-like data
 * (smooth anatomy plus noise). dcmtk tools run as processes (their time includes start-up and file I/O); ours runs
 * in this JVM through the Transcoder (file in, file out: the same work), three times: the first run includes JIT
 * warm-up, the best run is the steady state. Each is measured as wall time and as CPU time (user + system of the
 * whole process, JIT and GC threads included for us): on a shared machine CPU time is the steadier figure. Also
 * checks that our decodes equal dcmtk's and that dcmtk decodes our encoding to the original. JPEG 2000 (no dcmtk
 * codec) is compared with OpenJPEG's opj_decompress when it is installed.
 * Usage: CodecBench <work dir> [frames]
 */
public class CodecBench {

    static final int SIZE = 512;

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        Files.createDirectories(dir);
        Path nat = dir.resolve("native.dcm");
        long t = System.nanoTime();
        writeNative(nat, frames);
        System.out.printf("generated %d frames of %dx%d 16-bit in %.1f s%n", frames, SIZE, SIZE, sec(t));

        Path jl = dir.resolve("jpeg-lossless-dcmtk.dcm");
        Path jls = dir.resolve("jpeg-ls-dcmtk.dcm");
        double[] dcEnc = run("dcmcjpeg", "+e1", nat, jl);
        double[] dcDec = run("dcmdjpeg", jl, dir.resolve("jl-dcmtk-decoded.dcm"));
        run("dcmcjpls", nat, jls);
        double[] dcLsDec = run("dcmdjpls", jls, dir.resolve("jls-dcmtk-decoded.dcm"));

        TransferSyntax explicitLe = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN;
        TransferSyntax sv1 = TransferSyntax.of(UID.JPEGLosslessSV1);
        Transcoder tc = new Transcoder();
        double[][] ourDec = new double[3][];
        double[][] ourLsDec = new double[3][];
        double[][] ourEnc = new double[3][];
        for (int r = 0; r < 3; r++) {
            ourDec[r] = timed(() -> tc.transcode(jl, dir.resolve("jl-ours-decoded.dcm"), explicitLe));
            ourLsDec[r] = timed(() -> tc.transcode(jls, dir.resolve("jls-ours-decoded.dcm"), explicitLe));
            ourEnc[r] = timed(() -> tc.transcode(nat, dir.resolve("jpeg-lossless-ours.dcm"), sv1));
        }
        check(dir.resolve("jl-ours-decoded.dcm"), dir.resolve("jl-dcmtk-decoded.dcm"));
        check(dir.resolve("jls-ours-decoded.dcm"), dir.resolve("jls-dcmtk-decoded.dcm"));
        run("dcmdjpeg", dir.resolve("jpeg-lossless-ours.dcm"), dir.resolve("ours-dcmtk-decoded.dcm"));
        check(dir.resolve("ours-dcmtk-decoded.dcm"), nat);

        System.out.printf("sizes: native %d MB, dcmtk JPEG lossless %d MB, ours %d MB, dcmtk JPEG-LS %d MB%n",
                Files.size(nat) >> 20, Files.size(jl) >> 20, Files.size(dir.resolve("jpeg-lossless-ours.dcm")) >> 20,
                Files.size(jls) >> 20);
        report("JPEG lossless decode", frames, dcDec, "dcmdjpeg", ourDec);
        report("JPEG-LS decode      ", frames, dcLsDec, "dcmdjpls", ourLsDec);
        report("JPEG lossless encode", frames, dcEnc, "dcmcjpeg", ourEnc);
        jpeg2000(dir, nat, frames);
    }

    /**
     * JPEG 2000 lossless decode against OpenJPEG: our encoding (checked by opj_decompress to give back the original)
     * is decoded by us through the Transcoder, and by one opj_decompress process over a folder of the frames'
     * codestreams (single-threaded, raw output; its time includes writing those files).
     */
    static void jpeg2000(Path dir, Path nat, int frames) throws Exception {
        if (!onPath("opj_decompress")) {
            System.out.println("JPEG 2000: skipped, opj_decompress is not on PATH (apt-get install libopenjp2-tools)");
            return;
        }
        Path j2k = dir.resolve("j2k-ours.dcm");
        Transcoder tc = new Transcoder();
        double[] enc = timed(() -> tc.transcode(nat, j2k, TransferSyntax.of(UID.JPEG2000Lossless)));
        DicomFile f = DicomReader.readFile(j2k);
        PixelData pd = PixelData.of(f.dataset(), f.transferSyntax());
        Path in = Files.createDirectories(dir.resolve("j2k-frames"));
        for (int i = 0; i < frames; i++) {
            Files.write(in.resolve(String.format("f%04d.j2k", i)), pd.frameBytes(i));
        }
        double[] opj = run("opj_decompress", "-ImgDir", in, "-OutFor", "RAWL"); // writes fNNNN.rawl beside
        checkRaw(in.resolve("f0000.rawl"), PixelData.of(DicomReader.readFile(nat).dataset(),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).frame(0));
        double[][] ours = new double[3][];
        for (int r = 0; r < 3; r++) {
            ours[r] = timed(() -> tc.transcode(j2k, dir.resolve("j2k-ours-decoded.dcm"),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        }
        check(dir.resolve("j2k-ours-decoded.dcm"), nat);
        System.out.printf("JPEG 2000 lossless: ours %d MB; our encode %.0f frames/s (wall)%n", Files.size(j2k) >> 20,
                frames / enc[0]);
        report("JPEG 2000 decode    ", frames, opj, "opj_decompress", ours);
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Paths.get(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Fails unless OpenJPEG's little-endian raw output equals the frame. */
    static void checkRaw(Path raw, FrameBuffer expected) throws IOException {
        byte[] b = Files.readAllBytes(raw);
        for (int k = 0; k < expected.length(); k++) {
            if ((short) ((b[2 * k] & 0xFF) | b[2 * k + 1] << 8) != (short) expected.get(k)) {
                throw new IllegalStateException("opj_decompress differs from the original at sample " + k);
            }
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** Wall and CPU seconds of {@code w}. */
    static double[] timed(Work w) throws Exception {
        long cpu = processCpu();
        long t = System.nanoTime();
        w.run();
        return new double[] { sec(t), (processCpu() - cpu) / 1e9 };
    }

    static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double sec(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static void report(String what, int frames, double[] theirs, String tool, double[][] ours) {
        for (int m = 0; m < 2; m++) {
            double best = Math.min(ours[0][m], Math.min(ours[1][m], ours[2][m]));
            if (m == 1 && theirs[1] <= 0) {
                continue; // no CPU time for dcmtk without /usr/bin/time
            }
            System.out.printf("%s (%s): %s %.0f frames/s; ours %.0f frames/s first run, %.0f best of 3; "
                    + "ratio %.2fx (first), %.2fx (best)%n", what, m == 0 ? "wall" : "CPU ", tool, frames / theirs[m],
                    frames / ours[0][m], frames / best, theirs[m] / ours[0][m], theirs[m] / best);
        }
    }

    /** Runs a dcmtk tool; returns wall seconds and CPU seconds (user + system, 0 when unknown). */
    static double[] run(String tool, Object... args) throws IOException, InterruptedException {
        Path cpuFile = Files.createTempFile("cpu", ".txt");
        List<String> cmd = new ArrayList<>();
        boolean gnuTime = Files.isExecutable(Paths.get("/usr/bin/time"));
        if (gnuTime) {
            cmd.addAll(List.of("/usr/bin/time", "-f", "%U %S", "-o", cpuFile.toString()));
        }
        cmd.add(tool);
        for (Object a : args) {
            cmd.add(a.toString());
        }
        long t = System.nanoTime();
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(cmd + " failed");
        }
        double wall = sec(t);
        double cpu = 0;
        if (gnuTime) {
            String[] f = Files.readString(cpuFile).trim().split("\\s+");
            cpu = Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1]);
        }
        Files.deleteIfExists(cpuFile);
        return new double[] { wall, cpu };
    }

    /** Fails unless every frame of {@code a} equals the same frame of {@code b}. */
    static void check(Path a, Path b) throws IOException {
        DicomFile fa = DicomReader.readFile(a);
        DicomFile fb = DicomReader.readFile(b);
        PixelData pa = PixelData.of(fa.dataset(), fa.transferSyntax());
        PixelData pb = PixelData.of(fb.dataset(), fb.transferSyntax());
        for (int i = 0; i < pa.frameCount(); i++) {
            FrameBuffer x = pa.frame(i);
            FrameBuffer y = pb.frame(i);
            for (int k = 0; k < x.length(); k++) {
                if (x.value(k) != y.value(k)) {
                    throw new IllegalStateException(a + " and " + b + " differ in frame " + (i + 1) + " sample " + k);
                }
            }
        }
    }

    /** CT-like frames: air, an elliptic body of soft tissue with smooth organs, a bone ring, Gaussian noise. */
    static void writeNative(Path file, int frames) throws IOException {
        Attributes a = new Attributes();
        a.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2.1");
        a.setString(Tag.SOPInstanceUID, VR.UI, "2.25.99887766554433221100");
        a.setString(Tag.Modality, VR.CS, "CT");
        a.setInt(Tag.SamplesPerPixel, VR.US, 1);
        a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        a.setString(Tag.NumberOfFrames, VR.IS, Integer.toString(frames));
        a.setInt(Tag.Rows, VR.US, SIZE);
        a.setInt(Tag.Columns, VR.US, SIZE);
        a.setInt(Tag.BitsAllocated, VR.US, 16);
        a.setInt(Tag.BitsStored, VR.US, 16);
        a.setInt(Tag.HighBit, VR.US, 15);
        a.setInt(Tag.PixelRepresentation, VR.US, 1);
        int len = SIZE * SIZE * 2;
        byte[] pixels = new byte[len * frames];
        Random rnd = new Random(42);
        for (int f = 0; f < frames; f++) {
            double z = f / (double) frames;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    double dx = (x - 256) / 220.0;
                    double dy = (y - 256) / (170.0 + 20 * Math.sin(z * 3));
                    double r = dx * dx + dy * dy;
                    double v;
                    if (r > 1) {
                        v = -1000;
                    } else if (r > 0.85) {
                        v = 900 + 200 * Math.sin(x * 0.05 + z);
                    } else {
                        v = 40 + 30 * Math.sin(x * 0.02 + y * 0.015 + z * 5) + 20 * Math.cos(y * 0.03 - z * 2);
                        double ox = (x - 200 - 40 * z) / 50.0;
                        double oy = (y - 230) / 35.0;
                        if (ox * ox + oy * oy < 1) {
                            v += 60;
                        }
                    }
                    int s = (int) Math.round(v + rnd.nextGaussian() * 8);
                    int p = f * len + 2 * (y * SIZE + x);
                    pixels[p] = (byte) s;
                    pixels[p + 1] = (byte) (s >> 8);
                }
            }
        }
        a.setBytes(Tag.PixelData, VR.OW, pixels);
        DicomWriter.writeFile(file, FileMetaInformation.create("1.2.840.10008.5.1.4.1.1.2.1",
                "2.25.99887766554433221100", UID.ExplicitVRLittleEndian), a);
    }
}
