package org.lightbox.viewer.internal;

/** Failures as the canvas shows them: one line, no stack, no exception class unless there is no message. */
public final class ErrorText {

    private ErrorText() {
    }

    public static String oneLine(Throwable e) {
        String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
