package org.lightbox.storage.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.lightbox.dicom.net.Association;
import org.lightbox.dicom.net.AssociationAbortedException;
import org.lightbox.dicom.net.AssociationListener;
import org.lightbox.dicom.net.DimseService;

/**
 * The seed's per-caller rule: a second association from the same calling AE title is accepted, but its requests
 * wait until every earlier association from that AE title has ended. Associations queue per calling AE title in
 * the order their connections arrived; {@link #serialise} wraps a service so that it waits for its association's turn.
 * A request waiting here holds the association's reading thread, so the caller's data simply stops flowing (TCP
 * flow control) until it is its turn.
 */
public final class CallerQueue implements AssociationListener {

    private final Map<String, Deque<Association>> queues = new HashMap<>();

    @Override
    public void accepted(Association a) {
        if (a.isRequestor()) {
            return;
        }
        synchronized (queues) {
            // in the order the connections arrived: two associations' "accepted" events may come in either order
            Deque<Association> q = queues.computeIfAbsent(a.callingAeTitle(), k -> new ArrayDeque<>());
            List<Association> later = new ArrayList<>();
            while (!q.isEmpty() && q.peekLast().serial() > a.serial()) {
                later.add(0, q.pollLast());
            }
            q.addLast(a);
            q.addAll(later);
            queues.notifyAll();
        }
    }

    @Override
    public void released(Association a) {
        ended(a);
    }

    @Override
    public void aborted(Association a, AssociationAbortedException cause) {
        ended(a);
    }

    private void ended(Association a) {
        if (a.isRequestor() || a.request() == null) {
            return;
        }
        synchronized (queues) {
            Deque<Association> q = queues.get(a.callingAeTitle());
            if (q != null) {
                q.remove(a);
                if (q.isEmpty()) {
                    queues.remove(a.callingAeTitle());
                }
            }
            queues.notifyAll();
        }
    }

    /** Blocks until no earlier association of the same caller is still open. */
    public void awaitTurn(Association a) throws IOException {
        synchronized (queues) {
            while (true) {
                Deque<Association> q = queues.get(a.callingAeTitle());
                if (q == null || q.peekFirst() == a || !q.contains(a)) {
                    return;
                }
                try {
                    queues.wait(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException(a.label() + ": interrupted waiting for an earlier association of "
                            + a.callingAeTitle() + " to end");
                }
            }
        }
    }

    /** How many associations of {@code callingAet} are open (the first one served, the others waiting). */
    public int queued(String callingAet) {
        synchronized (queues) {
            Deque<Association> q = queues.get(callingAet);
            return q == null ? 0 : q.size();
        }
    }

    /** {@code service}, waiting for the association's turn first. */
    public DimseService serialise(DimseService service) {
        return rq -> {
            awaitTurn(rq.association());
            service.onRequest(rq);
        };
    }
}
