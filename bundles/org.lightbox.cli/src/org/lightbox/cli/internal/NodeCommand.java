package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.lightbox.cli.Command;
import org.lightbox.catalog.JobState;
import org.lightbox.cli.UsageException;
import org.lightbox.config.AeTitle;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.dimse.CommandField;
import org.lightbox.query.transfer.TransferQueue;
import org.lightbox.query.transfer.TransferQueueSettings;
import org.lightbox.storage.NodeConsole;
import org.lightbox.storage.NodeStorage;
import org.lightbox.storage.ReceivedBytes;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lightbox node [--aet AET] [--port N] [--tls-port N] [--home DIR]}: runs the local DICOM node in the foreground with the
 * configuration of the data folder, one line per association, instance and error on standard output, until
 * SIGTERM or Ctrl-C; then it stops accepting, lets running associations finish (or aborts them after a grace
 * period) and closes the store and the catalog.
 */
@Component(service = Command.class)
public final class NodeCommand implements Command {

    @Override
    public String name() {
        return "node";
    }

    @Override
    public String summary() {
        return "run the DICOM node (storage, commitment, query/retrieve) in the foreground";
    }

    @Override
    public String usage() {
        return "usage: lightbox node [--aet AET] [--port N] [--tls-port N] [--home DIR]\n"
                + "  --aet AET     the node's AE title (default: the configuration's, LIGHTBOX)\n"
                + "  --port N      the port to listen on (default: the configuration's, 11112; 104 needs root)\n"
                + "  --tls-port N  also accept DICOM TLS on port N (2762 is registered for it; 0: not), with the\n"
                + "                key and trust stores of <tls> in config/device.xml (default: the configuration's)\n"
                + "  --home DIR    the data folder with config/device.xml, the catalog and the store\n"
                + "                (default: $LIGHTBOX_HOME or ~/.lightbox)\n"
                + "  Runs until SIGTERM or Ctrl-C, printing one line per association, instance and error.";
    }

    /** The data folder and the configuration the arguments select. */
    record Setup(LightboxHome home, DeviceConfiguration config) {
    }

    static Setup setup(List<String> args) throws Exception {
        String aet = null;
        Integer port = null;
        Integer tlsPort = null;
        String home = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--aet" -> aet = value(args, ++i, a);
                case "--port" -> port = port(value(args, ++i, a), "--port", 1);
                case "--tls-port" -> tlsPort = port(value(args, ++i, a), "--tls-port", 0);
                case "--home" -> home = value(args, ++i, a);
                default -> throw new UsageException(a.startsWith("-") ? "unknown option " + a
                        : "unexpected argument '" + a + "'");
            }
        }
        LightboxHome h = home == null ? LightboxHome.current() : homeAt(home);
        DeviceConfiguration config = new ConfigurationStore(h).load();
        if (aet != null) {
            try {
                config = config.withNode(config.node().withAeTitle(AeTitle.check(aet)));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        try {
            if (port != null) {
                config = config.withNode(config.node().withPort(port));
            }
            if (tlsPort != null) {
                config = config.withNode(config.node().withTls(tlsPort, config.node().tlsClientAuth()));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage()); // e.g. the TLS port equal to the plain one
        }
        return new Setup(h, config);
    }

    /** The data folder at {@code dir} (what --home says overrides the property and the environment). */
    static LightboxHome homeAt(String dir) {
        String root = Path.of(dir).toAbsolutePath().toString();
        return LightboxHome.resolve(k -> k.equals(LightboxHome.PROPERTY) ? root : System.getProperty(k), k -> null);
    }

    private static int port(String s, String option, int min) throws UsageException {
        try {
            int p = Integer.parseInt(s);
            if (p >= min && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a number from " + min + " to 65535, not '" + s + "'");
    }

    static String value(List<String> args, int i, String option) throws UsageException {
        if (i >= args.size()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        Setup s = setup(args);
        return NodeConsole.run(s.home(), s.config(), out, NodeStorage::loadDriver, (node, storage) -> {
            // the transfer queue runs with the node: queued sends and retrieves go on, commitment reports arrive
            TransferQueue queue = new TransferQueue(storage.fileStore(), TransferQueueSettings.forNode(s.config(),
                    s.home().root()));
            queue.addListener(job -> {
                if (job.state() != JobState.RUNNING) { // one line per state change, not per instance
                    out.println("job " + job.describe());
                }
            });
            ReceivedBytes received = new ReceivedBytes();
            node.addListener(received);
            queue.receivedBytes(received);
            queue.start();
            node.addService(UID.StorageCommitmentPushModel, CommandField.N_EVENT_REPORT_RQ,
                    queue.commitmentReportService());
            return queue;
        });
    }
}
