package org.lightbox.dicom.core.io;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * The reader's input: a buffer over a file channel (which can skip bulk data without reading it, and knows how
 * many bytes remain) or over a stream. The parser works on {@link #buf} between {@link #pos} and {@link #lim}
 * directly: one bounds check per header instead of a virtual call per byte.
 */
final class ByteSource implements Closeable {

    private static final int BUFFER_SIZE = 16 * 1024;
    /** Values longer than this are read from a stream in chunks, so a lying length cannot allocate much. */
    static final int CHUNK = 64 * 1024;

    byte[] buf;
    int pos;
    int lim;
    /** Stream position of buf[0]. */
    private long bufStart;

    private final FileChannel channel;
    private InputStream in;
    /** Total input size, or -1 when unknown (a stream, or data being inflated). */
    private long size;
    private long bytesRead;

    ByteSource(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            this.size = channel.size();
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        // a small file fits the buffer, so a header-only parse costs a single read
        this.buf = new byte[(int) Math.max(256, Math.min(BUFFER_SIZE, size))];
    }

    ByteSource(InputStream in) {
        this.channel = null;
        this.in = in;
        this.size = -1;
        this.buf = new byte[BUFFER_SIZE];
    }

    long position() {
        return bufStart + pos;
    }

    /** Bytes left before the end of input; {@code Long.MAX_VALUE} when the input's size is unknown. */
    long remaining() {
        return size < 0 ? Long.MAX_VALUE : size - position();
    }

    /** True when the input's size is known, so lengths can be checked against it before allocating. */
    boolean sizeKnown() {
        return size >= 0;
    }

    /** Bytes taken from the file or stream so far (skipped bulk data not counted). */
    long bytesRead() {
        return bytesRead;
    }

    int available() {
        return lim - pos;
    }

    /** Makes {@code n} (at most the buffer size) bytes available at {@link #pos}; false when input ends first. */
    boolean ensure(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            bufStart += pos;
            lim -= pos;
            pos = 0;
        }
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, BUFFER_SIZE));
        }
        while (lim < n) {
            int r = read(buf, lim, buf.length - lim);
            if (r < 0) {
                return false;
            }
            lim += r;
        }
        return true;
    }

    private int read(byte[] b, int off, int len) throws IOException {
        // at most 1 MiB per channel read: the JDK copies through a temporary direct buffer of the request's size
        int r = in != null ? in.read(b, off, len) : channel.read(ByteBuffer.wrap(b, off, Math.min(len, 1 << 20)));
        if (r > 0) {
            bytesRead += r;
        }
        return r;
    }

    /** Skips {@code n} bytes; in a file by moving the channel position, so the bytes are never read. */
    void skip(long n) throws IOException {
        long inBuffer = lim - pos;
        if (n <= inBuffer) {
            pos += (int) n;
            return;
        }
        long rest = n - inBuffer;
        bufStart += lim;
        pos = 0;
        lim = 0;
        if (in == null) {
            channel.position(channel.position() + rest);
            bufStart += rest;
            return;
        }
        while (rest > 0) {
            int r = read(buf, 0, (int) Math.min(rest, buf.length));
            if (r < 0) {
                throw new EOFException();
            }
            rest -= r;
            bufStart += r;
        }
    }

    /**
     * Reads {@code n} bytes. The caller has checked {@code n} against {@link #remaining()} where the size is known;
     * otherwise a long value is gathered in chunks and the array grows only as bytes actually arrive.
     */
    byte[] readBytes(int n) throws IOException {
        if (n <= CHUNK || sizeKnown()) {
            byte[] b = new byte[n];
            readFully(b, 0, n);
            return b;
        }
        byte[] b = new byte[CHUNK];
        int got = 0;
        while (got < n) {
            if (got == b.length) {
                b = Arrays.copyOf(b, (int) Math.min(n, 2L * b.length));
            }
            int k = Math.min(b.length - got, n - got);
            readFully(b, got, k);
            got += k;
        }
        return b;
    }

    private void readFully(byte[] b, int off, int n) throws IOException {
        int done = Math.min(n, lim - pos);
        System.arraycopy(buf, pos, b, off, done);
        pos += done;
        if (done == n) {
            return;
        }
        bufStart += lim; // the buffer is drained
        pos = 0;
        lim = 0;
        while (n - done >= buf.length) { // large value: straight into the target, no double copy
            int r = read(b, off + done, n - done);
            if (r < 0) {
                throw new EOFException();
            }
            done += r;
            bufStart += r;
        }
        if (done < n) {
            if (!ensure(n - done)) {
                throw new EOFException();
            }
            System.arraycopy(buf, pos, b, off + done, n - done);
            pos += n - done;
        }
    }

    /**
     * From the current position on, the input is raw deflate data (Deflated Explicit VR Little Endian); positions
     * count inflated bytes from here on, and the size becomes unknown.
     */
    void inflateFromHere() {
        InputStream rest = in != null ? in : Channels.newInputStream(channel);
        InputStream buffered = new ByteArrayInputStream(Arrays.copyOfRange(buf, pos, lim));
        in = new InflaterInputStream(new SequenceInputStream(buffered, rest), new Inflater(true), 8192);
        bufStart = 0;
        pos = 0;
        lim = 0;
        size = -1;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
        if (in != null) {
            in.close();
        }
    }
}
