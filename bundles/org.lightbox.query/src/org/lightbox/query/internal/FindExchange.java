package org.lightbox.query.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.DimseOperation;
import org.lightbox.dicom.net.dimse.DimseResponse;
import org.lightbox.query.Cancellation;
import org.lightbox.query.FindListener;
import org.lightbox.query.FindOutcome;

/**
 * One C-FIND on an open association: matches stream to the listener as they arrive; the listener's "stop" or a
 * {@link Cancellation} sends C-CANCEL, after which further matches are dropped and the final response awaited.
 */
public final class FindExchange {
    private static final System.Logger LOG = System.getLogger(FindExchange.class.getName());

    private final Association association;
    private final AtomicReference<DimseOperation> operation = new AtomicReference<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicBoolean cancelSent = new AtomicBoolean();
    private final AtomicInteger delivered = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private FindExchange(Association association) {
        this.association = association;
    }

    /**
     * Runs the query and returns how it ended.
     *
     * @throws IOException when the association fails, or a match cannot be decoded (the query is then cancelled)
     */
    public static FindOutcome run(Association a, String sopClassUid, Attributes identifier, FindListener listener,
            Cancellation cancellation) throws IOException {
        return new FindExchange(a).execute(sopClassUid, identifier, listener, cancellation);
    }

    private FindOutcome execute(String sopClassUid, Attributes identifier, FindListener listener,
            Cancellation cancellation) throws IOException {
        Cancellation c = cancellation != null ? cancellation : new Cancellation();
        Runnable hook = this::stop;
        c.onCancel(hook); // before the request goes out: a match that arrives after a cancellation is not delivered
        DimseOperation op;
        try {
            op = association.findAsync(sopClassUid, IdentifierCodec.writer(identifier),
                    rsp -> onPending(rsp, listener));
        } catch (IOException | RuntimeException e) {
            c.remove(hook);
            throw e;
        }
        operation.set(op);
        if (stopped.get()) {
            sendCancel(); // cancelled, or the listener stopped, before the operation was known
        }
        DimseResponse last;
        try {
            last = op.await();
        } finally {
            c.remove(hook);
        }
        Exception f = failure.get();
        if (f instanceof IOException io) {
            throw io;
        }
        if (f instanceof RuntimeException re) {
            throw re;
        }
        return new FindOutcome(last.status(), delivered.get(), stopped.get(), last.errorComment());
    }

    private void onPending(DimseResponse rsp, FindListener listener) {
        if (stopped.get() || !rsp.hasDataSet()) {
            return;
        }
        try {
            Attributes match = IdentifierCodec.read(rsp.dataSet(), rsp.transferSyntax(), association.label());
            delivered.incrementAndGet();
            if (!listener.onMatch(match)) {
                stop();
            }
        } catch (IOException | RuntimeException e) {
            failure.compareAndSet(null, e);
            stop();
        }
    }

    private void stop() {
        stopped.set(true);
        if (operation.get() != null) {
            sendCancel();
        }
    }

    private void sendCancel() {
        if (cancelSent.compareAndSet(false, true)) {
            try {
                operation.get().cancel();
            } catch (IOException e) {
                // the association is gone: the final response will not come and await() reports why
                LOG.log(System.Logger.Level.DEBUG, "{0}: C-CANCEL not sent: {1}", association.label(),
                        e.getMessage());
            }
        }
    }
}
