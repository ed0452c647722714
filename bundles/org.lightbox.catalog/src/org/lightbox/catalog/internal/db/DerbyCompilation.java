package org.lightbox.catalog.internal.db;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Keeps the embedded Derby engine out of HotSpot's optimising compiler (C2); its methods are compiled by C1 only.
 * <p>
 * Why: Derby's storage methods are very large. While the node ingests, C2 compiles and recompiles them without end
 * (measured: about one CPU second per second, even after 30,000 warm-up instances), which takes a core away from
 * receiving. C1's code for Derby is as fast for our statements (the indexer's CPU and the C-FIND times at the SCP
 * did not get worse; the wildcard and range queries got faster), and it is compiled in a fraction of the time.
 * Everything else, the DICOM and codec code included, still reaches C2.
 * <p>
 * Our own methods that call Derby must not inline it either: C2 would otherwise compile each of them with Derby's
 * call tree inside (measured: 200 to 600 ms per method, again after every deoptimisation).
 * <p>
 * Applied once per process, at run time through the HotSpot diagnostic command MBean (so no launcher needs a JVM
 * flag). {@code -Dlightbox.derby.c2=true} leaves the JVM's defaults alone. On a JVM without that MBean nothing
 * happens.
 */
public final class DerbyCompilation {
    /** Set to {@code true} to let C2 compile Derby as usual. */
    public static final String PROPERTY = "lightbox.derby.c2";

    /** Derby's own methods: C1 only; everything else: C2 as usual, but never with Derby inlined into it. */
    static final String DIRECTIVE = "[ { match: [\"org/apache/derby/*.*\"], c2: { Exclude: true } },"
            + " { match: [\"*.*\"], c2: { inline: [\"-org/apache/derby/*.*\"] } } ]";
    private static final System.Logger LOG = System.getLogger(DerbyCompilation.class.getName());
    private static boolean applied;

    private DerbyCompilation() {
    }

    /** Adds the directive unless {@link #PROPERTY} says not to or it was added already; true when it is in force. */
    public static synchronized boolean apply() {
        if (applied) {
            return true;
        }
        if (Boolean.getBoolean(PROPERTY)) {
            return false;
        }
        Path file = null;
        try {
            file = Files.createTempFile("lightbox-derby-c1", ".json");
            Files.writeString(file, DIRECTIVE, StandardCharsets.US_ASCII);
            Object out = command("compilerDirectivesAdd", file.toString());
            applied = String.valueOf(out).contains("2 compiler directives added");
            if (!applied) {
                LOG.log(System.Logger.Level.DEBUG, "the JVM did not take the Derby compiler directive: " + out);
            }
        } catch (IOException | JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "no compiler directive for Derby (not HotSpot?): " + e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file of 60 bytes: the system's cleaner takes it
                }
            }
        }
        return applied;
    }

    /** The compiler directives in force, as the JVM prints them (for tests and diagnostics). */
    public static String print() throws JMException {
        return String.valueOf(command("compilerDirectivesPrint"));
    }

    private static Object command(String operation, String... args) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        return server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                new Object[] { args }, new String[] { String[].class.getName() });
    }
}
