package org.lightbox.query.ui.internal.remote;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.query.Cancellation;
import org.lightbox.query.FindListener;
import org.lightbox.query.FindOutcome;
import org.lightbox.query.FindRequest;
import org.lightbox.query.QueryRetrieveScu;
import org.lightbox.query.QuerySession;

/**
 * The query association of the Remote view to one remote AE, kept open while the view is in use so that a search
 * and the lazy expansion of its results share one association. It is opened on first use and opened again when
 * the peer dropped it (idle timeout, restart). Queries are serialised: one C-FIND at a time on the association.
 */
public final class RemoteConnection implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RemoteConnection.class.getName());

    private final QueryRetrieveScu scu;
    private final RemoteAe remote;
    private QuerySession session;
    private int opened;

    public RemoteConnection(QueryRetrieveScu scu, RemoteAe remote) {
        this.scu = Objects.requireNonNull(scu, "scu");
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    public RemoteAe remote() {
        return remote;
    }

    public QueryRetrieveScu scu() {
        return scu;
    }

    /** How many associations were opened so far (a dropped one is replaced). */
    public synchronized int associationsOpened() {
        return opened;
    }

    /**
     * Runs one C-FIND on the kept association. When the association turns out to be gone before anything arrived,
     * it is opened again and the query repeated once; a failure after matches arrived is reported as it is.
     */
    public synchronized FindOutcome find(FindRequest request, FindListener listener, Cancellation cancellation)
            throws IOException {
        QuerySession s = session();
        int[] delivered = { 0 };
        FindListener counting = m -> {
            delivered[0]++;
            return listener.onMatch(m);
        };
        try {
            return s.find(request, counting, cancellation);
        } catch (IOException e) {
            if (s.isOpen() || delivered[0] > 0 || cancellation != null && cancellation.isCancelled()) {
                dropSilently();
                throw e;
            }
            LOG.log(System.Logger.Level.DEBUG, () -> remote + ": query association dropped (" + e.getMessage()
                    + "); opening a new one");
            dropSilently();
            return session().find(request, counting, cancellation);
        }
    }

    /** All matches of a C-FIND; a failure status throws. */
    public List<Attributes> find(FindRequest request, Cancellation cancellation) throws IOException {
        List<Attributes> out = new java.util.ArrayList<>();
        FindOutcome o = find(request, m -> out.add(m), cancellation);
        if (!o.ok()) {
            throw new QuerySession.QueryFailedException(remote.aeTitle() + ": " + request + ": " + o.describe(),
                    o.status());
        }
        return out;
    }

    private QuerySession session() throws IOException {
        if (session == null || !session.isOpen()) {
            dropSilently();
            session = scu.openSession(remote);
            opened++;
        }
        return session;
    }

    private void dropSilently() {
        if (session != null) {
            try {
                session.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, () -> remote + ": closing the query association: "
                        + e.getMessage());
            }
            session = null;
        }
    }

    /** Releases the association, if open. */
    @Override
    public synchronized void close() {
        dropSilently();
    }
}
