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
import org.lightbox.catalog.InformationModel;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.NodeSettings;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.StorageSettings;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.net.ConnectionOptions;
import org.lightbox.query.QueryRetrieveScu;
import org.lightbox.query.RetrieveOutcome;
import org.lightbox.query.RetrieveRequest;
import org.lightbox.storage.Node;
import org.lightbox.storage.NodeStorage;

/**
 * Retrieve benchmark (issue 7), everything against one dcmqrscp holding a study of N CT images (512x512x16):
 * <ul>
 * <li>C-MOVE (movescu as the trigger) into Lightbox's node (storing + cataloguing) vs into storescp;</li>
 * <li>C-GET by Lightbox's SCU into a file store + catalog vs dcmtk's getscu writing files.</li>
 * </ul>
 * Each round measures the four in turn; Lightbox's node and C-GET store stay open across rounds, as in service,
 * and the study is deleted between rounds; dcmtk's tools write into empty folders. Warm-up rounds last until the
 * JIT compilers go quiet (Lightbox's side runs in this JVM). Prints medians and the
 * ratios t(dcmtk) / t(lightbox) (goal >= 1.0).
 */
public final class RetrieveBench {
    private static final String STUDY = "2.25.77.1";
    private static Path base;
    private static int qrPort;

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING); // no INFO per round
        base = Path.of(args[0]);
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path src = base.resolve("src-" + images);
        if (!Files.exists(base.resolve("src-" + images + ".done"))) {
            System.out.printf(Locale.ROOT, "generating %d CT images 512x512x16 ...%n", images);
            Files.createDirectories(src);
            for (int i = 1; i <= images; i++) {
                write(src.resolve(i + ".dcm"), ct(STUDY + ".1." + i, i));
            }
            Files.writeString(base.resolve("src-" + images + ".done"), "");
        }
        qrPort = BenchSupport.freePort();
        int nodePort = BenchSupport.freePort();
        int scpPort = BenchSupport.freePort();
        Path qrDir = base.resolve("qr/QRSCP");
        BenchSupport.deleteTree(base.resolve("qr"));
        Files.createDirectories(qrDir);
        Path cfg = base.resolve("qr/dcmqrscp.cfg");
        Files.writeString(cfg, "NetworkTCPPort = " + qrPort + "\nMaxPDUSize = 16384\nMaxAssociations = 16\n"
                + "HostTable BEGIN\nlightbox = (LIGHTBOX, 127.0.0.1, " + nodePort + ")\nstorescp = (STORESCP, "
                + "127.0.0.1, " + scpPort + ")\nHostTable END\nVendorTable BEGIN\nVendorTable END\nAETable BEGIN\n"
                + "QRSCP " + qrDir + " RW (10, 8192mb) ANY\nAETable END\n", StandardCharsets.US_ASCII);
        Process qrscp = server(List.of("dcmqrscp", "-c", cfg.toString(), Integer.toString(qrPort)), qrPort,
                "dcmqrscp");
        try {
            check(dcmtk(List.of("storescu", "-aet", "LOADER", "-aec", "QRSCP", "+sd", "+r", "127.0.0.1",
                    Integer.toString(qrPort), src.toString()), "storescu-load"), "storescu into dcmqrscp");
            RemoteAe remote = new RemoteAe("QRSCP", "127.0.0.1", qrPort, false, "bench");
            Driver driver = (Driver) Class.forName(CatalogLocation.DERBY_EMBEDDED_DRIVER).getConstructor()
                    .newInstance();
            open(driver, nodePort);
            double[] moveNode = new double[rounds];
            double[] moveScp = new double[rounds];
            double[] getLb = new double[rounds];
            double[] getScu = new double[rounds];
            // warm-up rounds until this JVM's JIT compilers (node, SCU and catalog all run here) go quiet: under 10%
            // of a round's time, at most 30 rounds
            int warm = 0;
            double share = 1;
            while (warm < 30 && share >= 0.10) {
                double c0 = BenchSupport.compilerCpu(ProcessHandle.current().pid());
                long t0 = System.nanoTime();
                moveIntoNode(images);
                getIntoCatalog(remote, images);
                share = (BenchSupport.compilerCpu(ProcessHandle.current().pid()) - c0) / ((System.nanoTime() - t0) / 1e9);
                warm++;
            }
            System.out.printf(Locale.ROOT, "JIT %s after %d warm-up rounds (compilers %.0f%% busy in the last)%n",
                    share < 0.10 ? "settled" : "still compiling", warm, share * 100);
            for (int r = 1; r <= rounds; r++) {
                double a = moveIntoNode(images);
                double b = moveIntoStorescp(scpPort, qrPort, images);
                double c = getIntoCatalog(remote, images);
                double d = getscu(qrPort, images);
                System.out.printf(Locale.ROOT, "%s: move->node %.2f s, move->storescp %.2f s, get lightbox %.2f s,"
                        + " getscu %.2f s%n", "round " + r, a, b, c, d);
                moveNode[r - 1] = a;
                moveScp[r - 1] = b;
                getLb[r - 1] = c;
                getScu[r - 1] = d;
            }
            System.out.printf(Locale.ROOT, "%n%-48s %10s %10s %7s%n", "retrieve of " + images + " images (medians)",
                    "lightbox", "dcmtk", "ratio");
            System.out.printf(Locale.ROOT, "%-48s %8.2f s %8.2f s %7.2f%n", "C-MOVE from dcmqrscp: node vs storescp",
                    BenchSupport.median(moveNode), BenchSupport.median(moveScp), BenchSupport.median(moveScp) / BenchSupport.median(moveNode));
            System.out.printf(Locale.ROOT, "%-48s %8.2f s %8.2f s %7.2f%n", "C-GET from dcmqrscp: lightbox vs getscu",
                    BenchSupport.median(getLb), BenchSupport.median(getScu), BenchSupport.median(getScu) / BenchSupport.median(getLb));
        } finally {
            close();
            BenchSupport.stop(qrscp);
        }
    }

    private static NodeStorage storage(Driver driver, Path dir) throws Exception {
        BenchSupport.deleteTree(dir);
        return NodeStorage.open(CatalogLocation.embedded(dir.resolve("catalog")).connectionSource(driver),
                dir.resolve("store"), StorageSettings.DEFAULTS);
    }

    /** The node and the C-GET store stay open across rounds, like a node in service; each round starts empty. */
    private static NodeStorage nodeStore;
    private static Node node;
    private static NodeStorage getStore;

    private static void open(Driver driver, int nodePort) throws Exception {
        nodeStore = storage(driver, base.resolve("node"));
        NodeSettings n = new NodeSettings("LIGHTBOX", "127.0.0.1", nodePort, NodeSettings.DEFAULT_PDU, 20, true,
                false);
        node = Node.create(new DeviceConfiguration("bench", n, List.of(), StorageSettings.DEFAULTS),
                nodeStore.fileStore());
        node.start();
        getStore = storage(driver, base.resolve("get"));
    }

    private static void close() throws Exception {
        if (node != null) {
            node.stop(java.time.Duration.ofSeconds(5));
        }
        for (NodeStorage s : new NodeStorage[] { nodeStore, getStore }) {
            if (s != null) {
                s.close();
            }
        }
        BenchSupport.deleteTree(base.resolve("node"));
        BenchSupport.deleteTree(base.resolve("get"));
    }

    /** Deletes the study the last round retrieved (files and rows), so that this one stores it anew. */
    private static void empty(NodeStorage s) throws Exception {
        s.fileStore().deleteStudy(STUDY, "retrieve bench: next round");
    }

    private static double moveIntoNode(int images) throws Exception {
        empty(nodeStore);
        BenchSupport.sync();
        double t = movescu(qrPort, "LIGHTBOX");
        expect(nodeStore.catalog().instancesOfStudy(STUDY).size(), images, "the node catalogued");
        return t;
    }

    private static double moveIntoStorescp(int scpPort, int qrPort, int images) throws Exception {
        Path dir = base.resolve("storescp");
        BenchSupport.deleteTree(dir);
        Files.createDirectories(dir);
        Process scp = server(List.of("storescp", "-aet", "STORESCP", "-od", dir.toString(), Integer.toString(scpPort)),
                scpPort, "storescp");
        double t;
        try {
            BenchSupport.sync();
            t = movescu(qrPort, "STORESCP");
        } finally {
            BenchSupport.stop(scp);
        }
        expect(count(dir), images, "storescp wrote");
        BenchSupport.deleteTree(dir);
        return t;
    }

    private static double movescu(int qrPort, String dest) throws Exception {
        long t0 = System.nanoTime();
        check(dcmtk(List.of("movescu", "-S", "-aet", "MOVESCU", "-aec", "QRSCP", "-aem", dest, "-k",
                "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY, "127.0.0.1", Integer.toString(qrPort)),
                "movescu-" + dest), "movescu to " + dest);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double getIntoCatalog(RemoteAe remote, int images) throws Exception {
        empty(getStore);
        QueryRetrieveScu scu = new QueryRetrieveScu("LIGHTBOX", ConnectionOptions.defaults());
        BenchSupport.sync();
        long t0 = System.nanoTime();
        RetrieveOutcome o = scu.get(remote, RetrieveRequest.studies(InformationModel.STUDY_ROOT, null, STUDY),
                getStore.fileStore(), null, null);
        double t = (System.nanoTime() - t0) / 1e9;
        if (!o.complete()) {
            throw new IllegalStateException("C-GET incomplete: " + o.describe());
        }
        expect(getStore.catalog().instancesOfStudy(STUDY).size(), images, "C-GET catalogued");
        return t;
    }

    private static double getscu(int qrPort, int images) throws Exception {
        Path dir = base.resolve("getscu");
        BenchSupport.deleteTree(dir);
        Files.createDirectories(dir);
        BenchSupport.sync();
        long t0 = System.nanoTime();
        check(dcmtk(List.of("getscu", "-S", "-aet", "GETSCU", "-aec", "QRSCP", "-od", dir.toString(), "-k",
                "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY, "127.0.0.1", Integer.toString(qrPort)),
                "getscu"), "getscu");
        double t = (System.nanoTime() - t0) / 1e9;
        expect(count(dir), images, "getscu wrote");
        BenchSupport.deleteTree(dir);
        return t;
    }

    // ------------------------------------------------------------------ helpers

    private static Attributes ct(String iuid, int n) {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        a.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        a.setString(Tag.SOPInstanceUID, VR.UI, iuid);
        a.setString(Tag.StudyDate, VR.DA, "20240202");
        a.setString(Tag.StudyTime, VR.TM, "101010");
        a.setString(Tag.AccessionNumber, VR.SH, "BENCH7");
        a.setString(Tag.Modality, VR.CS, "CT");
        a.setString(Tag.StudyDescription, VR.LO, "Retrieve bench");
        a.setString(Tag.PatientName, VR.PN, "Retrieve^Bench");
        a.setString(Tag.PatientID, VR.LO, "RB7");
        a.setString(Tag.PatientBirthDate, VR.DA, "19600101");
        a.setString(Tag.PatientSex, VR.CS, "O");
        a.setString(Tag.StudyInstanceUID, VR.UI, STUDY);
        a.setString(Tag.SeriesInstanceUID, VR.UI, STUDY + ".1");
        a.setString(Tag.StudyID, VR.SH, "7");
        a.setString(Tag.SeriesNumber, VR.IS, "1");
        a.setString(Tag.InstanceNumber, VR.IS, Integer.toString(n));
        a.setInt(Tag.SamplesPerPixel, VR.US, 1);
        a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        a.setInt(Tag.Rows, VR.US, 512);
        a.setInt(Tag.Columns, VR.US, 512);
        a.setInt(Tag.BitsAllocated, VR.US, 16);
        a.setInt(Tag.BitsStored, VR.US, 12);
        a.setInt(Tag.HighBit, VR.US, 11);
        a.setInt(Tag.PixelRepresentation, VR.US, 0);
        byte[] px = new byte[512 * 512 * 2];
        int seed = iuid.hashCode();
        for (int i = 0; i < px.length; i += 2) {
            seed = seed * 1103515245 + 12345;
            int v = (seed >>> 20) & 0x0FFF;
            px[i] = (byte) v;
            px[i + 1] = (byte) (v >> 8);
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        return a;
    }

    private static void write(Path file, Attributes a) throws IOException {
        DicomWriter.writeFile(file, FileMetaInformation.create(a.getString(Tag.SOPClassUID),
                a.getString(Tag.SOPInstanceUID), UID.ExplicitVRLittleEndian), a);
    }

    private static int dcmtk(List<String> cmd, String logName) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(base.resolve(logName + ".log").toFile());
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(cmd.get(0) + " did not finish within 600 s");
        }
        return p.exitValue();
    }

    private static void check(int rc, String what) throws IOException {
        if (rc != 0) {
            throw new IllegalStateException(what + " failed with exit status " + rc);
        }
    }

    private static void expect(long got, long want, String what) {
        if (got != want) {
            throw new IllegalStateException(what + " " + got + " instances, expected " + want);
        }
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static Process server(List<String> cmd, int port, String logName) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(base.resolve(logName + ".log").toFile());
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        return BenchSupport.awaitListening(p, cmd.get(0), port, base.resolve(logName + ".log"));
    }

}
