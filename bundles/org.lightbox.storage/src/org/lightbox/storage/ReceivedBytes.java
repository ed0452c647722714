package org.lightbox.storage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * Counts the bytes the node has stored per calling AE title since it was attached: what a C-MOVE to the node
 * brought, for the transfer queue's progress (those instances arrive on the node's associations, not on the
 * retrieve's own).
 */
public final class ReceivedBytes implements NodeListener, ToLongFunction<String> {
    private final Map<String, LongAdder> byCaller = new ConcurrentHashMap<>();

    @Override
    public void onEvent(NodeEvent event) {
        if (event instanceof NodeEvent.InstanceReceived r && r.callingAet() != null) {
            byCaller.computeIfAbsent(r.callingAet(), k -> new LongAdder()).add(r.bytes());
        }
    }

    /** Bytes received from {@code callingAet} so far. */
    @Override
    public long applyAsLong(String callingAet) {
        LongAdder a = callingAet == null ? null : byCaller.get(callingAet);
        return a == null ? 0 : a.sum();
    }
}
