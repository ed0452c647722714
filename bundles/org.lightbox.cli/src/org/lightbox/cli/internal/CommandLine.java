package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;

/**
 * Dispatches {@code lightbox <command> [args...]} to the contributed {@link Command}s and turns every outcome into
 * an exit status with at most one line of reason, so scripts can rely on both. {@code help} lives here rather than
 * in a command because it lists all the others.
 */
final class CommandLine {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final Map<String, Command> commands = new TreeMap<>();

    CommandLine(Collection<Command> contributed) {
        for (Command c : contributed) {
            // first contribution wins; a duplicate name from a plug-in must not silently replace a built-in
            commands.putIfAbsent(c.name(), c);
        }
    }

    int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || isHelpFlag(args[0])) {
            printOverview(out);
            return OK;
        }
        String name = args[0];
        List<String> rest = List.copyOf(Arrays.asList(args).subList(1, args.length));
        if (name.equals("help")) {
            return help(rest, out, err);
        }
        if (name.equals("--version")) {
            name = "version";
        }
        Command command = commands.get(name);
        if (command == null) {
            err.println("lightbox: unknown command '" + name + "'; 'lightbox help' lists the commands");
            return USAGE;
        }
        if (rest.size() == 1 && isHelpFlag(rest.get(0))) {
            out.println(command.usage());
            return OK;
        }
        for (String a : rest) {
            if (a.indexOf('\uFFFD') >= 0) {
                // the JVM could not decode the argument's bytes in this locale: matching it would silently find
                // nothing (a name typed with umlauts under LANG=C, or Latin-1 bytes in a UTF-8 shell)
                err.println("lightbox " + name + ": the argument '" + a + "' has characters this locale ("
                        + System.getProperty("sun.jnu.encoding", "?") + ") cannot read; run in a UTF-8 locale, e.g. "
                        + "LC_ALL=C.UTF-8");
                return USAGE;
            }
        }
        try {
            return command.run(rest, out, err);
        } catch (UsageException e) {
            err.println("lightbox " + name + ": " + e.getMessage());
            err.println(command.usage());
            return USAGE;
        } catch (Exception | LinkageError e) {
            err.println("lightbox " + name + ": " + oneLine(e));
            return FAILED;
        } finally {
            out.flush();
        }
    }

    private int help(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            printOverview(out);
            return OK;
        }
        Command command = commands.get(args.get(0));
        if (command == null) {
            err.println("lightbox help: unknown command '" + args.get(0) + "'");
            return USAGE;
        }
        out.println(command.usage());
        return OK;
    }

    private void printOverview(PrintStream out) {
        out.println("usage: lightbox [--home DIR] <command> [arguments]");
        out.println("       lightbox                  start the workbench");
        out.println();
        out.println("commands:");
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(4);
        width = Math.max(width, "help".length());
        String format = "  %-" + width + "s  %s%n";
        out.printf(format, "help", "list the commands, or show one command's usage: help <command>");
        for (Command c : commands.values()) {
            out.printf(format, c.name(), c.summary());
        }
    }

    private static boolean isHelpFlag(String s) {
        return s.equals("-h") || s.equals("--help") || s.equals("-?");
    }

    /** The exception's message on one line, or its type when it has none. */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return message.replaceAll("\\s*[\\r\\n]+\\s*", "; ").trim();
    }
}
