package org.lightbox.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * One {@code lightbox <name> ...} command. Bundles contribute commands as OSGi services of this type, so an
 * integrator's bundle can add its own next to the built-in ones.
 */
public interface Command {

    /** The word typed after {@code lightbox}, e.g. {@code dump}. */
    String name();

    /** One line for {@code lightbox help}. */
    String summary();

    /** Synopsis and options, shown by {@code lightbox help <name>} and after a usage error. */
    String usage();

    /**
     * Runs the command. Returns the exit status: 0 on success, non-zero after printing a one-line reason to
     * {@code err}. A {@link UsageException} means the arguments were wrong; any other exception is reported as a
     * one-line failure by the launcher.
     */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
