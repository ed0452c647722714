package org.lightbox.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.cli.UsageException;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.StorageSettings;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.storage.NodeStorage;

/** {@code lightbox import}: files copied into store and catalog unchanged, per-file errors, a summary. */
class ImportCommandTest {

    static {
        DerbyLog.toTemporaryFile();
    }

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return new ImportCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    static Path image(Path file, String iuid, boolean withStudy) throws Exception {
        Attributes ds = new Attributes();
        ds.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(0x00080018, VR.UI, iuid);
        ds.setString(0x00100010, VR.PN, "Doe^John");
        ds.setString(0x00100020, VR.LO, "IMP1");
        if (withStudy) {
            ds.setString(0x0020000D, VR.UI, "1.2.99");
        }
        ds.setString(0x0020000E, VR.UI, "1.2.99.1");
        ds.setBytes(0x7FE00010, VR.OW, new byte[64]);
        Files.createDirectories(file.getParent());
        DicomWriter.writeFile(file, FileMetaInformation.create("1.2.840.10008.5.1.4.1.1.7", iuid,
                "1.2.840.10008.1.2.1"), ds);
        return file;
    }

    @Test
    void importsFoldersAndReportsEachProblem() throws Exception {
        Path home = dir.resolve("home");
        Path in = dir.resolve("in");
        image(in.resolve("a/one.dcm"), "1.2.99.1.1", true);
        image(in.resolve("a/b/two.dcm"), "1.2.99.1.2", true);
        image(in.resolve("bad.dcm"), "1.2.99.1.3", false); // no Study Instance UID: cannot be catalogued
        Files.writeString(in.resolve("notes.txt"), "not DICOM");
        image(in.resolve("DICOMDIR"), "1.2.99.1.4", true);
        assertEquals(1, run("--home", home.toString(), in.toString()));
        String summary = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(summary.startsWith("imported 2 file(s)"), summary);
        assertTrue(summary.contains("2 skipped (not DICOM), 1 failed"), summary);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad.dcm: the data set has no Study Instance UID"),
                err.toString(StandardCharsets.UTF_8));
        try (NodeStorage s = NodeStorage.open(NodeCommand.homeAt(home.toString()), StorageSettings.DEFAULTS,
                NodeStorage.loadDriver(NodeStorage.catalogLocation(NodeCommand.homeAt(home.toString()),
                        StorageSettings.DEFAULTS)))) {
            List<InstanceFile> files = s.catalog().instances(List.of("1.2.99.1.1", "1.2.99.1.2", "1.2.99.1.3"));
            assertEquals(2, files.size());
            for (InstanceFile f : files) {
                Path source = in.resolve(f.sopInstanceUid().endsWith(".1") ? "a/one.dcm" : "a/b/two.dcm");
                assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(s.fileStore().resolve(f.file())),
                        "copied unchanged");
            }
        }
    }

    @Test
    void importingTheSameFilesAgainAddsNoCopies() throws Exception {
        Path home = dir.resolve("home");
        Path in = dir.resolve("again");
        image(in.resolve("one.dcm"), "1.2.99.1.7", true);
        image(in.resolve("two.dcm"), "1.2.99.1.8", true);
        assertEquals(0, run("--home", home.toString(), in.toString()));
        out.reset();
        assertEquals(0, run("--home", home.toString(), in.toString()));
        String summary = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(summary.startsWith("imported 0 file(s)") && summary.contains("2 already stored"), summary);
        // a copy that differs is another matter: the default policy keeps both
        Path other = dir.resolve("other/one.dcm");
        Attributes ds = DicomReader.readFile(in.resolve("one.dcm"),
                org.lightbox.dicom.core.io.ReadOptions.DEFAULT.withBulkDataByReference(false)).dataset();
        Files.createDirectories(other.getParent());
        ds.setString(0x00100010, VR.PN, "Doe^Johnny");
        DicomWriter.writeFile(other, FileMetaInformation.create("1.2.840.10008.5.1.4.1.1.7", "1.2.99.1.7",
                "1.2.840.10008.1.2.1"), ds);
        out.reset();
        assertEquals(0, run("--home", home.toString(), other.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("imported 1 file(s)"), out.toString());
        try (NodeStorage s = NodeStorage.open(NodeCommand.homeAt(home.toString()), StorageSettings.DEFAULTS,
                NodeStorage.loadDriver(NodeStorage.catalogLocation(NodeCommand.homeAt(home.toString()),
                        StorageSettings.DEFAULTS)))) {
            assertEquals(1, s.catalog().instances(List.of("1.2.99.1.8")).size(), "no copy of an identical file");
            assertEquals(2, s.catalog().instances(List.of("1.2.99.1.7")).size(), "a different copy is kept");
        }
    }

    @Test
    void aLargeImportShowsProgressAndCountsEveryFile() throws Exception {
        Path home = dir.resolve("home");
        Path in = dir.resolve("many");
        int n = 300;
        List<String> uids = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            uids.add("1.2.99.1.100." + i);
            image(in.resolve(i + ".dcm"), uids.get(i - 1), true);
        }
        long every = ImportCommand.progressNanos;
        ImportCommand.progressNanos = 0; // a line after every file, instead of every few seconds
        try {
            assertEquals(0, run("--home", home.toString(), in.toString()));
        } finally {
            ImportCommand.progressNanos = every;
        }
        String progress = err.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("import: 1 of " + n + " file(s) done, 1 imported"), progress);
        assertTrue(progress.contains("import: " + n + " of " + n + " file(s) done, " + n + " imported"), progress);
        String summary = out.toString(StandardCharsets.UTF_8).strip();
        assertTrue(summary.startsWith("imported " + n + " file(s)"), summary);
        assertTrue(summary.endsWith("0 already stored, 0 skipped (not DICOM), 0 failed"), summary);
        try (NodeStorage s = NodeStorage.open(NodeCommand.homeAt(home.toString()), StorageSettings.DEFAULTS,
                NodeStorage.loadDriver(NodeStorage.catalogLocation(NodeCommand.homeAt(home.toString()),
                        StorageSettings.DEFAULTS)))) {
            assertEquals(n, s.catalog().instances(uids).size());
            assertEquals(n, s.catalog().instancesOfStudy("1.2.99").size());
        }
    }

    @Test
    void duplicatesFollowTheConfiguredPolicy() throws Exception {
        Path home = dir.resolve("home");
        new ConfigurationStore(NodeCommand.homeAt(home.toString())).save(DeviceConfiguration.DEFAULTS.withStorage(
                StorageSettings.DEFAULTS.withDuplicates(StorageSettings.Duplicates.REJECT)));
        Path f = image(dir.resolve("in/one.dcm"), "1.2.99.1.1", true);
        assertEquals(0, run("--home", home.toString(), f.toString()));
        out.reset();
        assertEquals(0, run("--home", home.toString(), f.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("imported 0 file(s), 0.0 MB; 1 already stored"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void usageErrors() {
        assertThrows(UsageException.class, () -> run("--home", dir.toString()));
        assertThrows(UsageException.class, () -> run("--bogus", "x"));
    }
}
