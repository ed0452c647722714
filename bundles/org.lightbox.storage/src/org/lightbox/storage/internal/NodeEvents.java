package org.lightbox.storage.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.lightbox.storage.NodeEvent;
import org.lightbox.storage.NodeListener;

/** The node's listeners; a failing listener is logged and never disturbs the service that reported. */
public final class NodeEvents {
    private static final System.Logger LOG = System.getLogger(NodeEvents.class.getName());

    private final List<NodeListener> listeners = new CopyOnWriteArrayList<>();

    public void add(NodeListener l) {
        listeners.add(l);
    }

    public void remove(NodeListener l) {
        listeners.remove(l);
    }

    public void fire(NodeEvent e) {
        for (NodeListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException x) {
                LOG.log(System.Logger.Level.WARNING, "node listener " + l.getClass().getName() + " failed", x);
            }
        }
    }
}
