package org.lightbox.query.transfer;

import java.util.Objects;

import org.lightbox.config.RemoteAe;
import org.lightbox.query.RetrieveRequest;

/**
 * A retrieve to run as a queued job: from {@code source}, by its configured method (C-MOVE to our node, or C-GET
 * into our catalog), what {@code request} names. As a job it shows progress, can be paused and cancelled, retries
 * after a failure and survives a restart.
 */
public record RetrieveJob(RemoteAe source, RetrieveRequest request) {
    public static final String TYPE = "retrieve";

    public RetrieveJob {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(request, "request");
    }

    public String describe() {
        return "retrieve " + request + " from " + source.aeTitle() + " by " + source.retrieve();
    }
}
