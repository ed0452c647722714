package org.lightbox.storage.ui.internal.browser;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StudyRecord;

/**
 * The tree of a {@link BrowserSnapshot}: patients, their studies, the studies' series. Series come lazily: a
 * study whose series are not read yet shows a placeholder and asks {@code wantSeries} to read them off the UI
 * thread. The viewer's input is only a token: {@link #show} changes what it lists.
 */
final class BrowserContent implements ITreeContentProvider {

    private static final Object[] NONE = {};

    private final Consumer<String> wantSeries;
    private BrowserSnapshot snapshot = BrowserSnapshot.EMPTY;

    BrowserContent(Consumer<String> wantSeries) {
        this.wantSeries = wantSeries;
    }

    /** Shows another answer without resetting the tree (the viewer is refreshed by the caller). */
    void show(BrowserSnapshot s) {
        snapshot = s;
    }

    BrowserSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public Object[] getElements(Object input) {
        return snapshot.patients().toArray();
    }

    @Override
    public Object[] getChildren(Object parent) {
        if (parent instanceof PatientGroup p) {
            return p.studies().toArray();
        }
        if (parent instanceof StudyRecord s) {
            List<SeriesRecord> series = snapshot.series(s.studyUid());
            if (series == null) {
                wantSeries.accept(s.studyUid());
                return new Object[] { new PendingSeries(s.studyUid()) };
            }
            return series.toArray();
        }
        return NONE;
    }

    @Override
    public Object getParent(Object element) {
        String studyUid = element instanceof SeriesRecord se ? se.studyUid()
                : element instanceof PendingSeries ps ? ps.studyUid() : null;
        if (studyUid != null) {
            return snapshot.study(studyUid);
        }
        if (element instanceof StudyRecord s) {
            String key = PatientGroup.keyOf(s);
            for (PatientGroup p : snapshot.patients()) {
                if (p.key().equals(key)) {
                    return p;
                }
            }
        }
        return null;
    }

    @Override
    public boolean hasChildren(Object element) {
        return element instanceof PatientGroup || element instanceof StudyRecord;
    }

    /** Rows are the same row across refreshes when their DICOM identity is: expansion and selection survive. */
    static final class Identity implements IElementComparer {
        @Override
        public boolean equals(Object a, Object b) {
            return a == b || (a != null && b != null && a.getClass() == b.getClass() && key(a).equals(key(b)));
        }

        @Override
        public int hashCode(Object element) {
            return key(element).hashCode();
        }

        private static Object key(Object e) {
            if (e instanceof PatientGroup p) {
                return p.key();
            }
            if (e instanceof StudyRecord s) {
                return s.studyUid();
            }
            if (e instanceof SeriesRecord se) {
                return se.seriesUid();
            }
            return e;
        }
    }
}
