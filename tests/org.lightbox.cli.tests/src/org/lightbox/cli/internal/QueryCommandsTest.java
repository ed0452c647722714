package org.lightbox.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.cli.Command;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.StorageSettings;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.storage.NodeStorage;
import org.lightbox.testing.DcmtkTool;

/**
 * {@code lightbox find}, {@code move} and {@code get} through the dispatcher against dcmqrscp holding two studies
 * of patient NET001: table and JSON output, a remote named from the configuration, C-MOVE to storescp, C-GET into
 * the data folder's catalog, and usage errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class QueryCommandsTest {

    static {
        DerbyLog.toTemporaryFile();
    }

    private Path tmp;
    private Path home;
    private Process qrscp;
    private int port;
    private int storescpPort;
    private Path source;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        tmp = dir;
        source = dir.resolve("src");
        DcmtkTool.image(source, "a", "=CTImageStorage", "2.25.7001", 16, 16, "+te");
        DcmtkTool.image(source, "b", "=MRImageStorage", "2.25.7002", 16, 16, "+te");
        port = DcmtkTool.freePort();
        storescpPort = DcmtkTool.freePort();
        Path storage = Files.createDirectories(dir.resolve("qr/QRSCP"));
        Path cfg = dir.resolve("qr/dcmqrscp.cfg");
        Files.writeString(cfg, "NetworkTCPPort = " + port + "\nMaxPDUSize = 16384\nMaxAssociations = 16\n"
                + "HostTable BEGIN\nstorescp = (STORESCP, 127.0.0.1, " + storescpPort + ")\nHostTable END\n"
                + "VendorTable BEGIN\nVendorTable END\nAETable BEGIN\nQRSCP " + storage + " RW (100, 256mb) ANY\n"
                + "AETable END\n", StandardCharsets.US_ASCII);
        qrscp = DcmtkTool.startServer(List.of("dcmqrscp", "-c", cfg.toString(), Integer.toString(port)), port,
                dir.resolve("qr/dcmqrscp.log"));
        Path log = dir.resolve("load.log");
        assertEquals(0, DcmtkTool.run(List.of("storescu", "-aec", "QRSCP", "+sd", "127.0.0.1",
                Integer.toString(port), source.toString()), log, 60), DcmtkTool.log(log));
        home = dir.resolve("home");
        new ConfigurationStore(NodeCommand.homeAt(home.toString())).save(DeviceConfiguration.DEFAULTS.withRemoteAes(
                List.of(new RemoteAe("QRSCP", "127.0.0.1", port, false, "the test archive"))));
    }

    @AfterAll
    void stop() throws Exception {
        DcmtkTool.stop(qrscp);
    }

    @BeforeEach
    void reset() {
        out.reset();
        err.reset();
    }

    private int lightbox(Command command, String... args) {
        return new CommandLine(List.of(command)).run(
                Stream.concat(Stream.of(command.name()), Stream.of(args)).toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void findPrintsAnAlignedTable() {
        assertEquals(0, lightbox(new FindCommand(), "--home", home.toString(), "-m", "PatientID=NET001",
                "QRSCP@127.0.0.1:" + port), err.toString());
        List<String> lines = out().lines().toList();
        assertEquals(4, lines.size(), out());
        assertTrue(lines.get(0).startsWith("StudyDate"), lines.get(0));
        int uidColumn = lines.get(0).indexOf("StudyInstanceUID");
        assertTrue(uidColumn > 0, lines.get(0));
        assertEquals(List.of("2.25.7001.1", "2.25.7002.1"), lines.subList(1, 3).stream()
                .map(l -> l.substring(uidColumn).split(" ")[0]).sorted().toList(), "aligned: " + out());
        assertEquals("2 match(es)", lines.get(3));
    }

    @Test
    void findPrintsJsonLinesOfTheKeysAsked() {
        assertEquals(0, lightbox(new FindCommand(), "--home", home.toString(), "--json", "--level", "SERIES",
                "-m", "StudyInstanceUID=2.25.7002.1", "-r", "SeriesInstanceUID", "-r", "0008,0060", "-r",
                "SeriesDescription", "QRSCP@127.0.0.1:" + port), err.toString());
        assertEquals("{\"StudyInstanceUID\":\"2.25.7002.1\",\"SeriesInstanceUID\":\"2.25.7002.2\","
                + "\"Modality\":\"OT\",\"SeriesDescription\":null}", out().strip());
    }

    @Test
    void aConfiguredRemoteIsNamedByItsTitleAndLimitCancels() {
        assertEquals(0, lightbox(new FindCommand(), "--home", home.toString(), "--model", "patient", "--level",
                "STUDY", "-m", "PatientID=NET001", "--limit", "1", "QRSCP"), err.toString());
        assertTrue(out().strip().endsWith("1 match(es) (stopped at --limit)"), out());
    }

    @Test
    void moveSendsToTheDestination() throws Exception {
        Path received = Files.createDirectories(tmp.resolve("moved"));
        Process scp = DcmtkTool.startServer(List.of("storescp", "-aet", "STORESCP", "-od", received.toString(),
                Integer.toString(storescpPort)), storescpPort, tmp.resolve("storescp.log"));
        try {
            assertEquals(0, lightbox(new MoveCommand(), "--home", home.toString(), "--dest", "STORESCP", "-m",
                    "StudyInstanceUID=2.25.7001.1", "QRSCP"), err.toString());
        } finally {
            DcmtkTool.stop(scp);
        }
        assertTrue(out().contains("C-MOVE 0000H Success: completed 1, failed 0"), out());
        try (Stream<Path> files = Files.list(received)) {
            assertEquals(List.of("2.25.7001"), files.map(p -> {
                try {
                    return DicomReader.readFile(p).dataset().getString(Tag.SOPInstanceUID);
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }).toList());
        }
    }

    @Test
    void moveToAnUnknownDestinationFailsWithTheStatus() {
        assertEquals(1, lightbox(new MoveCommand(), "--home", home.toString(), "--dest", "NOWHERE", "-m",
                "StudyInstanceUID=2.25.7001.1", "QRSCP"));
        assertTrue(err.toString().contains("A801"), err.toString());
    }

    @Test
    void getStoresIntoTheDataFoldersCatalog() throws Exception {
        Path getHome = tmp.resolve("get-home");
        assertEquals(0, lightbox(new GetCommand(), "--home", getHome.toString(), "--model", "patient", "-m",
                "PatientID=NET001", "-m", "StudyInstanceUID=2.25.7002.1", "QRSCP@127.0.0.1:" + port),
                err.toString());
        assertTrue(out().contains("C-GET 0000H Success: completed 1, failed 0"), out());
        var h = NodeCommand.homeAt(getHome.toString());
        try (NodeStorage s = NodeStorage.open(h, StorageSettings.DEFAULTS, NodeStorage.loadDriver(
                NodeStorage.catalogLocation(h, StorageSettings.DEFAULTS)))) {
            List<InstanceFile> files = s.catalog().instancesOfStudy("2.25.7002.1");
            assertEquals(1, files.size());
            byte[] stored = Files.readAllBytes(s.fileStore().resolve(files.get(0).file()));
            byte[] original = Files.readAllBytes(source.resolve("b.dcm"));
            // the pixel data came through (dcmqrscp re-encodes the rest of what storescu gave it)
            assertArrayEquals(tail(original, 16 * 16 * 2), tail(stored, 16 * 16 * 2));
        }
    }

    private static byte[] tail(byte[] b, int n) {
        return java.util.Arrays.copyOfRange(b, b.length - n, b.length);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, lightbox(new FindCommand(), "--home", home.toString(), "--level", "FLOOR", "QRSCP"));
        assertEquals(2, lightbox(new FindCommand(), "--home", home.toString(), "-m", "NoSuchKeyword=1", "QRSCP"));
        assertEquals(2, lightbox(new FindCommand(), "--home", home.toString(), "UNKNOWN_AE"));
        assertTrue(err.toString().contains("UNKNOWN_AE"), err.toString());
        assertEquals(2, lightbox(new FindCommand(), "--home", home.toString(), "--model", "study", "--level",
                "PATIENT", "QRSCP"));
        assertEquals(2, lightbox(new MoveCommand(), "--home", home.toString(), "QRSCP"));
        assertEquals(2, lightbox(new GetCommand(), "--home", home.toString()));
    }
}
