package org.lightbox.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.cli.Command;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.testing.DcmtkTool;

/** {@code lightbox echo} and {@code lightbox store} through the launcher's dispatcher, against dcmtk's storescp. */
class NetworkCommandsTest {

    @TempDir
    Path dir;

    private Process storescp;
    private int port;
    private Path received;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startStorescp() throws Exception {
        received = Files.createDirectories(dir.resolve("received"));
        port = DcmtkTool.freePort();
        storescp = DcmtkTool.startServer(List.of("storescp", "-aet", "STORESCP", "-od", received.toString(),
                Integer.toString(port)), port, dir.resolve("storescp.log"));
    }

    @AfterEach
    void stopStorescp() throws Exception {
        DcmtkTool.stop(storescp);
    }

    private int lightbox(Command command, String... args) {
        return new CommandLine(List.of(command)).run(
                Stream.concat(Stream.of(command.name()), Stream.of(args)).toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void echoSucceedsAgainstStorescp() {
        assertEquals(0, lightbox(new EchoCommand(), "STORESCP@127.0.0.1:" + port), err.toString());
        assertTrue(out.toString().contains("Success"), out.toString());
    }

    @Test
    void echoToNobodyFailsWithOneLine() throws Exception {
        int closed = DcmtkTool.freePort();
        assertEquals(1, lightbox(new EchoCommand(), "NOBODY@127.0.0.1:" + closed));
        String text = err.toString().strip();
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.contains("cannot connect to 127.0.0.1:" + closed), text);
    }

    @Test
    void storeSendsAFolderAndReportsTheFileThatIsNotDicom() throws Exception {
        Path files = dir.resolve("send");
        DcmtkTool.image(files, "a", "=CTImageStorage", "2.25.100001", 32, 32, "+te");
        DcmtkTool.image(files.resolve("sub"), "b", "=MRImageStorage", "2.25.100002", 16, 16,
                "+ti");
        Files.writeString(files.resolve("notes.txt"), "not DICOM");

        assertEquals(1, lightbox(new StoreCommand(), "--calling-aet", "TESTSCU", "STORESCP@127.0.0.1:" + port,
                files.toString()));
        assertTrue(out.toString().contains("sent 2, warnings 0, failed 1"), out + "\n" + err);
        assertTrue(err.toString().contains("notes.txt"), err.toString());

        List<String> uids;
        try (Stream<Path> stored = Files.list(received)) {
            uids = stored.map(p -> {
                try {
                    return DicomReader.readFile(p).dataset().getString(Tag.SOPInstanceUID);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }).sorted().toList();
        }
        assertEquals(List.of("2.25.100001", "2.25.100002"), uids);
    }

    @Test
    void storeWithoutFilesIsAUsageError() {
        assertEquals(2, lightbox(new StoreCommand(), "STORESCP@127.0.0.1:" + port));
    }
}
