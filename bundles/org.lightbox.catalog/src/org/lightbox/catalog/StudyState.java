package org.lightbox.catalog;

/** Where a study is in its life on this node; auto-delete rules may require a state. */
public enum StudyState {
    /** Received (or changed by a newly received instance) and not sent on since. */
    RECEIVED,
    /** Sent to another node by the transfer queue. */
    SENT,
    /** Sent, and the receiver confirmed it took over the instances (storage commitment). */
    COMMITTED
}
