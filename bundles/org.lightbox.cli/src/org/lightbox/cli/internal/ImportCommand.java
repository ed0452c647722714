package org.lightbox.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.DuplicateInstanceException;
import org.lightbox.catalog.InvalidInstanceException;
import org.lightbox.catalog.StoredInstance;
import org.lightbox.cli.Command;
import org.lightbox.cli.UsageException;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.LightboxHome;
import org.lightbox.storage.NodeStorage;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lightbox import [--home DIR] FILE|DIR...}: copies DICOM Part 10 files into the node's store and catalog
 * unchanged (folders walked recursively), one line per file that fails, a progress line every few seconds (on
 * stderr), and a summary line. The node must not be running on the same data folder: it holds the store (send to
 * it with {@code lightbox store} instead).
 */
@Component(service = Command.class)
public final class ImportCommand implements Command {

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "add DICOM files to the local catalog and store";
    }

    @Override
    public String usage() {
        return "usage: lightbox import [--home DIR] FILE|DIR...\n"
                + "  --home DIR   the data folder (default: $LIGHTBOX_HOME or ~/.lightbox)\n"
                + "  Files are copied as they are (Part 10 files only); folders are walked recursively.\n"
                + "  Stop a node running on the same data folder first, or send to it with 'lightbox store'.";
    }

    /** The counts of one import. */
    static final class Tally {
        int imported;
        int duplicates;
        int refused;
        int skipped;
        int failed;
        long bytes;

        String summary() {
            return String.format("imported %d file(s), %.1f MB; %d already stored, %s%d skipped (not DICOM), %d failed",
                    imported, bytes / 1e6, duplicates, refused == 0 ? "" : refused
                            + " refused (another copy is stored and duplicates are rejected), ", skipped, failed);
        }

        String progress(int done, int total) {
            return String.format("import: %d of %d file(s) done, %d imported (%.1f MB)", done, total, imported,
                    bytes / 1e6);
        }
    }

    /** A progress line on stderr at most this often, so that a long import shows it is moving (tests lower it). */
    static long progressNanos = 5_000_000_000L;

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        String home = null;
        List<Path> roots = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--home")) {
                home = NodeCommand.value(args, ++i, a);
            } else if (a.startsWith("-") && a.length() > 1) {
                throw new UsageException("unknown option " + a);
            } else {
                roots.add(Path.of(a));
            }
        }
        if (roots.isEmpty()) {
            throw new UsageException("no file or folder given");
        }
        LightboxHome h = home == null ? LightboxHome.current() : NodeCommand.homeAt(home);
        DeviceConfiguration config = new ConfigurationStore(h).load();
        Tally t = new Tally();
        NodeStorage.derbyLogIn(h);
        try (NodeStorage storage = NodeStorage.open(h, config.storage(),
                NodeStorage.loadDriver(NodeStorage.catalogLocation(h, config.storage())))) {
            List<Path> files = new ArrayList<>();
            for (Path root : roots) {
                files.addAll(files(root, err, t));
            }
            long shown = System.nanoTime();
            for (int i = 0; i < files.size(); i++) {
                importOne(storage, files.get(i), t, err);
                if (System.nanoTime() - shown >= progressNanos) {
                    err.println(t.progress(i + 1, files.size()));
                    shown = System.nanoTime();
                }
            }
        }
        out.println(t.summary());
        return t.failed > 0 ? 1 : 0;
    }

    private static void importOne(NodeStorage storage, Path f, Tally t, PrintStream err) {
        try {
            if (f.getFileName().toString().equalsIgnoreCase("DICOMDIR") || !isPart10(f)) {
                t.skipped++;
                return;
            }
            StoredInstance s = storage.fileStore().importFile(f);
            t.imported++;
            t.bytes += s.file().size();
        } catch (DuplicateInstanceException e) {
            if (e.isIdentical()) {
                t.duplicates++;
            } else {
                t.refused++;
            }
        } catch (InvalidInstanceException e) {
            err.println(f + ": " + e.getMessage());
            t.failed++;
        } catch (CatalogException | IOException e) {
            err.println(f + ": cannot import: " + e.getMessage());
            t.failed++;
        }
    }

    /** True when the file has the Part 10 preamble and "DICM" prefix (read without copying anything). */
    static boolean isPart10(Path f) throws IOException {
        byte[] head = new byte[132];
        try (InputStream in = Files.newInputStream(f)) {
            if (in.readNBytes(head, 0, 132) < 132) {
                return false;
            }
        }
        return head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
    }

    private static List<Path> files(Path root, PrintStream err, Tally t) throws IOException {
        try {
            return InputFiles.under(root);
        } catch (NoSuchFileException e) {
            err.println(e.getMessage());
            t.failed++;
            return List.of();
        }
    }
}
