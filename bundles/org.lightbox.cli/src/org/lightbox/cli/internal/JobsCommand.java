package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.lightbox.catalog.InstanceOutcome;
import org.lightbox.catalog.JobState;
import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.query.transfer.TransferJob;
import org.lightbox.query.transfer.TransferQueue;
import org.lightbox.query.transfer.TransferQueueSettings;
import org.lightbox.storage.NodeStorage;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lightbox jobs [list [--all]] | failures ID | pause ID | resume ID | cancel ID | retry ID}: shows and
 * steers the transfer queue kept in the catalog. Changes take effect when a queue next looks at the job (a running
 * worker stops at the next instance).
 */
@Component(service = Command.class)
public final class JobsCommand implements Command {

    @Override
    public String name() {
        return "jobs";
    }

    @Override
    public String summary() {
        return "list, pause, resume, cancel or retry transfer queue jobs";
    }

    @Override
    public String usage() {
        return "usage: lightbox jobs [--home DIR] [list [--all] | failures ID | pause ID | resume ID | cancel ID"
                + " | retry ID]\n"
                + "  list        the jobs not finished, and failed ones (--all: completed and canceled too)\n"
                + "  failures    the instances of a job that failed, with the reasons\n"
                + "  pause, resume, cancel, retry  steer one job";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String home = null;
        String verb = null;
        Long id = null;
        boolean all = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--home")) {
                home = NodeCommand.value(args, ++i, a);
            } else if (a.equals("--all")) {
                all = true;
            } else if (a.startsWith("-")) {
                throw new UsageException("unknown option " + a);
            } else if (verb == null) {
                verb = a;
            } else if (id == null) {
                try {
                    id = Long.parseLong(a);
                } catch (NumberFormatException e) {
                    throw new UsageException("a job id is a number, not " + a);
                }
            } else {
                throw new UsageException("unexpected argument " + a);
            }
        }
        if (verb == null) {
            verb = "list";
        }
        if (!verb.equals("list") && id == null) {
            throw new UsageException(verb + " needs a job id");
        }
        if (!List.of("list", "failures", "pause", "resume", "cancel", "retry").contains(verb)) {
            throw new UsageException("unknown action " + verb);
        }
        LightboxHome h = home == null ? LightboxHome.current() : NodeCommand.homeAt(home);
        DeviceConfiguration config = new ConfigurationStore(h).load();
        NodeStorage.derbyLogIn(h);
        try (NodeStorage storage = NodeStorage.open(h, config.storage(),
                NodeStorage.loadDriver(NodeStorage.catalogLocation(h, config.storage())));
                TransferQueue queue = new TransferQueue(storage.fileStore(), TransferQueueSettings.defaults(
                        TransferQueueSettings.ownerFor(h.root()), config.node().aeTitle()))) {
            switch (verb) {
                case "list" -> {
                    Set<JobState> states = all ? Set.of() : EnumSet.of(JobState.PENDING, JobState.RUNNING,
                            JobState.PAUSED, JobState.FAILED);
                    List<TransferJob> jobs = queue.jobs(states, 200);
                    jobs.forEach(j -> out.println(j.describe()));
                    if (jobs.isEmpty()) {
                        out.println("no jobs");
                    }
                    return 0;
                }
                case "failures" -> {
                    List<InstanceOutcome> failures = queue.failures(id);
                    failures.forEach(f -> out.println(f.studyUid() + " " + f.sopInstanceUid() + ": " + f.reason()));
                    out.println(failures.size() + " failed instance(s)");
                    return 0;
                }
                default -> {
                    boolean done = switch (verb) {
                        case "pause" -> queue.pause(id);
                        case "resume" -> queue.resume(id);
                        case "cancel" -> queue.cancel(id);
                        default -> queue.retry(id);
                    };
                    String state = queue.job(id).map(j -> j.state().name()).orElse("not found");
                    if (!done) {
                        err.println("job " + id + " cannot be " + verb + (verb.endsWith("e") ? "d" : "ed")
                                + " (it is " + state + ")");
                        return 1;
                    }
                    out.println("job " + id + ": " + state);
                    return 0;
                }
            }
        }
    }
}
