package org.lightbox.storage.internal.query;

import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Executor;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.FindQuery;
import org.lightbox.catalog.InvalidQueryException;
import org.lightbox.catalog.QueryOptions;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.net.DimseRequest;
import org.lightbox.dicom.net.DimseService;
import org.lightbox.dicom.net.DimseStatusException;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.storage.NodeEvent;
import org.lightbox.storage.internal.NodeEvents;

/**
 * The Query SCP (C-FIND) for the Patient Root, Study Root and Patient/Study Only models at every level. The
 * catalog matches (single value, universal, wildcard, range, UID list, sequence; the identifier's Specific
 * Character Set; case-insensitive person names when configured) and streams the matches from an open cursor, one
 * pending response each, so a C-CANCEL stops it between two matches. Reading the cursor and sending overlap.
 */
public final class FindScp implements DimseService {

    private final Catalog catalog;
    private final QueryOptions options;
    private final NodeEvents events;
    private final Executor executor;

    /**
     * @param options  the node's matching options (case-insensitive names, Retrieve AE Title)
     * @param executor where the catalog's matches are read while the service sends (see {@link MatchStream})
     */
    public FindScp(Catalog catalog, QueryOptions options, NodeEvents events, Executor executor) {
        this.catalog = catalog;
        this.options = options;
        this.events = events;
        this.executor = executor;
    }

    @Override
    public void onRequest(DimseRequest rq) throws IOException {
        long t0 = System.nanoTime();
        int matches = 0;
        int status;
        String level = "?";
        try {
            Attributes keys = Identifiers.read(rq);
            FindQuery q = Identifiers.query(rq, keys, options);
            level = q.level().name();
            status = Status.SUCCESS;
            try (MatchStream matchStream = MatchStream.start(catalog, q, rq.transferSyntax(), executor)) {
                for (byte[] m = matchStream.take(); m != null; m = matchStream.take()) {
                    if (rq.isCancelled()) {
                        status = Status.CANCEL;
                        break;
                    }
                    byte[] match = m;
                    rq.respond(rq.newResponse(Status.PENDING), (out, ts) -> out.write(match));
                    matches++;
                }
                Exception failed = matchStream.failure();
                if (failed instanceof InvalidQueryException e) {
                    throw Identifiers.invalid(e);
                }
                if (failed != null) {
                    throw new DimseStatusException(Status.UNABLE_TO_PROCESS, "catalog: " + failed.getMessage());
                }
            }
            rq.respond(status);
        } catch (DimseStatusException e) {
            status = e.status();
            Failures.respond(rq, e);
        }
        long micros = (System.nanoTime() - t0) / 1000;
        events.fire(new NodeEvent.QueryAnswered(Instant.now(), rq.association().label(),
                rq.association().callingAeTitle(), level, matches, status, micros));
    }
}
