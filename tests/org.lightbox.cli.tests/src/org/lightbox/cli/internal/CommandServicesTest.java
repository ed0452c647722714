package org.lightbox.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lightbox.cli.Command;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The built-in commands reach the launcher as Declarative Services components, as a plug-in's would. */
class CommandServicesTest {

    @Test
    void versionCommandIsRegisteredAndPrintsTheBuild() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(CommandLine.class).getBundleContext();
        ServiceTracker<Command, Command> tracker = new ServiceTracker<>(context, Command.class, null);
        tracker.open();
        try {
            assertNotNull(tracker.waitForService(10_000), "no Command service registered");
            Command version = null;
            for (Command c : tracker.getServices(new Command[0])) {
                if (c.name().equals("version")) {
                    version = c;
                }
            }
            assertNotNull(version, "version command not registered");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int status = version.run(List.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8), System.err);
            assertEquals(0, status);
            String text = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(text.matches("(?s)Lightbox \\d+\\.\\d+\\.\\d+ \\(build \\d{12}\\)\\R.*"), text);
        } finally {
            tracker.close();
        }
    }
}
