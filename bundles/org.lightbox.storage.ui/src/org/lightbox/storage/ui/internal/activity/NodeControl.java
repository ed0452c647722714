package org.lightbox.storage.ui.internal.activity;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.lightbox.storage.LocalNode;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Starts and stops the workbench's node in Eclipse Jobs and remembers why the last attempt failed, so that the
 * status view can say it even when it opens after the failure (e.g. the port was in use at workbench start).
 * Failures go to the error log and to the watchers, never to a dialog.
 *
 * <p>Immediate, so that it holds the {@link LocalNode} service for the workbench's life: a node started from the
 * status view keeps running when the view closes.
 */
@Component(service = NodeControl.class, immediate = true)
public final class NodeControl {

    /** The job family of start and stop, for tests and the progress view. */
    public static final Object FAMILY = NodeControl.class;

    private final LocalNode node;
    private final Consumer<IStatus> errorLog;
    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private final AtomicInteger busy = new AtomicInteger();
    /** Start and stop run one at a time, in the order asked. */
    private final ISchedulingRule serial = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };
    private volatile String failure;

    @Activate
    public NodeControl(@Reference LocalNode node) {
        this(node, ILog.of(NodeControl.class)::log);
    }

    /** With the sink for failures (the error log in the workbench). */
    public NodeControl(LocalNode node, Consumer<IStatus> errorLog) {
        this.node = node;
        this.errorLog = errorLog;
    }

    public LocalNode node() {
        return node;
    }

    /** Why the last start or stop failed; {@code null} once one succeeded. */
    public String failure() {
        return failure;
    }

    /** Whether a start or stop is pending or running. */
    public boolean busy() {
        return busy.get() > 0;
    }

    /** Called (on any thread) when {@link #busy()} or {@link #failure()} changes. */
    public void addWatcher(Runnable w) {
        watchers.add(w);
    }

    public void removeWatcher(Runnable w) {
        watchers.remove(w);
    }

    /** Starts the node in a job (nothing happens when it runs already). */
    public Job start() {
        return schedule("Starting the DICOM node", "cannot start the DICOM node", node::start);
    }

    /** Stops the node in a job, letting running associations finish for the node's grace period. */
    public Job stop() {
        return schedule("Stopping the DICOM node", "cannot stop the DICOM node", node::stop);
    }

    @FunctionalInterface
    private interface NodeAction {
        void run() throws IOException;
    }

    private Job schedule(String name, String failed, NodeAction action) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(name, IProgressMonitor.UNKNOWN);
                try {
                    action.run();
                    failure = null;
                } catch (IOException | RuntimeException e) {
                    String message = e.getMessage() == null ? e.toString() : e.getMessage();
                    failure = message;
                    errorLog.accept(Status.error(failed + ": " + message, e));
                } finally {
                    busy.decrementAndGet();
                    changed();
                    monitor.done();
                }
                // reported in the status view and the error log; an error status here would open a dialog
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setRule(serial);
        busy.incrementAndGet();
        changed();
        job.schedule();
        return job;
    }

    private void changed() {
        for (Runnable w : watchers) {
            w.run();
        }
    }
}
