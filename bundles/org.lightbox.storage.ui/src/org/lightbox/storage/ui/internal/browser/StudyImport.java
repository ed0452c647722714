package org.lightbox.storage.ui.internal.browser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.DuplicateInstanceException;
import org.lightbox.catalog.FileStore;
import org.lightbox.storage.LocalNode;

/**
 * Imports files and folders (walked recursively) into the node's store and catalog, as {@code lightbox import}
 * does: Part 10 files are copied unchanged, other files skipped, DICOMDIRs skipped (their images are imported as
 * files of the folder). A job with progress per file; canceling keeps what was imported so far.
 */
final class StudyImport extends Job {

    private static final System.Logger LOG = System.getLogger(StudyImport.class.getName());
    private static final String PLUGIN = "org.lightbox.storage.ui";

    /** The counts of an import, for the summary. */
    static final class Tally {
        volatile int imported;
        volatile int duplicates;
        volatile int skipped;
        volatile int failed;
        final List<String> failures = new ArrayList<>();

        String summary() {
            return String.format("Imported %d file(s); %d already stored, %d not DICOM, %d failed", imported,
                    duplicates, skipped, failed);
        }
    }

    private final LocalNode node;
    private final List<Path> roots;
    private final Runnable imported;
    private final Tally tally = new Tally();

    /** {@code imported} runs (on the job's thread) after each file stored: the browser refreshes, coalesced. */
    StudyImport(LocalNode node, List<Path> roots, Runnable imported) {
        super("Importing " + describe(roots));
        this.node = node;
        this.roots = List.copyOf(roots);
        this.imported = imported;
        setUser(true);
    }

    private static String describe(List<Path> roots) {
        return roots.size() == 1 ? String.valueOf(roots.get(0).getFileName()) : roots.size() + " files and folders";
    }

    Tally tally() {
        return tally;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, getName(), 100);
        List<Path> files = new ArrayList<>();
        try {
            for (Path root : roots) {
                collect(root, files, progress);
            }
        } catch (IOException e) {
            return new Status(IStatus.ERROR, PLUGIN, "cannot list the files to import: " + e.getMessage(), e);
        }
        if (progress.isCanceled()) {
            return Status.CANCEL_STATUS;
        }
        progress.worked(5);
        FileStore store;
        try {
            store = node.fileStore();
        } catch (IOException e) {
            return new Status(IStatus.ERROR, PLUGIN, "cannot open the store: " + e.getMessage(), e);
        }
        SubMonitor each = progress.split(95).setWorkRemaining(files.size());
        for (Path f : files) {
            if (each.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            each.subTask(f.getFileName().toString());
            importOne(store, f);
            each.worked(1);
        }
        if (tally.failed > 0) {
            return new Status(IStatus.WARNING, PLUGIN, tally.summary() + "\n" + String.join("\n", firstFailures()));
        }
        return new Status(IStatus.OK, PLUGIN, tally.summary());
    }

    List<String> firstFailures() {
        synchronized (tally.failures) {
            return new ArrayList<>(tally.failures.subList(0, Math.min(10, tally.failures.size())));
        }
    }

    private static void collect(Path root, List<Path> out, IProgressMonitor monitor) throws IOException {
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                Iterator<Path> it = walk.filter(Files::isRegularFile).sorted().iterator();
                while (it.hasNext() && !monitor.isCanceled()) {
                    out.add(it.next());
                }
            }
        } else if (Files.isRegularFile(root)) {
            out.add(root);
        } else {
            throw new IOException(root + ": no such file or folder");
        }
    }

    private void importOne(FileStore store, Path f) {
        try {
            if (f.getFileName().toString().equalsIgnoreCase("DICOMDIR") || !isPart10(f)) {
                tally.skipped++;
                return;
            }
            store.importFile(f);
            tally.imported++;
            imported.run();
        } catch (DuplicateInstanceException e) {
            tally.duplicates++;
        } catch (CatalogException | IOException | RuntimeException e) {
            tally.failed++;
            LOG.log(System.Logger.Level.WARNING, "import of " + f + " failed: " + e.getMessage());
            synchronized (tally.failures) {
                tally.failures.add(f + ": " + e.getMessage());
            }
        }
    }

    /** True when the file starts with the Part 10 preamble and "DICM". */
    static boolean isPart10(Path f) throws IOException {
        byte[] head = new byte[132];
        try (InputStream in = Files.newInputStream(f)) {
            if (in.readNBytes(head, 0, 132) < 132) {
                return false;
            }
        }
        return head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    }
}
