package org.lightbox.cli;

/** Thrown by a {@link Command} when its arguments are wrong; the launcher prints the message and the usage. */
public class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
