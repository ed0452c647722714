package org.lightbox.query.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogLocation;
import org.lightbox.catalog.CatalogSettings;
import org.lightbox.catalog.DriverConnectionSource;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.JdbcDrivers;
import org.lightbox.catalog.StoreSettings;
import org.lightbox.catalog.StoredInstance;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.testing.DcmtkTool;
import org.opentest4j.AssertionFailedError;

/**
 * A sender's world for transfer tests: an embedded Derby catalog and a file store in a temporary folder (closed and
 * reopened to simulate a restart), small generated images, dcmtk storescp peers, and a queue with fast retries.
 */
final class TransferFixture implements AutoCloseable {

    static {
        try {
            Path log = Files.createTempDirectory("lightbox-query-derby");
            log.toFile().deleteOnExit();
            log.resolve("derby.log").toFile().deleteOnExit();
            System.setProperty("derby.stream.error.file", log.resolve("derby.log").toString());
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final String OWNER = "test-node";
    static final String CALLING = "LIGHTBOX";
    static final RetryPolicy FAST = new RetryPolicy(Duration.ofMillis(200), Duration.ofMillis(800), 30);

    final Path dir;
    DriverConnectionSource source;
    Catalog catalog;
    FileStore store;
    TransferQueue queue;
    private final List<Process> peers = new ArrayList<>();

    TransferFixture(Path dir) throws Exception {
        this.dir = dir;
        open();
    }

    /** Opens (or reopens) catalog and store; the queue is created but not started. */
    void open() throws Exception {
        source = new DriverConnectionSource(JdbcDrivers.load(CatalogLocation.DERBY_EMBEDDED_DRIVER),
                "jdbc:derby:" + dir.resolve("catalog").toAbsolutePath() + ";create=true", new Properties());
        catalog = Catalog.open(source, CatalogSettings.DEFAULT);
        store = FileStore.open(dir.resolve("store"), catalog, StoreSettings.DEFAULT);
        queue = new TransferQueue(store, settings());
    }

    TransferQueueSettings settings() {
        return TransferQueueSettings.defaults(OWNER, CALLING).withRetry(FAST).withPollInterval(Duration.ofMillis(200))
                .withCommitmentWait(Duration.ofSeconds(20));
    }

    /** Closes queue, store and catalog, as an application exit does. */
    void shut() throws IOException {
        if (queue != null) {
            queue.close();
        }
        if (store != null) {
            store.close();
        }
        if (catalog != null) {
            catalog.close(); // shuts the embedded database down too
        }
        queue = null;
        store = null;
        catalog = null;
        source = null;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            for (Process p : peers) {
                DcmtkTool.stop(p);
            }
        } finally {
            shut();
        }
    }

    // ------------------------------------------------------------------ data

    /** A 16-bit MONOCHROME2 secondary capture image of a study and series, in Explicit VR Little Endian. */
    static Attributes image(String studyUid, String seriesUid, String iuid, int rows, int cols) {
        Attributes a = new Attributes();
        a.setString(Tag.SOPClassUID, VR.UI, UID.SecondaryCaptureImageStorage);
        a.setString(Tag.SOPInstanceUID, VR.UI, iuid);
        a.setString(Tag.Modality, VR.CS, "OT");
        a.setString(Tag.PatientName, VR.PN, "Transfer^Test");
        a.setString(Tag.PatientID, VR.LO, "TQ001");
        a.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        a.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        a.setInt(Tag.InstanceNumber, VR.IS, Integer.parseInt(iuid.substring(iuid.lastIndexOf('.') + 1)));
        a.setInt(Tag.SamplesPerPixel, VR.US, 1);
        a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        a.setInt(Tag.Rows, VR.US, rows);
        a.setInt(Tag.Columns, VR.US, cols);
        a.setInt(Tag.BitsAllocated, VR.US, 16);
        a.setInt(Tag.BitsStored, VR.US, 12);
        a.setInt(Tag.HighBit, VR.US, 11);
        a.setInt(Tag.PixelRepresentation, VR.US, 0);
        byte[] px = new byte[rows * cols * 2];
        for (int i = 0; i < rows * cols; i++) {
            int v = (i * 13 + (i / cols) * 7 + iuid.hashCode()) & 0x0FFF;
            px[2 * i] = (byte) v;
            px[2 * i + 1] = (byte) (v >> 8);
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        return a;
    }

    /** Writes a Part 10 file of {@code ds} in {@code tsUid}. */
    static Path write(Path file, Attributes ds, String tsUid) throws IOException {
        Files.createDirectories(file.getParent());
        DicomWriter.writeFile(file, FileMetaInformation.create(ds.getString(Tag.SOPClassUID),
                ds.getString(Tag.SOPInstanceUID), tsUid), ds);
        return file;
    }

    /** Imports a study of {@code n} images (SOP Instance UIDs studyUid.1.1 .. .1.n) into the store. */
    List<StoredInstance> study(String studyUid, int n, int size) throws Exception {
        List<StoredInstance> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String iuid = studyUid + ".1." + i;
            Path f = write(dir.resolve("in").resolve(iuid + ".dcm"), image(studyUid, studyUid + ".1", iuid, size, size),
                    UID.ExplicitVRLittleEndian);
            out.add(store.importFile(f));
        }
        return out;
    }

    /** Imports a prepared file. */
    StoredInstance importFile(Path f) throws Exception {
        return store.importFile(f);
    }

    // ------------------------------------------------------------------ peers

    /** Starts storescp (uncompressed only unless {@code acceptAll}) writing into {@code out}. */
    Process storescp(String aet, int port, Path out, boolean acceptAll) throws Exception {
        Files.createDirectories(out);
        List<String> cmd = new ArrayList<>(List.of("storescp", "-aet", aet, "-od", out.toString()));
        if (acceptAll) {
            cmd.add("+xa");
        }
        cmd.add(Integer.toString(port));
        Process p = DcmtkTool.startServer(cmd, port, dir.resolve("storescp-" + aet + "-" + peers.size() + ".log"));
        peers.add(p);
        return p;
    }

    static RemoteAe peer(String aet, int port) {
        return new RemoteAe(aet, "127.0.0.1", port, false, "test peer");
    }

    /** The data sets received by a storescp, by SOP Instance UID. */
    static Map<String, Attributes> received(Path out) throws IOException {
        Map<String, Attributes> m = new HashMap<>();
        if (!Files.isDirectory(out)) {
            return m;
        }
        try (Stream<Path> files = Files.list(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Attributes ds = read(f);
                m.put(ds.getString(Tag.SOPInstanceUID), ds);
            }
        }
        return m;
    }

    /** A file's data set, bulk data in memory (the images are small). */
    static Attributes read(Path f) throws IOException {
        try (DicomReader r = new DicomReader(f, ReadOptions.DEFAULT.withBulkDataByReference(false))) {
            r.readFileMetaInformation();
            return r.readDataset();
        }
    }

    static String transferSyntaxOf(Path f) throws IOException {
        try (DicomReader r = new DicomReader(f, ReadOptions.headerOnly())) {
            return r.readFileMetaInformation().getString(0x00020010);
        }
    }

    /** Waits up to 60 s for a condition. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static TransferSyntax ts(String uid) {
        return TransferSyntax.of(uid);
    }
}
