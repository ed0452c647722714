package org.lightbox.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A request to stop a query or retrieve, made from any thread (a UI's cancel button, a job's monitor). The
 * operation it was given to sends C-CANCEL and ends with whatever the peer answers last; a cancellation made before
 * the operation starts makes it end at once. One cancellation per operation.
 */
public final class Cancellation {
    private final List<Runnable> hooks = new ArrayList<>();
    private boolean cancelled;

    /** Requests cancellation; idempotent. */
    public void cancel() {
        List<Runnable> run;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            run = new ArrayList<>(hooks);
            hooks.clear();
        }
        run.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /**
     * What to do on cancellation: runs {@code hook} now when already cancelled, else once {@link #cancel()} is
     * called. For the operations of this package.
     */
    public void onCancel(Runnable hook) {
        synchronized (this) {
            if (!cancelled) {
                hooks.add(hook);
                return;
            }
        }
        hook.run();
    }

    /** Forgets {@code hook} (the operation ended). */
    public synchronized void remove(Runnable hook) {
        hooks.remove(hook);
    }
}
