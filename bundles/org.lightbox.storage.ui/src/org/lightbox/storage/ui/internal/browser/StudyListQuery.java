package org.lightbox.storage.ui.internal.browser;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogCursor;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.FindQuery;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StudyRecord;

/**
 * Reads what the browser shows from the catalog (off the UI thread): the studies the search matches, grouped by
 * patient, and the series of the studies the user has open, reusing those of studies that did not change.
 */
final class StudyListQuery {

    /** More than this many studies are not listed: narrow the search. */
    static final int MAX_STUDIES = 20_000;

    private StudyListQuery() {
    }

    /**
     * @param open     Study Instance UIDs whose series are wanted (the expanded studies)
     * @param previous the snapshot shown now (its series are reused when their study is unchanged)
     * @param canceled polled between rows; a canceled read returns {@code null}
     */
    static BrowserSnapshot read(Catalog catalog, StudySearch search, Collection<String> open, BrowserSnapshot previous,
            BooleanSupplier canceled) throws CatalogException {
        FindQuery q = search.query();
        FindQuery limited = new FindQuery(q.model(), q.level(), q.keys(), q.options().withLimit(MAX_STUDIES));
        List<StudyRecord> studies = new ArrayList<>();
        Map<String, StudyRecord> byUid = new HashMap<>();
        try (CatalogCursor<StudyRecord> c = catalog.studies(limited)) {
            for (StudyRecord s = c.next(); s != null; s = c.next()) {
                if (canceled.getAsBoolean()) {
                    return null;
                }
                studies.add(s);
                byUid.put(s.studyUid(), s);
            }
        }
        Map<String, List<SeriesRecord>> series = new HashMap<>(previous.seriesStillValid(byUid));
        for (String uid : open) {
            if (byUid.containsKey(uid) && !series.containsKey(uid)) {
                if (canceled.getAsBoolean()) {
                    return null;
                }
                series.put(uid, catalog.series(uid));
            }
        }
        return BrowserSnapshot.of(studies, series);
    }
}
