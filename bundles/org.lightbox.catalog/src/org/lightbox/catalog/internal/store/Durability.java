package org.lightbox.catalog.internal.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Forcing files and directory entries to disk. A rename is durable only once the directory holding the new name
 * is forced; some platforms (Windows) cannot open a directory for that, which is then skipped quietly after the
 * first failure. Also remembers files written but not yet forced, for the BATCH policy.
 */
public final class Durability {

    private static final System.Logger LOG = System.getLogger(Durability.class.getName());

    private volatile boolean directoriesForcible = true;
    private final Set<Path> pendingFiles = new LinkedHashSet<>();
    private final Set<Path> pendingDirectories = new LinkedHashSet<>();

    /** Forces a file's content and size (fdatasync: its times need not be durable). */
    public void forceFile(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(false);
        }
    }

    /** Forces a directory's entries (new, renamed or removed names in it). */
    public void forceDirectory(Path dir) {
        if (!directoriesForcible) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            directoriesForcible = false;
            LOG.log(System.Logger.Level.DEBUG, "this platform cannot force directories ({0}); relying on the "
                    + "file system's own ordering", e.toString());
        }
    }

    /** Remembers a file (and its directories) to force at the next {@link #forcePending}; returns the count. */
    public synchronized int remember(Path file, List<Path> directories) {
        pendingFiles.add(file);
        pendingDirectories.addAll(directories);
        return pendingFiles.size();
    }

    /** Forces every remembered file, then the directories; files deleted meanwhile are skipped. */
    public void forcePending() throws IOException {
        List<Path> files;
        List<Path> dirs;
        synchronized (this) {
            files = new ArrayList<>(pendingFiles);
            dirs = new ArrayList<>(pendingDirectories);
            pendingFiles.clear();
            pendingDirectories.clear();
        }
        for (Path f : files) {
            try {
                forceFile(f);
            } catch (java.nio.file.NoSuchFileException e) {
                // deleted since (a failed index, a replaced duplicate): nothing to force
            }
        }
        for (Path d : dirs) {
            if (d.toFile().isDirectory()) {
                forceDirectory(d);
            }
        }
    }
}
