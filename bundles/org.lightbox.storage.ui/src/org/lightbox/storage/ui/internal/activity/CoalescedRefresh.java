package org.lightbox.storage.ui.internal.activity;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Runs a refresh in the background at most once per period however often it is asked for: node events arrive
 * per association and per instance (a thousand in a few seconds), the screen needs a few updates a second.
 */
final class CoalescedRefresh {

    private final AtomicBoolean pending = new AtomicBoolean();
    private final long delayMillis;
    private final Job job;
    private volatile boolean closed;

    CoalescedRefresh(String name, long delayMillis, Runnable work) {
        this.delayMillis = delayMillis;
        this.job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                pending.set(false); // a request from now on schedules another run
                if (!closed && !monitor.isCanceled()) {
                    work.run();
                }
                return Status.OK_STATUS;
            }
        };
        job.setSystem(true);
    }

    /** Asks for a refresh; requests made before it runs are served by the same run. */
    void request() {
        if (!closed && pending.compareAndSet(false, true)) {
            job.schedule(delayMillis);
        }
    }

    /** Refreshes as soon as possible (the first fill). */
    void now() {
        if (!closed) {
            pending.set(true);
            job.schedule();
        }
    }

    void close() {
        closed = true;
        job.cancel();
    }
}
