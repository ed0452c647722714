package org.lightbox.viewer;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.io.DicomFile;
import org.lightbox.dicom.core.io.DicomFormatException;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.viewer.internal.ErrorText;

/**
 * The images a viewer steps through, opened from files and folders: every DICOM file with Pixel Data, its header
 * read with the pixel data left in the file, multi-frame files expanded to one {@link SeriesFrame} per frame.
 * Sorted by series (number, then UID), then Instance Number, then Image Position (Patient) along the slice normal,
 * then file name and frame. Files that are DICOM but cannot be read stay in as frames that carry their error, so
 * the viewer can say what is wrong; files that are not DICOM, or have no pixel data, are left out.
 * Immutable; {@link #open} does file I/O and belongs off the UI thread.
 */
public final class Series {

    private static final System.Logger LOG = System.getLogger(Series.class.getName());

    /** Reports and cancels {@link #open}. */
    public interface Progress {
        Progress NONE = (done, total) -> false;

        /** Called after each file; return {@code true} to cancel. */
        boolean worked(int filesDone, int filesTotal);
    }

    private final List<SeriesFrame> frames;
    private final int skipped;

    private Series(List<SeriesFrame> frames, int skipped) {
        this.frames = List.copyOf(frames);
        this.skipped = skipped;
    }

    /** Opens {@code paths} (files, or folders walked recursively). */
    public static Series open(List<Path> paths) throws IOException {
        return open(paths, Progress.NONE);
    }

    /**
     * Opens {@code paths}; a file named explicitly that fails to read is kept with its error, a file found in a
     * folder only when it looks like DICOM (Part 10 preamble).
     *
     * @throws CancellationException when {@code progress} cancels
     * @throws IOException when a folder cannot be walked
     */
    public static Series open(List<Path> paths, Progress progress) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Boolean> named = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).sorted().forEach(f -> {
                        files.add(f);
                        named.add(false);
                    });
                }
            } else {
                files.add(p);
                named.add(true);
            }
        }
        List<Entry> entries = new ArrayList<>(files.size());
        int skipped = 0;
        for (int i = 0; i < files.size(); i++) {
            Entry e = read(files.get(i), named.get(i));
            if (e == null) {
                skipped++;
            } else {
                entries.add(e);
            }
            if (progress.worked(i + 1, files.size())) {
                throw new CancellationException("opening images cancelled after " + (i + 1) + " files");
            }
        }
        Collections.sort(entries, ORDER);
        List<SeriesFrame> frames = new ArrayList<>();
        for (Entry e : entries) {
            if (e.dicom == null) {
                frames.add(SeriesFrame.failed(e.file, e.error));
                continue;
            }
            int n = Math.max(1, e.dicom.dataset().getInt(Tag.NumberOfFrames, 1));
            for (int f = 0; f < n; f++) {
                frames.add(SeriesFrame.of(e.file, f, n, e.dicom));
            }
        }
        return new Series(frames, skipped);
    }

    /** A series of frames already read, in the given order (for callers that read the files themselves). */
    public static Series of(List<SeriesFrame> frames) {
        return new Series(frames, 0);
    }

    public List<SeriesFrame> frames() {
        return frames;
    }

    public int size() {
        return frames.size();
    }

    public boolean isEmpty() {
        return frames.isEmpty();
    }

    public SeriesFrame get(int index) {
        return frames.get(index);
    }

    /** Files left out: not DICOM, or without pixel data. */
    public int skippedFiles() {
        return skipped;
    }

    // ------------------------------------------------------------------ reading and sorting

    /** A file's header and its sort keys, or its error. */
    private record Entry(Path file, DicomFile dicom, String error, int seriesNumber, String seriesUid,
            int instanceNumber, double position) {
    }

    private static Entry read(Path file, boolean named) {
        DicomFile d;
        try {
            // bulk data by reference: pixel data (and large overlays, LUTs) stay in the file until asked for
            d = DicomReader.readFile(file, ReadOptions.DEFAULT.withAcceptOddLengths(true));
        } catch (IOException | RuntimeException e) {
            if (named || (e instanceof DicomFormatException && hasPreamble(file))) {
                return new Entry(file, null, ErrorText.oneLine(e), Integer.MAX_VALUE, "", Integer.MAX_VALUE, Double.NaN);
            }
            LOG.log(Level.DEBUG, "not a DICOM file, skipped: {0} ({1})", file, e.getMessage());
            return null;
        }
        Attributes a = d.dataset();
        if (!a.contains(Tag.PixelData)) {
            LOG.log(Level.DEBUG, "no pixel data, skipped: {0}", file);
            return null;
        }
        return new Entry(file, d, null, a.getInt(Tag.SeriesNumber, Integer.MAX_VALUE),
                a.getString(Tag.SeriesInstanceUID, ""), a.getInt(Tag.InstanceNumber, Integer.MAX_VALUE),
                positionAlongNormal(a));
    }

    private static boolean hasPreamble(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(132);
            return b.length == 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
        } catch (IOException e) {
            return false;
        }
    }

    /** Image Position (Patient) projected on the normal of Image Orientation (Patient); NaN when absent. */
    static double positionAlongNormal(Attributes a) {
        double[] pos = a.getDoubles(Tag.ImagePositionPatient);
        double[] o = a.getDoubles(Tag.ImageOrientationPatient);
        if (pos == null || pos.length < 3 || o == null || o.length < 6) {
            return Double.NaN;
        }
        double nx = o[1] * o[5] - o[2] * o[4];
        double ny = o[2] * o[3] - o[0] * o[5];
        double nz = o[0] * o[4] - o[1] * o[3];
        return pos[0] * nx + pos[1] * ny + pos[2] * nz;
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingInt(Entry::seriesNumber)
            .thenComparing(Entry::seriesUid).thenComparingInt(Entry::instanceNumber)
            .thenComparing((x, y) -> Double.isNaN(x.position) || Double.isNaN(y.position) ? 0
                    : Double.compare(x.position, y.position))
            .thenComparing(e -> e.file.getFileName().toString()).thenComparing(Entry::file);
}
