package org.lightbox.storage.ui.internal.browser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.storage.LocalNode;

/**
 * The files behind browser rows, as the viewer and the thumbnails need them. Catalog reads: call off the UI
 * thread. Files of another store sharing the catalog are not reachable from here and left out.
 */
final class StudyFiles {

    private static final System.Logger LOG = System.getLogger(StudyFiles.class.getName());

    private final LocalNode node;

    StudyFiles(LocalNode node) {
        this.node = node;
    }

    List<SeriesRecord> series(String studyUid) throws IOException, CatalogException {
        return node.catalog().series(studyUid);
    }

    List<Path> ofSeries(String seriesUid) throws IOException, CatalogException {
        return paths(node.catalog().instancesOfSeries(seriesUid));
    }

    List<Path> ofStudy(String studyUid) throws IOException, CatalogException {
        return paths(node.catalog().instancesOfStudy(studyUid));
    }

    /** The middle image of a series (by instance number), the one a thumbnail shows; {@code null} if none. */
    Path middleOfSeries(String seriesUid) throws IOException, CatalogException {
        List<Path> all = ofSeries(seriesUid);
        return all.isEmpty() ? null : all.get(all.size() / 2);
    }

    private List<Path> paths(List<InstanceFile> files) throws IOException {
        FileStore store = node.fileStore();
        List<Path> out = new ArrayList<>(files.size());
        for (InstanceFile f : files) {
            if (f.file().storeId().equals(store.storeId())) {
                out.add(store.resolve(f.file()));
            } else {
                LOG.log(System.Logger.Level.DEBUG, "{0} is in store {1}, not here", f.sopInstanceUid(),
                        f.file().storeId());
            }
        }
        return out;
    }
}
