package org.lightbox.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.catalog.InformationModel;
import org.lightbox.config.RemoteAe;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.NoPresentationContextException;
import org.lightbox.dicom.net.dimse.Status;
import org.lightbox.query.internal.FindExchange;
import org.lightbox.query.internal.ModelSopClasses;

/**
 * An open query association to one remote AE, offering C-FIND in all three models: a result tree expands lazily
 * with further queries on it instead of a new association per click. One query at a time; close it when done.
 */
public final class QuerySession implements AutoCloseable {
    private final Association association;
    private final RemoteAe remote;

    QuerySession(Association association, RemoteAe remote) {
        this.association = association;
        this.remote = remote;
    }

    public RemoteAe remote() {
        return remote;
    }

    /** True when the peer accepted C-FIND in {@code model}. */
    public boolean supports(InformationModel model) {
        return association.presentationContextId(ModelSopClasses.find(model), null) > 0;
    }

    public boolean isOpen() {
        return association.isOpen();
    }

    /**
     * Runs a C-FIND, streaming the matches to {@code listener}.
     *
     * @param cancellation cancels it from another thread, or {@code null}
     * @throws NoPresentationContextException when the peer refused the request's model
     * @throws IOException when the association fails
     */
    public synchronized FindOutcome find(FindRequest request, FindListener listener, Cancellation cancellation)
            throws IOException {
        String cuid = ModelSopClasses.find(request.model());
        if (association.presentationContextId(cuid, null) < 0) {
            throw new NoPresentationContextException(remote.aeTitle() + " does not offer C-FIND in the "
                    + request.model() + " model (" + association.rejectionReason(cuid) + ")");
        }
        return FindExchange.run(association, cuid, request.identifier(), listener, cancellation);
    }

    /**
     * All matches of a C-FIND.
     *
     * @throws QueryFailedException when the peer answers with a failure status
     */
    public List<Attributes> find(FindRequest request) throws IOException {
        List<Attributes> out = new ArrayList<>();
        FindOutcome o = find(request, m -> out.add(m), null);
        if (o.status().isFailure()) {
            throw new QueryFailedException(association.label() + ": " + request + ": " + o.status()
                    + (o.errorComment() != null ? " (" + o.errorComment() + ")" : ""), o.status());
        }
        return out;
    }

    /** Releases the association (aborts it if the release fails). */
    @Override
    public void close() throws IOException {
        if (association.isOpen()) {
            try {
                association.release();
            } catch (IOException e) {
                association.abort();
                throw e;
            }
        }
    }

    /** The peer answered a query or retrieve with a failure status. */
    public static final class QueryFailedException extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Status status;

        public QueryFailedException(String message, Status status) {
            super(message);
            this.status = status;
        }

        public Status status() {
            return status;
        }
    }
}
