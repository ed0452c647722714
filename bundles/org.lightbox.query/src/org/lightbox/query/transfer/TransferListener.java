package org.lightbox.query.transfer;

/**
 * Watches the transfer queue: called after a job was submitted, changed state or made progress (after every
 * instance). Called on queue threads: a UI coalesces the updates and hands them over to its own thread; no listener
 * may block.
 */
@FunctionalInterface
public interface TransferListener {

    void jobChanged(TransferJob job);
}
