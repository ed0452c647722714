package org.lightbox.dicom.core;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * A value left in its file: {@code length} bytes at {@code offset} of {@code file}, in the byte order of the data
 * set that holds the reference. The reader creates these for pixel data and other large binary values so that a
 * header-only parse never reads them; the value is read only when asked for.
 */
public record BulkDataReference(Path file, long offset, long length) {

    public BulkDataReference {
        Objects.requireNonNull(file, "file");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
    }

    /** Reads the whole value. Fails for values of 2 GiB or more, which do not fit one array. */
    public byte[] readBytes() throws IOException {
        if (length > Integer.MAX_VALUE - 8) {
            throw new IOException("bulk data of " + length + " bytes in " + file + " is too large for one array");
        }
        return readBytes(0, (int) length);
    }

    /** Reads {@code count} bytes starting {@code from} bytes into the value. */
    public byte[] readBytes(long from, int count) throws IOException {
        if (from < 0 || count < 0 || from + count > length) {
            throw new IndexOutOfBoundsException("range " + from + "+" + count + " outside value of " + length);
        }
        byte[] b = new byte[count];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer bb = ByteBuffer.wrap(b);
            long pos = offset + from;
            while (bb.hasRemaining()) {
                int n = ch.read(bb, pos);
                if (n < 0) {
                    throw new EOFException(file + " ends before the end of the value at offset " + offset);
                }
                pos += n;
            }
        }
        return b;
    }
}
