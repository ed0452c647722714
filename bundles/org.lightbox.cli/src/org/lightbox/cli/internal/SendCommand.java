package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lightbox.catalog.CommitmentRecord;
import org.lightbox.catalog.InstanceOutcome;
import org.lightbox.catalog.JobState;
import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.config.RemoteAe;
import org.lightbox.query.transfer.SendRequest;
import org.lightbox.query.transfer.TransferJob;
import org.lightbox.query.transfer.TransferQueue;
import org.lightbox.query.transfer.TransferQueueSettings;
import org.lightbox.storage.NodeStorage;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lightbox send [--study UID|--series UID|--instance UID]... AE@host:port|NAME [--commit] [--queue]}:
 * queues a send of local studies, series or instances in the transfer queue and, unless {@code --queue}, runs it
 * here and waits, printing progress (failed attempts are retried with backoff meanwhile). Ends with
 * {@code sent N of M, failed N, X MB, Y MB/s} and the failed instances with their reasons.
 */
@Component(service = Command.class)
public final class SendCommand implements Command {

    @Override
    public String name() {
        return "send";
    }

    @Override
    public String summary() {
        return "send local studies or series to a peer through the transfer queue";
    }

    @Override
    public String usage() {
        return "usage: lightbox send [options] (--study UID|--series UID|--instance UID)... AET@host:port|NAME\n"
                + "  --study UID          send a whole study (repeatable)\n"
                + "  --series UID         send a whole series (repeatable)\n"
                + "  --instance UID       send one instance (repeatable)\n"
                + "  --commit             ask the peer for storage commitment afterwards\n"
                + "  --queue              only queue the job (the node or workbench sends it when it runs)\n"
                + "  --calling-aet AET    our AE title (default: the node's)\n"
                + "  --timeout SECONDS    give up waiting after this long; the job stays queued (default 3600)\n"
                + "  --home DIR           the data folder (default: $LIGHTBOX_HOME or ~/.lightbox)\n"
                + "  NAME is a remote AE of the configuration. Stop a node or workbench running on the same data\n"
                + "  folder first (it holds the store), or use --queue from there.";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        List<String> studies = new ArrayList<>();
        List<String> series = new ArrayList<>();
        List<String> instances = new ArrayList<>();
        boolean commit = false;
        boolean queueOnly = false;
        String calling = null;
        String home = null;
        String target = null;
        long timeout = 3600;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--study" -> studies.add(NodeCommand.value(args, ++i, a));
                case "--series" -> series.add(NodeCommand.value(args, ++i, a));
                case "--instance" -> instances.add(NodeCommand.value(args, ++i, a));
                case "--commit" -> commit = true;
                case "--queue" -> queueOnly = true;
                case "--calling-aet" -> calling = NodeCommand.value(args, ++i, a);
                case "--home" -> home = NodeCommand.value(args, ++i, a);
                case "--timeout" -> timeout = seconds(NodeCommand.value(args, ++i, a));
                default -> {
                    if (a.startsWith("-") || target != null) {
                        throw new UsageException(a.startsWith("-") ? "unknown option " + a : "more than one target: "
                                + target + ", " + a);
                    }
                    target = a;
                }
            }
        }
        if (target == null) {
            throw new UsageException("no target AET@host:port or remote AE name given");
        }
        if (studies.isEmpty() && series.isEmpty() && instances.isEmpty()) {
            throw new UsageException("nothing to send: give --study, --series or --instance");
        }
        LightboxHome h = home == null ? LightboxHome.current() : NodeCommand.homeAt(home);
        DeviceConfiguration config = new ConfigurationStore(h).load();
        RemoteAe peer = destination(target, config);
        SendRequest rq = new SendRequest(peer, calling, studies, series, instances, commit);
        NodeStorage.derbyLogIn(h);
        try (NodeStorage storage = NodeStorage.open(h, config.storage(),
                NodeStorage.loadDriver(NodeStorage.catalogLocation(h, config.storage())))) {
            TransferQueueSettings settings = TransferQueueSettings.forNode(config, h.root());
            try (TransferQueue queue = new TransferQueue(storage.fileStore(), settings)) {
                long id = queue.submit(rq);
                out.println("job " + id + ": " + rq.describe());
                if (queueOnly) {
                    return 0;
                }
                return runAndWait(queue, id, Duration.ofSeconds(timeout), out, err);
            }
        }
    }

    private static long seconds(String s) throws UsageException {
        try {
            long v = Long.parseLong(s);
            if (v < 1) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout needs a positive number of seconds, not " + s);
        }
    }

    /** {@code AET@host:port}, or the name of a configured remote AE. */
    static RemoteAe destination(String target, DeviceConfiguration config) throws UsageException {
        int at = target.indexOf('@');
        if (at < 0) {
            return config.remoteAe(target).orElseThrow(() -> new UsageException("no remote AE named " + target
                    + " in the configuration; give AET@host:port"));
        }
        int colon = target.lastIndexOf(':');
        if (at < 1 || colon < at + 2 || colon == target.length() - 1) {
            throw new UsageException("target must look like AET@host:port: " + target);
        }
        try {
            return new RemoteAe(target.substring(0, at), target.substring(at + 1, colon),
                    Integer.parseInt(target.substring(colon + 1)), false, "");
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad target " + target + ": " + e.getMessage());
        }
    }

    private static int runAndWait(TransferQueue queue, long id, Duration timeout, PrintStream out, PrintStream err)
            throws Exception {
        long[] lastPrint = { 0 };
        queue.addListener(j -> {
            if (j.id() != id) {
                return;
            }
            long now = System.nanoTime();
            if (j.state() == JobState.PENDING && j.error() != null) {
                err.println("attempt " + j.attempts() + " failed: " + j.error() + "; retrying at " + j.nextAttempt());
            } else if (j.state() == JobState.RUNNING && now - lastPrint[0] > 1_000_000_000L) {
                lastPrint[0] = now;
                out.printf(Locale.ROOT, "%d/%d, %.1f MB, %.1f MB/s%n", j.done(), j.total(), j.bytes() / 1e6,
                        j.megabytesPerSecond());
            }
        });
        queue.start();
        long t0 = System.nanoTime();
        TransferJob j = queue.await(id, timeout);
        double seconds = Math.max((System.nanoTime() - t0) / 1e9, 1e-6);
        List<InstanceOutcome> failures = queue.failures(id);
        for (InstanceOutcome f : failures) {
            err.println(f.sopInstanceUid() + ": " + f.reason());
        }
        out.printf(Locale.ROOT, "sent %d of %d, failed %d, %.1f MB, %.1f MB/s%n", j.done() - failures.size(),
                j.total(), failures.size(), j.bytes() / 1e6, j.bytes() / 1e6 / seconds);
        List<CommitmentRecord> commitments = queue.commitments(id);
        if (!commitments.isEmpty()) {
            long ok = commitments.stream().filter(c -> c.state() == CommitmentRecord.State.COMMITTED).count();
            long refused = commitments.stream().filter(c -> c.state() == CommitmentRecord.State.FAILED).count();
            out.println("storage commitment: " + ok + " committed, " + refused + " refused, "
                    + (commitments.size() - ok - refused) + " awaiting the peer's report");
        }
        if (j.state() != JobState.COMPLETED) {
            err.println("job " + id + " is " + j.state().name().toLowerCase(Locale.ROOT)
                    + (j.error() == null ? "" : ": " + j.error())
                    + (j.state().isFinal() ? "" : " (it stays queued)"));
            return 1;
        }
        return failures.isEmpty() ? 0 : 1;
    }
}
