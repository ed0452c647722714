package org.lightbox.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.testing.DcmtkTool;

/** {@code lightbox send} and {@code lightbox jobs} against dcmtk storescp. */
@Timeout(120)
class SendCommandTest {

    static {
        DerbyLog.toTemporaryFile();
    }

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Command c, String... args) throws Exception {
        out.reset();
        err.reset();
        return c.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void sendsAStudyAndListsTheJob() throws Exception {
        Path home = dir.resolve("home");
        Path in = dir.resolve("in");
        ImportCommandTest.image(in.resolve("one.dcm"), "1.2.99.1.1", true);
        ImportCommandTest.image(in.resolve("two.dcm"), "1.2.99.1.2", true);
        assertEquals(0, run(new ImportCommand(), "--home", home.toString(), in.toString()), err.toString());

        int port = DcmtkTool.freePort();
        Path received = dir.resolve("received");
        Files.createDirectories(received);
        Process scp = DcmtkTool.startServer(new ArrayList<>(List.of("storescp", "-aet", "STORESCP", "-od",
                received.toString(), Integer.toString(port))), port, dir.resolve("storescp.log"));
        try {
            int rc = run(new SendCommand(), "--home", home.toString(), "--study", "1.2.99",
                    "STORESCP@127.0.0.1:" + port);
            assertEquals(0, rc, out + "\n" + err);
            assertTrue(out.toString().contains("sent 2 of 2, failed 0"), out.toString());
            try (Stream<Path> files = Files.list(received)) {
                assertEquals(2, files.count());
            }
        } finally {
            DcmtkTool.stop(scp);
        }
        assertEquals(0, run(new JobsCommand(), "--home", home.toString(), "list", "--all"));
        assertTrue(out.toString().contains("send COMPLETED 2/2"), out.toString());
        assertEquals(1, run(new JobsCommand(), "--home", home.toString(), "cancel", "1"), "a finished job stays");
        assertTrue(err.toString().contains("COMPLETED"), err.toString());

        // queued only: stays pending for a node to run; then canceled
        assertEquals(0, run(new SendCommand(), "--home", home.toString(), "--queue", "--series", "1.2.99.1",
                "NOBODY@127.0.0.1:" + DcmtkTool.freePort()));
        assertEquals(0, run(new JobsCommand(), "--home", home.toString()));
        assertTrue(out.toString().contains("send PENDING 0/0"), out.toString());
        assertEquals(0, run(new JobsCommand(), "--home", home.toString(), "cancel", "2"));
        assertTrue(out.toString().contains("CANCELED"), out.toString());
    }

    @Test
    void wrongArgumentsAreUsageErrors() {
        assertThrows(UsageException.class, () -> run(new SendCommand(), "STORESCP@127.0.0.1:104"));
        assertThrows(UsageException.class, () -> run(new SendCommand(), "--study", "1.2", "UNKNOWN",
                "--home", dir.resolve("home").toString()));
        assertThrows(UsageException.class, () -> run(new SendCommand(), "--study", "1.2", "A@b"));
        assertThrows(UsageException.class, () -> run(new JobsCommand(), "cancel"));
        assertThrows(UsageException.class, () -> run(new JobsCommand(), "explode", "1"));
    }
}
