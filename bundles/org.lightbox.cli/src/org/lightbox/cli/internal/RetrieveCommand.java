package org.lightbox.cli.internal;

import java.io.PrintStream;

import org.lightbox.query.RetrieveListener;
import org.lightbox.query.RetrieveOutcome;
import org.lightbox.query.RetrieveProgress;

/** What {@code move} and {@code get} share: progress lines (at most one a second) and the summary. */
final class RetrieveCommand {

    private RetrieveCommand() {
    }

    /** Prints the sub-operation counts to {@code err} when they change, throttled. */
    static RetrieveListener progress(PrintStream err, String what) {
        return new RetrieveListener() {
            private long last;

            @Override
            public synchronized void progress(RetrieveProgress p) {
                long now = System.nanoTime();
                if (p.remaining() > 0 && now - last > 1_000_000_000L) {
                    last = now;
                    err.println(what + ": " + p);
                }
            }

            @Override
            public void refused(String sopInstanceUid, String reason) {
                err.println(what + ": " + sopInstanceUid + " not stored: " + reason);
            }
        };
    }

    /** Prints the summary; exit status 0 when everything arrived, else 1 with the reason. */
    static int finish(RetrieveOutcome o, String what, PrintStream out, PrintStream err) {
        out.println(what + ": " + o.describe());
        if (!o.failedSopInstanceUids().isEmpty()) {
            err.println(what + ": failed instances " + String.join(", ", o.failedSopInstanceUids()));
        }
        if (o.complete()) {
            return 0;
        }
        err.println(what + ": incomplete: " + o.status() + (o.errorComment() != null ? " (" + o.errorComment()
                + ")" : ""));
        return 1;
    }
}
