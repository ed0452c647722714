package org.lightbox.storage.ui.internal.browser;

import org.eclipse.jface.viewers.Viewer;
import org.eclipse.jface.viewers.ViewerComparator;
import org.lightbox.catalog.SeriesRecord;

/**
 * Sorts each level of the tree by the chosen column; series without a value in it keep the catalog's order (by
 * series number). Starts with the most recent studies first.
 */
final class BrowserSorter extends ViewerComparator {

    private BrowserColumn column = BrowserColumn.STUDY_DATE;
    private boolean ascending;

    BrowserColumn column() {
        return column;
    }

    boolean ascending() {
        return ascending;
    }

    /** Sorts by {@code c}; choosing the same column again reverses the order. */
    void sortBy(BrowserColumn c) {
        if (c == column) {
            ascending = !ascending;
        } else {
            column = c;
            ascending = true;
        }
    }

    @Override
    public int compare(Viewer viewer, Object a, Object b) {
        if (a instanceof SeriesRecord && b instanceof SeriesRecord && column.text(a).isEmpty()
                && column.text(b).isEmpty()) {
            return 0; // the catalog's order: the tree sort is stable
        }
        int c = column.compare(a, b);
        return ascending ? c : -c;
    }
}
