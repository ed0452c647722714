package org.lightbox.viewer;

import java.nio.file.Path;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.io.DicomFile;

/**
 * One displayable frame of a {@link Series}: frame {@code frame} of {@code file}, with the file's header (read with
 * pixel data left in the file by reference), or the one-line reason the file could not be read. Frames of one
 * multi-frame file share the same {@link DicomFile}. Identity is object identity: a frame is a cache key.
 */
public final class SeriesFrame {

    private final Path file;
    private final int frame;
    private final int frameCount;
    private final DicomFile dicom;
    private final String error;

    private SeriesFrame(Path file, int frame, int frameCount, DicomFile dicom, String error) {
        this.file = file;
        this.frame = frame;
        this.frameCount = frameCount;
        this.dicom = dicom;
        this.error = error;
    }

    static SeriesFrame of(Path file, int frame, int frameCount, DicomFile dicom) {
        return new SeriesFrame(file, frame, frameCount, dicom, null);
    }

    static SeriesFrame failed(Path file, String error) {
        return new SeriesFrame(file, 0, 1, null, error);
    }

    public Path file() {
        return file;
    }

    /** The 0-based frame index within the file. */
    public int frame() {
        return frame;
    }

    /** Number of frames of the file. */
    public int frameCount() {
        return frameCount;
    }

    /** The file as read (meta information, data set, transfer syntax); {@code null} when it failed. */
    public DicomFile dicomFile() {
        return dicom;
    }

    /** The data set; {@code null} when the file failed. Shared, do not modify. */
    public Attributes dataset() {
        return dicom == null ? null : dicom.dataset();
    }

    public TransferSyntax transferSyntax() {
        return dicom == null ? null : dicom.transferSyntax();
    }

    /** Why the file could not be read (one line), or {@code null}. */
    public String error() {
        return error;
    }

    @Override
    public String toString() {
        return file.getFileName() + (frameCount > 1 ? " frame " + (frame + 1) + "/" + frameCount : "")
                + (error != null ? " (" + error + ")" : "");
    }
}
