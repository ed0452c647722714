package org.lightbox.query.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;

import org.lightbox.config.RetrieveMethod;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.DimseOperation;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.query.Cancellation;
import org.lightbox.query.RetrieveListener;
import org.lightbox.query.RetrieveOutcome;
import org.lightbox.query.RetrieveProgress;

/**
 * One C-MOVE or C-GET on an open association: every response's sub-operation counts go to the listener; a
 * {@link Cancellation} sends C-CANCEL, and the peer's final response (normally FE00 with the counts so far) ends it.
 */
public final class RetrieveExchange {
    private static final System.Logger LOG = System.getLogger(RetrieveExchange.class.getName());

    private final Association association;
    private final RetrieveMethod method;
    private final RetrieveListener listener;
    /** Instances stored locally (C-GET), read when reporting progress. */
    private final IntSupplier received;
    private final AtomicReference<DimseOperation> operation = new AtomicReference<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private RetrieveExchange(Association association, RetrieveMethod method, RetrieveListener listener,
            IntSupplier received) {
        this.association = association;
        this.method = method;
        this.listener = listener;
        this.received = received;
    }

    /** C-MOVE of {@code identifier} to {@code destination}. */
    public static RetrieveOutcome move(Association a, String sopClassUid, String destination, Attributes identifier,
            RetrieveListener listener, Cancellation cancellation) throws IOException {
        RetrieveExchange x = new RetrieveExchange(a, RetrieveMethod.MOVE, listener, () -> 0);
        return x.execute(() -> a.moveAsync(sopClassUid, destination, IdentifierCodec.writer(identifier),
                x::onPending), cancellation);
    }

    /** C-GET of {@code identifier}; the association's storage service stores what arrives. */
    public static RetrieveOutcome get(Association a, String sopClassUid, Attributes identifier,
            RetrieveListener listener, IntSupplier received, Cancellation cancellation) throws IOException {
        RetrieveExchange x = new RetrieveExchange(a, RetrieveMethod.GET, listener, received);
        return x.execute(() -> a.getAsync(sopClassUid, IdentifierCodec.writer(identifier), x::onPending),
                cancellation);
    }

    @FunctionalInterface
    private interface Start {
        DimseOperation start() throws IOException;
    }

    private RetrieveOutcome execute(Start start, Cancellation cancellation) throws IOException {
        Cancellation c = cancellation != null ? cancellation : new Cancellation();
        DimseOperation op = start.start();
        operation.set(op);
        Runnable hook = this::cancel;
        c.onCancel(hook);
        DimseResponse last;
        try {
            last = op.await();
        } finally {
            c.remove(hook);
        }
        RetrieveProgress p = progress(last);
        listener.progress(p);
        List<String> failed = List.of();
        if (last.hasDataSet()) {
            try {
                failed = last.failedSopInstanceUids();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "{0}: unreadable Failed SOP Instance UID List: {1}",
                        association.label(), e.getMessage());
            }
        }
        return new RetrieveOutcome(method, last.status(), p, failed, cancelled.get(), last.errorComment());
    }

    private void onPending(DimseResponse rsp) {
        listener.progress(progress(rsp));
    }

    private RetrieveProgress progress(DimseResponse rsp) {
        return new RetrieveProgress(rsp.subOperations(CommandTag.NumberOfRemainingSuboperations),
                Math.max(0, rsp.subOperations(CommandTag.NumberOfCompletedSuboperations)),
                Math.max(0, rsp.subOperations(CommandTag.NumberOfFailedSuboperations)),
                Math.max(0, rsp.subOperations(CommandTag.NumberOfWarningSuboperations)), received.getAsInt());
    }

    private void cancel() {
        DimseOperation op = operation.get();
        if (op != null && cancelled.compareAndSet(false, true)) {
            try {
                op.cancel();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "{0}: C-CANCEL not sent: {1}", association.label(),
                        e.getMessage());
            }
        }
    }
}
