package org.lightbox.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.CatalogLocation;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.RecoveryReport;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.dicom.core.UID;
import org.lightbox.testing.DcmtkTool;
import org.opentest4j.AssertionFailedError;

/**
 * The crash contract: the node runs in a JVM of its own ({@code NodeMain}) and is killed with SIGKILL while
 * storescu sends; after the restart (catalog opened, recovery scan) every instance storescu saw acknowledged is
 * there, byte for byte, and catalog and files agree both ways. The node's class path comes from the system property
 * {@value #CLASSPATH} (the compiled classes of dicom.core, dicom.net, config, catalog and storage, and the Derby
 * jars).
 */
@Timeout(300)
class CrashTest {
    static final String CLASSPATH = "lightbox.test.node.classpath";
    static final int FILES = 400;

    @TempDir
    Path tmp;

    static String nodeClasspath() {
        String cp = System.getProperty(CLASSPATH);
        if (cp == null || cp.isBlank()) {
            throw new AssertionFailedError("the system property " + CLASSPATH + " must give the class path of a node "
                    + "JVM: the classes of org.lightbox.dicom.core, .dicom.net, .config, .catalog, .storage and the "
                    + "Derby jars");
        }
        for (String entry : cp.split(File.pathSeparator)) {
            if (!entry.isBlank() && !Files.exists(Path.of(entry))) {
                throw new AssertionFailedError(CLASSPATH + " names a missing entry: " + entry);
            }
        }
        return cp;
    }

    private Process startNode(Path home, Path out) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                nodeClasspath(), "-Dderby.stream.error.file=" + home.resolve("derby.log"),
                "org.lightbox.storage.internal.NodeMain", "--home", home.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(out) && Files.readString(out, StandardCharsets.UTF_8).contains("node running")) {
                return p;
            }
            if (!p.isAlive()) {
                throw new AssertionFailedError("the node exited: " + Files.readString(out));
            }
            Thread.sleep(100);
        }
        p.destroyForcibly();
        throw new AssertionFailedError("the node did not start within 60 s: " + Files.readString(out));
    }

    /** The files storescu saw acknowledged with success, from its verbose log. */
    static List<String> acknowledged(Path log) throws IOException {
        List<String> out = new ArrayList<>();
        String sending = null;
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            if (line.contains("Sending file: ")) {
                sending = line.substring(line.indexOf("Sending file: ") + 14).trim();
            } else if (line.contains("Received Store Response (Success)") && sending != null) {
                out.add(sending);
                sending = null;
            }
        }
        return out;
    }

    private static int count(Path log, String text) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        int n = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
            if (line.contains(text)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void killDuringIngestLosesNothingAcknowledged() throws Exception {
        nodeClasspath(); // fail first, and clearly, without it
        Path home = tmp.resolve("home");
        int port = DcmtkTool.freePort();
        DeviceConfiguration config = DeviceConfiguration.DEFAULTS.withNode(DeviceConfiguration.DEFAULTS.node()
                .withPort(port));
        LightboxHome h = LightboxHome.resolve(k -> k.equals(LightboxHome.PROPERTY) ? home.toString()
                : System.getProperty(k), k -> null);
        new ConfigurationStore(h).save(config);
        Map<String, String> uidOf = new HashMap<>();
        List<String> args = new ArrayList<>(List.of("storescu", "-v", "-aet", "CRASHER", "-aec", "LIGHTBOX",
                "127.0.0.1", Integer.toString(port)));
        for (int i = 1; i <= FILES; i++) {
            String iuid = "1.2.6." + (i % 4) + "." + i;
            Path f = TestCorpus.write(tmp.resolve("send/" + i + ".dcm"), TestCorpus.image(UID.CTImageStorage,
                    "C" + (i % 4), "Crash^Test", "1.2.6." + (i % 4), "1.2.6." + (i % 4) + ".1", iuid, "20240501", "CT",
                    64, 64), UID.ExplicitVRLittleEndian);
            uidOf.put(f.toString(), iuid);
            args.add(f.toString());
        }
        Path nodeOut = tmp.resolve("node.out");
        Process node = startNode(home, nodeOut);
        Path log = tmp.resolve("storescu.log");
        Process sender = null;
        try {
            ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("TCP_NODELAY", "1");
            DcmtkTool.require("storescu");
            sender = pb.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (count(log, "Received Store Response (Success)") < FILES / 4 && System.nanoTime() < deadline) {
                if (!sender.isAlive()) {
                    throw new AssertionFailedError("storescu ended early: " + DcmtkTool.log(log));
                }
                Thread.sleep(5);
            }
            node.destroyForcibly(); // SIGKILL, mid-ingest
            assertTrue(node.waitFor(30, TimeUnit.SECONDS));
            assertTrue(sender.waitFor(60, TimeUnit.SECONDS), "storescu notices the lost association");
        } finally {
            node.destroyForcibly();
            if (sender != null) {
                sender.destroyForcibly();
            }
        }
        List<String> acked = acknowledged(log);
        assertTrue(acked.size() >= FILES / 4 && acked.size() < FILES, acked.size() + " acknowledged before the kill");

        // restart: the catalog is opened (Derby recovers its log), then the store's recovery scan runs
        DeviceConfiguration loaded = new ConfigurationStore(h).load();
        long used;
        try (NodeStorage storage = NodeStorage.open(h, loaded.storage(),
                TestNodes.driver(CatalogLocation.DERBY_EMBEDDED_DRIVER))) {
            RecoveryReport report = storage.recovery();
            assertTrue(report.fullScan(), "an unclean shutdown is noticed: " + report);
            for (String file : acked) {
                String iuid = uidOf.get(file);
                List<InstanceFile> rows = storage.catalog().instances(List.of(iuid));
                assertEquals(1, rows.size(), iuid + " was acknowledged, so it is catalogued");
                assertArrayEquals(TestCorpus.dataSetBytes(Path.of(file)),
                        TestCorpus.dataSetBytes(storage.fileStore().resolve(rows.get(0).file())), iuid);
            }
            // catalog -> files: every row has its file, of the catalogued size
            Set<Path> catalogued = new HashSet<>();
            for (InstanceFile f : storage.catalog().instances(uidOf.values())) {
                Path p = storage.fileStore().resolve(f.file());
                assertTrue(Files.isRegularFile(p), "the file of catalogued " + f.sopInstanceUid() + " exists");
                assertEquals(f.file().size(), Files.size(p), f.sopInstanceUid());
                catalogued.add(p);
            }
            // files -> catalog: every stored file is catalogued, nothing is left in incoming
            Path root = storage.fileStore().root();
            assertEquals(catalogued, new HashSet<>(TestCorpus.storedFiles(root)));
            try (var incoming = Files.list(root.resolve("incoming"))) {
                assertEquals(0, incoming.count(), "no temporary file survives the recovery");
            }
            assertTrue(catalogued.size() >= acked.size());
            used = storage.fileStore().usedBytes();
        }
        // and the node starts again on the recovered store
        Process again = startNode(home, tmp.resolve("node2.out"));
        try {
            Path echo = tmp.resolve("echo.log");
            assertEquals(0, DcmtkTool.run(List.of("echoscu", "-aec", "LIGHTBOX", "127.0.0.1", Integer.toString(port)),
                    echo, 30), DcmtkTool.log(echo));
        } finally {
            again.destroy();
            assertTrue(again.waitFor(30, TimeUnit.SECONDS), "SIGTERM stops the node");
        }
        String console = Files.readString(tmp.resolve("node2.out"));
        assertTrue(console.contains("stopped; catalog and store closed"), console);
        assertTrue(console.contains(" " + StoreUsage.size(used) + " in the store, "), "the start-up line gives the "
                + "recovered store's size: " + console);
        assertTrue(Files.exists(home.resolve("store/clean-shutdown")), "the store was closed cleanly");
    }
}
