package org.lightbox.viewer.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.stream.Collectors;

import org.lightbox.dicom.core.io.DicomDump;
import org.lightbox.viewer.SeriesFrame;

/** The text of the Tags view: the dcmdump-style dump of a frame's file, and the lines a filter keeps. */
public final class TagsDump {

    private TagsDump() {
    }

    /** The dump of the file of {@code frame} (header, pixel data by reference), or its error. */
    public static String of(SeriesFrame frame) {
        if (frame == null) {
            return "";
        }
        if (frame.dicomFile() == null) {
            return "# " + frame.file() + "\n# " + frame.error() + "\n";
        }
        StringBuilder sb = new StringBuilder(8192);
        sb.append("# ").append(frame.file()).append('\n');
        try {
            new DicomDump().print(frame.dicomFile(), sb);
        } catch (IOException | UncheckedIOException e) { // bulk data gone from the file since it was opened
            sb.append("\n# dump stopped: ").append(ErrorText.oneLine(e)).append('\n');
        }
        return sb.toString();
    }

    /**
     * The lines of {@code dump} that contain {@code query}, ignoring case (tag "(0010,0010)", keyword, value...);
     * the whole dump for a blank query.
     */
    public static String filter(String dump, String query) {
        if (query == null || query.isBlank()) {
            return dump;
        }
        String q = query.trim().toLowerCase(Locale.ROOT);
        return dump.lines().filter(l -> l.toLowerCase(Locale.ROOT).contains(q))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
