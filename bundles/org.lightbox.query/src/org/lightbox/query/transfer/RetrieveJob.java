package org.lightbox.query.transfer;

import java.util.Objects;

import org.lightbox.config.RemoteAe;
import org.lightbox.query.RetrieveRequest;

/**
 * A retrieve to run as a queued job (the label only names it in the queue; the payload keeps source and request): from {@code source}, by its configured method (C-MOVE to our node, or C-GET
 * into our catalog), what {@code request} names. As a job it shows progress, can be paused and cancelled, retries
 * after a failure and survives a restart.
 */
public record RetrieveJob(RemoteAe source, RetrieveRequest request, String label) {
    public static final String TYPE = "retrieve";

    /** @param label what a person calls it ("DOE, JANE: CT Thorax"), shown in the queue; may be empty */
    public RetrieveJob {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(request, "request");
        label = label == null ? "" : label.strip();
    }

    public RetrieveJob(RemoteAe source, RetrieveRequest request) {
        this(source, request, "");
    }

    public String describe() {
        return "retrieve " + (label.isEmpty() ? request.toString() : label) + " from " + source.aeTitle() + " by "
                + source.retrieve();
    }
}
