package org.lightbox.dicom.net;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.dicom.net.dimse.CommandTag;
import org.lightbox.dicom.net.dimse.DataWriter;

/**
 * What a C-STORE sends: the instance's identity, the transfer syntax its data set is encoded in, the writer that
 * streams it, and for sub-operations of a C-MOVE the originator's AE title and message id.
 */
public record StoreRequest(String sopClassUid, String sopInstanceUid, String transferSyntax, DataWriter data,
        int priority, String moveOriginatorAeTitle, int moveOriginatorMessageId) {

    public static StoreRequest of(String sopClassUid, String sopInstanceUid, String transferSyntax, DataWriter data) {
        return new StoreRequest(sopClassUid, sopInstanceUid, transferSyntax, data, CommandTag.PRIORITY_MEDIUM, null, -1);
    }

    /**
     * A request for a Part 10 file: identity and transfer syntax from its meta information; the data set after the
     * meta information streams from disk when sent.
     *
     * @throws IOException if the file has no meta information or lacks the SOP class, instance or transfer syntax
     */
    public static StoreRequest ofFile(Path file) throws IOException {
        Attributes meta;
        long offset;
        try (DicomReader r = new DicomReader(file, ReadOptions.headerOnly())) {
            meta = r.readFileMetaInformation();
            offset = r.position();
        }
        if (meta == null) {
            throw new IOException(file + ": not a DICOM Part 10 file (no file meta information)");
        }
        String cuid = meta.getString(0x00020002);
        String iuid = meta.getString(0x00020003);
        String ts = meta.getString(0x00020010);
        if (cuid == null || iuid == null || ts == null) {
            throw new IOException(file + ": file meta information lacks "
                    + (cuid == null ? "(0002,0002) Media Storage SOP Class UID"
                            : iuid == null ? "(0002,0003) Media Storage SOP Instance UID" : "(0002,0010) Transfer Syntax UID"));
        }
        // File.length is one native stat; Files.size runs the attribute-view machinery for every file sent
        long size = file.getFileSystem() == FileSystems.getDefault() ? file.toFile().length() : Files.size(file);
        if (size < offset) {
            throw new IOException(file + ": shorter than its file meta information (" + size + " bytes)");
        }
        return of(cuid, iuid, ts, DataWriter.ofFile(file, offset, size - offset));
    }

    /**
     * The data set of a Part 10 file of {@code size} bytes (known to the caller, e.g. from a catalog): everything
     * after its meta information, whose end the group length (0002,0000) gives, so that only 144 bytes are read
     * before the data streams; a file without the group length is parsed as {@link #ofFile} does.
     */
    public static DataWriter dataSetOf(Path file, long size) throws IOException {
        byte[] head = new byte[144];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, head.length) == head.length && head[128] == 'D' && head[129] == 'I'
                    && head[130] == 'C' && head[131] == 'M' && head[132] == 0x02 && head[133] == 0
                    && head[134] == 0 && head[135] == 0 && head[136] == 'U' && head[137] == 'L') {
                long groupLength = (head[140] & 0xFFL) | (head[141] & 0xFFL) << 8 | (head[142] & 0xFFL) << 16
                        | (head[143] & 0xFFL) << 24;
                long offset = 144 + groupLength;
                if (offset <= size) {
                    return DataWriter.ofFile(file, offset, size - offset);
                }
            }
        }
        return ofFile(file).data();
    }

    public StoreRequest withMoveOriginator(String aeTitle, int messageId) {
        return new StoreRequest(sopClassUid, sopInstanceUid, transferSyntax, data, priority, aeTitle, messageId);
    }
}
