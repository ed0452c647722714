package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.config.LightboxHome;
import org.lightbox.query.RetrieveOutcome;
import org.lightbox.query.RetrieveRequest;
import org.lightbox.storage.AssociationLogRecorder;
import org.lightbox.storage.NodeStorage;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lightbox get [options] REMOTE}: C-GET of what the {@code -m} unique keys name into the local catalog and
 * store of the data folder (no inbound connection needed). Like {@code import}, it needs the store to itself: stop a
 * node running on the same data folder, or use {@code move} to it.
 */
@Component(service = Command.class)
public final class GetCommand implements Command {

    @Override
    public String name() {
        return "get";
    }

    @Override
    public String summary() {
        return "retrieve from a remote AE with C-GET into the local catalog";
    }

    @Override
    public String usage() {
        return "usage: lightbox get [options] REMOTE\n" + QueryOptions.USAGE
                + "\n  --sop-class UID        a SOP class to offer a storage context for (repeatable; default: the"
                + "\n                         common storage classes)"
                + "\n  The -m keys are the unique keys down to --level, e.g. -m StudyInstanceUID=1.2.3";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        QueryOptions o = QueryOptions.parse(args, List.of("--sop-class"));
        List<String> classes = new ArrayList<>();
        for (int i = 0; i < o.rest.size(); i++) {
            String a = o.rest.get(i);
            if (a.equals("--sop-class")) {
                classes.add(o.rest.get(++i));
            } else {
                throw new UsageException("unknown option " + a);
            }
        }
        if (o.matching.isEmpty()) {
            throw new UsageException("say what to get with -m (e.g. -m StudyInstanceUID=...)");
        }
        RetrieveRequest rq = RetrieveRequest.of(o.model, o.level, o.request(false).identifier())
                .withSopClasses(classes);
        LightboxHome h = o.home == null ? LightboxHome.current() : NodeCommand.homeAt(o.home);
        NodeStorage.derbyLogIn(h);
        RetrieveOutcome outcome;
        try (NodeStorage storage = NodeStorage.open(h, o.config.storage(),
                NodeStorage.loadDriver(NodeStorage.catalogLocation(h, o.config.storage())))) {
            try {
                outcome = o.scu().withAssociationListener(new AssociationLogRecorder(storage.catalog().activityLog()))
                        .get(o.remote, rq, storage.fileStore(), RetrieveCommand.progress(err, "get"), null);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        return RetrieveCommand.finish(outcome, "get", out, err);
    }
}
