package org.lightbox.storage.ui.internal.preferences;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.lightbox.config.RemoteAe;
import org.lightbox.config.TlsSettings;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.storage.Verification;

/**
 * Verifies a remote AE with C-ECHO in a job: connect, negotiate Verification, echo, release. The outcome (with
 * the round trip from connect to the echo response) goes to a consumer, never to a dialog; cancelling aborts the
 * association, and the connect and negotiation are bounded by timeouts.
 */
final class EchoJob extends Job {

    /** The outcome of a test. */
    record Outcome(RemoteAe remote, boolean success, long millis, String message) {

        /** One line for the page, e.g. {@code PACS: success (12 ms)}. */
        String describe() {
            return remote.aeTitle() + "@" + remote.host() + ":" + remote.port() + ": "
                    + (success ? "success (" + millis + " ms)" : "failed: " + message);
        }
    }

    private final String callingAet;
    private final RemoteAe remote;
    private final Consumer<Outcome> done;
    private final TlsSettings tls;
    private final AssociationListener watcher;
    private volatile Association association;
    private volatile boolean cancelled;

    /** @param watcher told what becomes of the association (the association log); may be {@code null} */
    EchoJob(String callingAet, RemoteAe remote, TlsSettings tls, AssociationListener watcher,
            Consumer<Outcome> done) {
        super("C-ECHO " + remote.aeTitle());
        this.callingAet = callingAet;
        this.remote = remote;
        this.tls = tls;
        this.watcher = watcher;
        this.done = done;
        setUser(false);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask("C-ECHO " + remote, IProgressMonitor.UNKNOWN);
        try {
            done.accept(echo());
        } finally {
            monitor.done();
        }
        return Status.OK_STATUS;
    }

    private Outcome echo() {
        Verification.Result r = Verification.echo(callingAet, remote, tls, a -> {
            association = a;
            if (cancelled) {
                a.abort(); // cancelled while connecting
            }
        }, watcher);
        if (cancelled) {
            return new Outcome(remote, false, 0, "cancelled");
        }
        return new Outcome(remote, r.success(), r.millis(), r.outcome() == Verification.Outcome.ANSWERED
                ? "the peer answered " + r.detail() : r.detail());
    }

    @Override
    protected void canceling() {
        cancelled = true;
        Association a = association;
        if (a != null) {
            a.abort();
        }
    }
}
