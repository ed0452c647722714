package org.lightbox.catalog.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.lightbox.catalog.Pin;
import org.lightbox.catalog.StudyInUseException;

/**
 * Which studies are being read or sent (pinned, counted) and which are being deleted, in this process. A study is
 * never both: pinning a study under deletion fails, and deletion claims only unpinned studies. The check and the
 * claim are one synchronized step, so a retrieve cannot slip in between.
 */
public final class PinRegistry {

    private final Map<String, Integer> pins = new HashMap<>();
    private final Set<String> deleting = new HashSet<>();

    public synchronized Pin pin(String studyUid) throws StudyInUseException {
        if (deleting.contains(studyUid)) {
            throw new StudyInUseException(studyUid, "is being deleted");
        }
        pins.merge(studyUid, 1, Integer::sum);
        return new Pin() {
            private boolean closed;

            @Override
            public String studyUid() {
                return studyUid;
            }

            @Override
            public void close() {
                synchronized (PinRegistry.this) {
                    if (!closed) {
                        closed = true;
                        pins.computeIfPresent(studyUid, (k, n) -> n == 1 ? null : n - 1);
                    }
                }
            }
        };
    }

    public synchronized boolean isPinned(String studyUid) {
        return pins.containsKey(studyUid);
    }

    /** Marks an unpinned study as being deleted until the returned claim is closed. */
    public synchronized AutoCloseableClaim claimForDeletion(String studyUid) throws StudyInUseException {
        if (pins.containsKey(studyUid)) {
            throw new StudyInUseException(studyUid, "is pinned: it is being read or sent");
        }
        if (!deleting.add(studyUid)) {
            throw new StudyInUseException(studyUid, "is already being deleted");
        }
        return () -> {
            synchronized (PinRegistry.this) {
                deleting.remove(studyUid);
            }
        };
    }

    /** A claim released without exceptions. */
    public interface AutoCloseableClaim extends AutoCloseable {
        @Override
        void close();
    }
}
