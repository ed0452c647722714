package org.lightbox.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;

class CommandLineTest {

    /** A command whose behaviour the test scripts: records its arguments and does what it is told. */
    private static final class Scripted implements Command {
        final String name;
        final Exception failure;
        final List<List<String>> calls = new ArrayList<>();

        Scripted(String name, Exception failure) {
            this.name = name;
            this.failure = failure;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String summary() {
            return "does " + name;
        }

        @Override
        public String usage() {
            return "usage: lightbox " + name + " ARG";
        }

        @Override
        public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
            calls.add(args);
            if (failure != null) {
                throw failure;
            }
            out.println(name + " ran with " + args);
            return args.contains("--fail") ? 3 : 0;
        }
    }

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(List<Command> commands, String... args) {
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
                PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return new CommandLine(commands).run(args, out, err);
        }
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dispatchesArgumentsAndReturnsTheCommandsStatus() {
        Scripted echo = new Scripted("echo", null);
        assertEquals(0, run(List.of(echo), "echo", "A@h:1", "-x"));
        assertEquals(List.of(List.of("A@h:1", "-x")), echo.calls);
        assertTrue(out().contains("echo ran with [A@h:1, -x]"), out());
        assertEquals(3, run(List.of(echo), "echo", "--fail"));
    }

    @Test
    void helpListsEveryCommandSorted() {
        assertEquals(0, run(List.of(new Scripted("store", null), new Scripted("dump", null)), "help"));
        String text = out();
        assertTrue(text.contains("does dump") && text.contains("does store"), text);
        assertTrue(text.indexOf("dump") < text.indexOf("store"), "commands sorted by name: " + text);
        assertEquals("", err());
    }

    @Test
    void helpOfOneCommandPrintsItsUsage() {
        assertEquals(0, run(List.of(new Scripted("dump", null)), "help", "dump"));
        assertTrue(out().startsWith("usage: lightbox dump ARG"), out());
        assertEquals(0, run(List.of(new Scripted("dump", null)), "dump", "--help"));
    }

    @Test
    void anArgumentTheLocaleCouldNotDecodeIsRefusedBeforeTheCommandRuns() {
        Scripted studies = new Scripted("studies", null);
        String undecoded = "PatientName=M" + (char) 0xFFFD + (char) 0xFFFD + "ller*"; // umlaut bytes under LANG=C
        assertEquals(CommandLine.USAGE, run(List.of(studies), "studies", "-m", undecoded));
        assertTrue(studies.calls.isEmpty(), "nothing matched against a mangled name");
        assertTrue(err().contains("run in a UTF-8 locale"), err());
    }

    @Test
    void unknownCommandFailsWithOneLine() {
        assertEquals(CommandLine.USAGE, run(List.of(), "frobnicate"));
        assertEquals(1, err().lines().count(), err());
        assertTrue(err().contains("unknown command 'frobnicate'"), err());
    }

    @Test
    void usageErrorPrintsReasonAndUsage() {
        assertEquals(CommandLine.USAGE, run(List.of(new Scripted("dump", new UsageException("no file given"))), "dump"));
        assertTrue(err().startsWith("lightbox dump: no file given"), err());
        assertTrue(err().contains("usage: lightbox dump ARG"), err());
    }

    @Test
    void failureIsReportedOnOneLine() {
        Exception boom = new IOException("cannot read /x.dcm:\n  truncated at offset 132");
        assertEquals(CommandLine.FAILED, run(List.of(new Scripted("dump", boom)), "dump", "/x.dcm"));
        assertEquals("lightbox dump: cannot read /x.dcm:; truncated at offset 132", err().strip());
    }

    @Test
    void exceptionWithoutMessageNamesItsType() {
        assertEquals(CommandLine.FAILED, run(List.of(new Scripted("x", new IllegalStateException())), "x"));
        assertEquals("lightbox x: IllegalStateException", err().strip());
    }

    @Test
    void firstContributionOfANameWins() {
        Scripted first = new Scripted("dump", null);
        Scripted second = new Scripted("dump", null);
        run(List.of(first, second), "dump");
        assertEquals(1, first.calls.size());
        assertEquals(0, second.calls.size());
    }
}
