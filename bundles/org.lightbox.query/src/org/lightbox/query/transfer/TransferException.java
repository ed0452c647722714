package org.lightbox.query.transfer;

/**
 * A job attempt failed. When not {@linkplain #retryable() retryable} (a malformed request, an unknown study) the
 * job fails at once; otherwise the queue tries again later.
 */
public class TransferException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public TransferException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public TransferException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
