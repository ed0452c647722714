package org.lightbox.storage.ui.internal.browser;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.swt.graphics.ImageData;
import org.lightbox.catalog.SeriesRecord;

/**
 * Rendered thumbnails by series, least recently used dropped first. A series that gains images gets a new
 * thumbnail (its middle image moved). Device-independent image data, so it outlives the widgets. Thread-safe.
 */
final class ThumbnailCache {

    private final Map<String, ImageData> images;

    ThumbnailCache(int capacity) {
        images = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ImageData> eldest) {
                return size() > capacity;
            }
        };
    }

    private static String key(SeriesRecord s) {
        return s.seriesUid() + "/" + s.numberOfInstances();
    }

    synchronized ImageData get(SeriesRecord s) {
        return images.get(key(s));
    }

    synchronized void put(SeriesRecord s, ImageData d) {
        images.put(key(s), d);
    }

    synchronized int size() {
        return images.size();
    }
}
