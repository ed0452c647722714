package org.lightbox.query;

/**
 * The sub-operation counts of a C-MOVE or C-GET as the peer last reported them (-1 when it did not say).
 * {@code received} counts the instances stored locally during a C-GET (0 for a C-MOVE: they arrive elsewhere).
 */
public record RetrieveProgress(int remaining, int completed, int failed, int warning, int received) {

    /** Nothing reported yet. */
    public static final RetrieveProgress NONE = new RetrieveProgress(-1, 0, 0, 0, 0);

    /** The total when known: remaining plus done. */
    public int total() {
        return remaining < 0 ? -1 : remaining + completed + failed + warning;
    }

    @Override
    public String toString() {
        return "completed " + completed + ", failed " + failed + ", warning " + warning
                + (remaining >= 0 ? ", remaining " + remaining : "");
    }
}
