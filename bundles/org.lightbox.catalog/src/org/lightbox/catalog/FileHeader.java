package org.lightbox.catalog;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.io.DicomFormatException;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.ReadOptions;

/**
 * The parsed header (the data set up to Pixel Data) of a file of the store, and its transfer syntax: what the store
 * needs to name, place and catalogue the file.
 * <p>
 * Headers are read leniently about odd value lengths: older devices write them, dcmtk reads them, and the store
 * keeps what was sent. Every other damage is refused.
 */
record FileHeader(Attributes dataset, String transferSyntaxUid) {

    private static final ReadOptions HEADER = ReadOptions.headerOnly().withAcceptOddLengths(true);

    /**
     * The header of a reception just written. A network data set (whose structure the storage service checked as it
     * copied it) is parsed from the first bytes the reception kept in memory when they hold the header (up to Pixel
     * Data, or the whole file), otherwise from the file: that saves re-opening and re-reading every received file
     * before its success may be sent. A whole file from the caller (an import) is read from the file and walked to
     * its end, values skipped, so that one cut short is refused without reading its pixel data.
     */
    static FileHeader of(IncomingFile in, long size) throws InvalidInstanceException, IOException {
        try {
            if (in.wholeFile()) {
                return read(in.temporaryPath(), in.origin(), true);
            }
            FileHeader h = fromHead(in, size);
            return h != null ? h : read(in.temporaryPath(), in.origin(), false);
        } catch (DicomFormatException e) {
            throw in.unreadable(e);
        }
    }

    /** The header of a file of the store (for the recovery scan). */
    static FileHeader of(Path file) throws InvalidInstanceException, IOException {
        try {
            return read(file, String.valueOf(file.getFileName()), false);
        } catch (DicomFormatException e) {
            throw new InvalidInstanceException("unreadable DICOM data in " + file.getFileName() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The header parsed from the bytes kept in memory; {@code null} when it goes on past them. */
    private static FileHeader fromHead(IncomingFile in, long size) throws InvalidInstanceException, IOException {
        boolean whole = in.headLength() == size;
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(in.head(), 0, in.headLength()), HEADER)) {
            FileHeader h = parse(r, in.origin());
            if (whole || r.isStopped()) {
                return h;
            }
        } catch (IOException e) {
            if (whole) {
                throw e;
            }
            // the header goes on past the kept bytes: read it from the file
        }
        return null;
    }

    /** The header of a file; with {@code walkToEnd}, the rest is checked too (lengths against the bytes left). */
    private static FileHeader read(Path file, String origin, boolean walkToEnd)
            throws InvalidInstanceException, IOException {
        try (DicomReader r = new DicomReader(file, HEADER)) {
            FileHeader h = parse(r, origin);
            if (walkToEnd && r.isStopped()) {
                r.skipRest();
            }
            return h;
        }
    }

    private static FileHeader parse(DicomReader r, String origin) throws InvalidInstanceException, IOException {
        if (r.readFileMetaInformation() == null) {
            throw new InvalidInstanceException(origin
                    + " is not a DICOM Part 10 file: no preamble and file meta information");
        }
        Attributes ds = r.readDataset();
        String ts = r.transferSyntax().uid();
        if (ts.isEmpty() || ts.length() > 64) {
            throw new InvalidInstanceException(origin + " has no valid Transfer Syntax UID");
        }
        return new FileHeader(ds, ts);
    }
}
