package org.lightbox.cli.internal;

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
import org.lightbox.cli.UsageException;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;

class DumpCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return new DumpCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path image(Path file) throws Exception {
        Attributes ds = new Attributes();
        ds.setString(0x00100010, VR.PN, "Doe^John");
        ds.setBytes(0x7FE00010, VR.OW, new byte[64]);
        Files.createDirectories(file.getParent());
        DicomWriter.writeFile(file, FileMetaInformation.create("1.2.840.10008.5.1.4.1.1.7", "1.2.3",
                "1.2.840.10008.1.2.1"), ds);
        return file;
    }

    @Test
    void dumpsFoldersRecursively() throws Exception {
        image(dir.resolve("a/one.dcm"));
        image(dir.resolve("a/b/two.dcm"));
        assertEquals(0, run(dir.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("# File: " + dir.resolve("a/b/two.dcm")), text);
        assertTrue(text.contains("(0010,0010) PN [Doe^John]"), text);
        assertEquals(2, text.split("\\(7fe0,0010\\) OW", -1).length - 1, text);
    }

    @Test
    void noPixelStopsBeforePixelData() throws Exception {
        Path f = image(dir.resolve("one.dcm"));
        assertEquals(0, run("--no-pixel", f.toString()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("(0010,0010) PN [Doe^John]"), text);
        assertTrue(!text.contains("(7fe0,0010)"), text);
    }

    @Test
    void malformedFileGivesItsReasonAndNonZeroStatus() throws Exception {
        Path good = image(dir.resolve("good.dcm"));
        Path bad = dir.resolve("bad.dcm");
        byte[] bytes = Files.readAllBytes(good);
        Files.write(bad, java.util.Arrays.copyOf(bytes, bytes.length - 10));
        assertEquals(1, run(good.toString(), bad.toString()));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.startsWith(bad + ": "), error);
        assertTrue(error.contains("at byte offset") && error.contains("(7fe0,0010)"), error);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Doe^John"), "the good file is still dumped");
    }

    @Test
    void usageErrors() {
        assertThrows(UsageException.class, () -> run());
        assertThrows(UsageException.class, () -> run("--pixels", "x.dcm"));
    }
}
