package org.lightbox.storage;

/**
 * Watches a {@link Node}. Called on the node's threads (an association's, the auto-delete scheduler's): keep it
 * short and hand work to another thread (e.g. the UI thread). An exception thrown here is logged and ignored.
 */
@FunctionalInterface
public interface NodeListener {

    void onEvent(NodeEvent event);
}
