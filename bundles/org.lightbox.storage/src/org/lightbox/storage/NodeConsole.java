package org.lightbox.storage;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;

import org.lightbox.catalog.CatalogLocation;
import org.lightbox.catalog.RecoveryReport;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;

/**
 * Runs a node in the foreground of this process, as {@code lightbox node} does: opens catalog and store (with the
 * recovery scan), starts the node, prints one line per event, and on SIGTERM or Ctrl-C (a shutdown hook) stops
 * accepting, lets running associations finish for the grace period, aborts the rest, and closes the store and the
 * catalog before the process exits.
 */
public final class NodeConsole {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private NodeConsole() {
    }

    /**
     * Runs until the process is asked to stop; returns the exit status (0 after a clean stop).
     *
     * @throws Exception when the node cannot start (catalog, store or port); nothing is left open then
     */
    public static int run(LightboxHome home, DeviceConfiguration config, PrintStream out) throws Exception {
        return run(home, config, out, NodeStorage::loadDriver);
    }

    /** As {@link #run(LightboxHome, DeviceConfiguration, PrintStream)}, with the JDBC driver from {@code drivers}. */
    public static int run(LightboxHome home, DeviceConfiguration config, PrintStream out,
            NodeStorage.DriverLoader drivers) throws Exception {
        return run(home, config, out, drivers, (node, storage) -> () -> {
        });
    }

    /**
     * What other bundles run alongside the node (the transfer queue): attached once the node runs, closed before the
     * node stops.
     */
    @FunctionalInterface
    public interface Attachment {
        AutoCloseable attach(Node node, NodeStorage storage) throws Exception;
    }

    /** As {@link #run(LightboxHome, DeviceConfiguration, PrintStream)}, with {@code attachment} running alongside. */
    public static int run(LightboxHome home, DeviceConfiguration config, PrintStream out,
            NodeStorage.DriverLoader drivers, Attachment attachment) throws Exception {
        CatalogLocation location = NodeStorage.catalogLocation(home, config.storage());
        NodeStorage.derbyLogIn(home);
        NodeStorage storage = NodeStorage.open(home, config.storage(), drivers.load(location));
        Node node;
        try {
            line(out, "data folder " + home + ", catalog " + location + ", store " + storage.fileStore().root());
            line(out, describe(storage.recovery()));
            line(out, StoreUsage.of(storage.fileStore(), config.storage().autoDelete()).toString());
            node = Node.create(config, storage.fileStore());
            node.addListener(e -> line(out, e.describe()));
            node.start();
        } catch (Exception e) {
            storage.close();
            throw e;
        }
        AutoCloseable attached;
        try {
            attached = attachment.attach(node, storage);
        } catch (Exception e) {
            node.stop();
            storage.close();
            throw e;
        }
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                line(out, "stopping: no new associations; running ones get " + Node.DEFAULT_GRACE.toSeconds()
                        + " s to finish");
                try {
                    attached.close();
                } catch (Exception e) {
                    line(out, "error while stopping " + attached + ": " + e.getMessage());
                }
                node.stop();
                storage.close();
                line(out, "stopped; catalog and store closed");
            } catch (Exception e) {
                line(out, "error while stopping: " + e.getMessage());
            } finally {
                closed.countDown();
            }
        }, "lightbox-node-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        closed.await();
        return 0;
    }

    static String describe(RecoveryReport r) {
        if (!r.fullScan()) {
            return "recovery: clean shutdown last time" + (r.tempFilesDeleted() > 0 ? ", " + r.tempFilesDeleted()
                    + " unfinished file(s) removed" : "");
        }
        return "recovery scan (first start, or the last shutdown was not clean): " + r.tempFilesDeleted() + " unfinished file(s) removed, "
                + r.rowsRemoved() + " row(s) without file removed, " + r.filesIndexed() + " file(s) indexed again, "
                + r.filesQuarantined() + " quarantined, " + r.staleFilesDeleted() + " stale copies deleted";
    }

    private static void line(PrintStream out, String text) {
        synchronized (out) {
            out.println(LocalDateTime.now().format(TIME) + " " + text);
            out.flush();
        }
    }
}
