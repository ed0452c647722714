package org.lightbox.query.ui.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.widgets.Display;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.config.NodeSettings;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.StorageSettings;
import org.lightbox.storage.LocalNode;

/** A {@link LocalNode} on a temporary data folder (AE title LIGHTBOX on a free port), and UI waiting. */
public final class NodeFixture implements AutoCloseable {
    public static final String AET = "LIGHTBOX";
    /** Per-wait bound against hangs, not a performance assertion. */
    public static final long TIME_BOUND_MS = 60_000;

    static {
        System.setProperty("derby.stream.error.file", System.getProperty("java.io.tmpdir") + "/lightbox-qui-derby.log");
    }

    public final LocalNode node;
    public final int port;

    public NodeFixture(Path home, int port, List<RemoteAe> remotes) throws IOException {
        LightboxHome h = LightboxHome.resolve(k -> LightboxHome.PROPERTY.equals(k) ? home.toString() : null,
                k -> null);
        this.port = port;
        NodeSettings n = new NodeSettings(AET, "127.0.0.1", port, NodeSettings.DEFAULT_PDU, 10, true, false);
        new ConfigurationStore(h).save(new DeviceConfiguration("query-ui-test", n, remotes,
                StorageSettings.DEFAULTS.withFsync(StorageSettings.Fsync.NEVER)));
        node = new LocalNode(h);
    }

    /** Runs the UI loop until {@code condition} holds (bounded against hangs). */
    public static void waitFor(Display display, String what, BooleanSupplier condition, Supplier<String> state) {
        long end = System.currentTimeMillis() + TIME_BOUND_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("timed out waiting for " + what + "; " + state.get());
            }
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail("interrupted");
                }
            }
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
