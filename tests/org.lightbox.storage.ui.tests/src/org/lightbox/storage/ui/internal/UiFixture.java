package org.lightbox.storage.ui.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.config.NodeSettings;
import org.lightbox.storage.LocalNode;
import org.lightbox.testing.DcmtkTool;

/**
 * A shell on the default display for a view's or page's content, and a {@link LocalNode} on a temporary data
 * folder listening on a free loopback port. Works in a plain JVM under Xvfb and on the UI thread of the workbench
 * test harness; waits dispatch events and are bounded (against hangs).
 */
public final class UiFixture implements AutoCloseable {

    private static final long TIME_BOUND_MS = 30_000;

    public final Display display = Display.getDefault();
    public final Shell shell;
    public final LightboxHome home;
    public final int port;
    private LocalNode node;

    public UiFixture(Path dir) throws IOException {
        home = LightboxHome.resolve(k -> LightboxHome.PROPERTY.equals(k) ? dir.toString() : System.getProperty(k),
                k -> null);
        port = DcmtkTool.freePort();
        NodeSettings n = new NodeSettings("LIGHTBOX", "127.0.0.1", port, NodeSettings.DEFAULT_PDU, 10, true, true);
        new ConfigurationStore(home).save(DeviceConfiguration.DEFAULTS.withNode(n));
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(800, 600);
    }

    /** The data folder's node (created on first use, closed with the fixture). */
    public LocalNode node() {
        if (node == null) {
            node = new LocalNode(home);
        }
        return node;
    }

    public void open() {
        shell.layout(true, true);
        shell.open();
        dispatch();
    }

    /** Runs the event loop until {@code condition} holds; fails with {@code what} (and its detail) after the bound. */
    public void waitFor(String what, BooleanSupplier condition, Supplier<String> detail) {
        long end = System.currentTimeMillis() + TIME_BOUND_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("timed out waiting for " + what + "; " + detail.get());
            }
            if (!display.readAndDispatch()) {
                pause(5);
            }
        }
        dispatch();
    }

    /** Waits for the jobs, dispatching events meanwhile (a job's result may need the UI thread). */
    public void join(List<Job> jobs) {
        waitFor("jobs " + jobs, () -> jobs.stream().allMatch(j -> j.getState() == Job.NONE), () -> "");
    }

    public void dispatch() {
        while (display.readAndDispatch()) {
            // drain
        }
    }

    /** Lets events and background work settle for a moment (not an assertion on time). */
    public void settle(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!display.readAndDispatch()) {
                pause(5);
            }
        }
    }

    public static void press(Button b) {
        if (!b.isEnabled()) {
            fail("button '" + b.getText() + "' is disabled");
        }
        b.notifyListeners(SWT.Selection, new Event());
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    @Override
    public void close() {
        shell.dispose();
        dispatch();
        if (node != null) {
            node.close();
        }
    }
}
