package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.util.List;

import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.query.RetrieveOutcome;
import org.lightbox.query.RetrieveRequest;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lightbox move [options] REMOTE}: C-MOVE of what the {@code -m} unique keys name to {@code --dest} (our
 * node's AE title by default, which the remote must know), with progress and a summary.
 */
@Component(service = Command.class)
public final class MoveCommand implements Command {

    @Override
    public String name() {
        return "move";
    }

    @Override
    public String summary() {
        return "retrieve from a remote AE with C-MOVE (to our node or --dest)";
    }

    @Override
    public String usage() {
        return "usage: lightbox move [options] REMOTE\n" + QueryOptions.USAGE
                + "\n  --dest AET             move destination (default: our AE title, i.e. the node)"
                + "\n  The -m keys are the unique keys down to --level, e.g. -m StudyInstanceUID=1.2.3";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        QueryOptions o = QueryOptions.parse(args, List.of("--dest"));
        String dest = null;
        for (int i = 0; i < o.rest.size(); i++) {
            String a = o.rest.get(i);
            if (a.equals("--dest")) {
                dest = o.rest.get(++i);
            } else {
                throw new UsageException("unknown option " + a);
            }
        }
        if (o.matching.isEmpty()) {
            throw new UsageException("say what to move with -m (e.g. -m StudyInstanceUID=...)");
        }
        RetrieveRequest rq = RetrieveRequest.of(o.model, o.level, o.request(false).identifier());
        String to = dest != null ? dest : o.network.callingAet;
        RetrieveOutcome outcome;
        try {
            outcome = o.scu().move(o.remote, rq, to, RetrieveCommand.progress(err, "move"), null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return RetrieveCommand.finish(outcome, "move to " + to, out, err);
    }
}
