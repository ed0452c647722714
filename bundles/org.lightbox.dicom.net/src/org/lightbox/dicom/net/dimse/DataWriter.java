package org.lightbox.dicom.net.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Produces a message's data set, already encoded in the presentation context's transfer syntax, into the
 * P-DATA stream. Writers stream: a file is copied in PDU-sized pieces, never loaded whole.
 */
@FunctionalInterface
public interface DataWriter {

    void writeTo(OutputStream out, String transferSyntax) throws IOException;

    static DataWriter of(byte[] encoded) {
        byte[] copy = encoded.clone();
        return (out, ts) -> out.write(copy);
    }

    /** {@code length} bytes of {@code file} from {@code offset}: typically the data set after a Part 10 meta header. */
    static DataWriter ofFile(Path file, long offset, long length) {
        return new FileRegion(file, offset, length);
    }

    /** A region of a file; the P-DATA writer reads it straight into its PDU buffer. */
    record FileRegion(Path file, long offset, long length) implements DataWriter {
        @Override
        public void writeTo(OutputStream out, String transferSyntax) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(offset);
                byte[] b = new byte[64 * 1024];
                long left = length;
                while (left > 0) {
                    int r = in.read(b, 0, (int) Math.min(b.length, left));
                    if (r < 0) {
                        throw new java.io.EOFException(file + ": ends " + left + " bytes before the expected data set end");
                    }
                    out.write(b, 0, r);
                    left -= r;
                }
            }
        }
    }
}
