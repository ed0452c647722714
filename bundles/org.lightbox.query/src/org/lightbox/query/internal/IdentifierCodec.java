package org.lightbox.query.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.io.DicomFormatException;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.dicom.net.dimse.DataWriter;

/** Request identifiers out, response identifiers in, in the presentation context's transfer syntax. */
public final class IdentifierCodec {

    private IdentifierCodec() {
    }

    /** Encodes {@code identifier} when the request is sent. */
    public static DataWriter writer(Attributes identifier) {
        return (out, ts) -> {
            DicomWriter w = new DicomWriter(out, 4096);
            w.writeDataset(identifier, TransferSyntax.of(ts));
            w.flush(); // never close: it is the association's P-DATA stream
        };
    }

    /**
     * Decodes a response identifier.
     *
     * @throws IOException naming the association and the problem when the peer sent a malformed identifier
     */
    public static Attributes read(byte[] data, String transferSyntax, String where) throws IOException {
        try {
            return DicomReader.readDataset(new ByteArrayInputStream(data), TransferSyntax.of(transferSyntax),
                    ReadOptions.DEFAULT.withBulkDataByReference(false));
        } catch (DicomFormatException e) {
            throw new IOException(where + ": malformed response identifier: " + e.getMessage(), e);
        }
    }
}
