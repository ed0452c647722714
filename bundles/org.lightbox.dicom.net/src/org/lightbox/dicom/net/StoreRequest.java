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

    public StoreRequest withMoveOriginator(String aeTitle, int messageId) {
        return new StoreRequest(sopClassUid, sopInstanceUid, transferSyntax, data, priority, aeTitle, messageId);
    }
}
