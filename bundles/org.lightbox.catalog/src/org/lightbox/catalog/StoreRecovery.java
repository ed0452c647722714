package org.lightbox.catalog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.lightbox.catalog.internal.index.Values;
import org.lightbox.catalog.internal.store.StorePaths;
import org.lightbox.dicom.core.Tag;

/**
 * The start-up recovery scan of a {@link FileStore}: makes catalog and files agree after a crash. Rows are checked
 * against files (present, same size) first, then every study folder's files against the rows under it, one folder
 * at a time so that memory stays bounded whatever the store's size.
 */
final class StoreRecovery {

    private static final System.Logger LOG = System.getLogger(StoreRecovery.class.getName());
    private static final int REMOVE_BATCH = 500;

    private final FileStore store;
    private final Catalog catalog;
    private final Path root;
    private final ReentrantLock layout;
    private int temps;
    private int rowsRemoved;
    private int indexed;
    private int quarantined;
    private int stale;

    StoreRecovery(FileStore store, ReentrantLock layout) {
        this.store = store;
        this.catalog = store.catalog();
        this.root = store.root();
        this.layout = layout;
    }

    RecoveryReport run(boolean full) throws IOException, CatalogException {
        removeTemporaryFiles();
        if (full) {
            removeRowsWithoutFiles();
            indexFilesWithoutRows();
        }
        RecoveryReport r = new RecoveryReport(full, temps, rowsRemoved, indexed, quarantined, stale);
        if (temps + rowsRemoved + indexed + quarantined + stale > 0) {
            LOG.log(System.Logger.Level.WARNING, "{0}: recovery scan mended {1}", store, r);
        }
        return r;
    }

    private void removeTemporaryFiles() throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root.resolve(StorePaths.INCOMING))) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    Files.deleteIfExists(p);
                    temps++;
                }
            }
        }
    }

    private void removeRowsWithoutFiles() throws CatalogException, IOException {
        List<Long> missing = new ArrayList<>();
        List<Path> truncated = new ArrayList<>();
        try (CatalogCursor<FileRow> rows = catalog.files(store.storeId())) {
            for (FileRow row = rows.next(); row != null; row = rows.next()) {
                Path p = root.resolve(row.path());
                if (!Files.isRegularFile(p)) {
                    LOG.log(System.Logger.Level.WARNING, "recovery scan: {0} is catalogued but its file is missing; "
                            + "its row is removed", p);
                    missing.add(row.instanceKey());
                } else if (Files.size(p) != row.size()) {
                    LOG.log(System.Logger.Level.WARNING, "recovery scan: {0} has {1} of its {2} catalogued bytes; "
                            + "its row is removed and the file quarantined", p, Files.size(p), row.size());
                    missing.add(row.instanceKey());
                    truncated.add(p);
                }
            }
        }
        for (Path p : truncated) {
            quarantine(p); // keep it for a look, away from the store
        }
        for (int from = 0; from < missing.size(); from += REMOVE_BATCH) {
            List<Long> batch = missing.subList(from, Math.min(missing.size(), from + REMOVE_BATCH));
            catalog.remove(batch, "recovery scan: the file was missing or incomplete");
        }
        rowsRemoved = missing.size();
    }

    private void indexFilesWithoutRows() throws IOException, CatalogException {
        List<Path> studies = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && !name.equals(StorePaths.INCOMING) && !name.equals(StorePaths.QUARANTINE)
                        && !name.startsWith(".")) {
                    studies.add(p);
                }
            }
        }
        for (Path study : studies) {
            Set<String> known = catalog.pathsUnder(store.storeId(), study.getFileName() + "/");
            List<Path> files = new ArrayList<>();
            try (var walk = Files.walk(study, 2)) {
                walk.filter(Files::isRegularFile).forEach(files::add);
            }
            for (Path f : files) {
                if (!known.contains(root.relativize(f).toString().replace('\\', '/'))) {
                    recoverFile(f);
                }
            }
        }
    }

    private void recoverFile(Path f) throws IOException, CatalogException {
        if (f.getFileName().toString().endsWith(StorePaths.TEMP_EXTENSION)) {
            Files.deleteIfExists(f);
            temps++;
            return;
        }
        FileHeader h;
        try {
            h = FileHeader.of(f);
        } catch (InvalidInstanceException e) {
            LOG.log(System.Logger.Level.WARNING, "recovery scan: " + e.getMessage() + "; quarantined");
            quarantine(f);
            return;
        }
        String sop = Values.text(h.dataset(), Tag.SOPInstanceUID);
        DuplicatePolicy policy = catalog.settings().duplicatePolicy();
        if (sop != null && policy != DuplicatePolicy.KEEP_BOTH && !catalog.instanceKeys(sop).isEmpty()) {
            // a refused duplicate whose removal was cut short, or the old copy of a replaced one
            FileStore.deleteQuietly(f);
            stale++;
            return;
        }
        String relative = root.relativize(f).toString().replace('\\', '/');
        try {
            StoredFile file = new StoredFile(store.storeId(), relative, Files.size(f), h.transferSyntaxUid(), null);
            if (relative.length() > 512) {
                throw new IllegalArgumentException("path longer than 512 characters");
            }
            catalog.index(h.dataset(), file, DuplicatePolicy.KEEP_BOTH);
            indexed++;
        } catch (InvalidInstanceException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "recovery scan: " + f + ": " + e.getMessage() + "; quarantined");
            quarantine(f);
        }
    }

    private void quarantine(Path f) throws IOException {
        Path target = root.resolve(StorePaths.QUARANTINE).resolve(root.relativize(f));
        layout.lock();
        try {
            Files.createDirectories(target.getParent());
            for (int i = 1; Files.exists(target); i++) {
                target = target.resolveSibling(f.getFileName() + "." + i);
            }
            Files.move(f, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            layout.unlock();
        }
        quarantined++;
    }
}
