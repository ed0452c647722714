package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.query.FindOutcome;
import org.lightbox.query.FindRequest;
import org.lightbox.query.QueryRetrieveScu;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lightbox find [options] REMOTE}: C-FIND against a remote AE, printing the matches as an aligned table or,
 * with {@code --json}, as JSON lines. Without {@code -r} the seed's keys of the level are asked for; with it, only
 * the keys given. {@code --limit N} cancels the query (C-CANCEL) after N matches.
 */
@Component(service = Command.class)
public final class FindCommand implements Command {

    @Override
    public String name() {
        return "find";
    }

    @Override
    public String summary() {
        return "query a remote AE with C-FIND (table or JSON lines)";
    }

    @Override
    public String usage() {
        return "usage: lightbox find [options] REMOTE\n" + QueryOptions.USAGE
                + "\n  --json                 print JSON lines instead of a table"
                + "\n  --limit N              stop (C-CANCEL) after N matches"
                + "\n  Without -r the level's default keys are returned (the seed's key set).";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        QueryOptions o = QueryOptions.parse(args, List.of("--limit"));
        boolean json = false;
        int limit = Integer.MAX_VALUE;
        for (int i = 0; i < o.rest.size(); i++) {
            String a = o.rest.get(i);
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--limit")) {
                try {
                    limit = Integer.parseInt(o.rest.get(++i));
                } catch (NumberFormatException e) {
                    throw new UsageException("--limit needs a number of matches");
                }
                if (limit < 1) {
                    throw new UsageException("--limit must be at least 1");
                }
            } else {
                throw new UsageException("unknown option " + a);
            }
        }
        FindRequest rq = o.request(true);
        List<Integer> columns = new ArrayList<>(rq.keys());
        MatchPrinter printer = new MatchPrinter(columns, json, out);
        QueryRetrieveScu scu = o.scu();
        int max = limit;
        int[] n = new int[1];
        FindOutcome outcome = scu.find(o.remote, rq, m -> {
            printer.add(m);
            return ++n[0] < max;
        }, null);
        printer.finish();
        if (outcome.status().isFailure()) {
            err.println("find " + o.remote + ": " + outcome.status()
                    + (outcome.errorComment() != null ? " (" + outcome.errorComment() + ")" : ""));
            return 1;
        }
        if (!json) {
            out.println(outcome.matches() + " match(es)" + (outcome.cancelled() ? " (stopped at --limit)" : ""));
        }
        return 0;
    }
}
