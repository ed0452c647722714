package org.lightbox.storage.internal.store;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.ChunkedInput;
import org.lightbox.dicom.core.io.DicomFormatException;

/**
 * Copies a C-STORE data set from the network to a file byte for byte while walking its element structure, so that
 * a malformed data set (a length running past the end, an unclosed sequence, a bad item) is refused before it is
 * acknowledged, without holding any value in memory. Values are not decoded; only a few small top-level elements
 * are captured ({@link ReceivedHeader}). Every loop consumes input, so no input makes it hang; nesting is limited.
 * <p>
 * A deflated data set is stored deflated, as received, and walked inflated.
 */
public final class DataSetCopy {

    /** Raised when writing to the file (not reading the network) fails: the store, not the sender, is at fault. */
    public static final class WriteFailure extends IOException {
        private static final long serialVersionUID = 1L;

        WriteFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_CAPTURED = 1024;

    private enum Kind { DATASET, SEQUENCE, ITEM, FRAGMENTS }

    /** An open container: its kind, where it ends (-1: at a delimiter), its tag and item count for messages. */
    private static final class Frame {
        final Kind kind;
        final long end;
        final int tag;
        final boolean explicit;
        int items;

        Frame(Kind kind, long end, int tag, boolean explicit) {
            this.kind = kind;
            this.end = end;
            this.tag = tag;
            this.explicit = explicit;
        }
    }

    private final InputStream in;
    private final OutputStream out;
    private final boolean bigEndian;
    /** For values read from a plain stream; a {@link ChunkedInput} (the network) needs none. */
    private byte[] buf;
    private final byte[] hdr = new byte[12];
    private final Deque<Frame> stack = new ArrayDeque<>();
    private final ReceivedHeader.Builder header;
    /** {@link #out} for a {@link ChunkedInput}: its failures are the store's ({@link WriteFailure}). */
    private final OutputStream sink = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            DataSetCopy.this.write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            DataSetCopy.this.write(b, off, len);
        }
    };
    private long pos;
    private int currentTag = -1;

    private DataSetCopy(InputStream in, OutputStream out, TransferSyntax ts) {
        this.in = in;
        this.out = out;
        this.bigEndian = ts.bigEndian();
        this.header = new ReceivedHeader.Builder(ts.bigEndian());
        stack.push(new Frame(Kind.DATASET, -1, 0, ts.explicitVR()));
    }

    /**
     * Copies the whole data set from {@code in} to {@code out}.
     *
     * @return the captured top-level values
     * @throws DicomFormatException the data set is malformed (offset relative to the data set start)
     * @throws WriteFailure         writing {@code out} failed
     * @throws IOException          reading {@code in} failed (e.g. the association was aborted)
     */
    public static ReceivedHeader copy(InputStream in, OutputStream out, TransferSyntax ts) throws IOException {
        if (ts.deflated()) {
            return copyDeflated(in, out);
        }
        DataSetCopy c = new DataSetCopy(in, out, ts);
        c.walk();
        return c.header.build();
    }

    /**
     * A deflated data set is stored as received (still deflated) while the walk reads the inflated bytes; offsets
     * in messages are then offsets in the inflated data.
     */
    private static ReceivedHeader copyDeflated(InputStream in, OutputStream out) throws IOException {
        InputStream tee = new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    write(new byte[] { (byte) b }, 0, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int r = super.read(b, off, len);
                if (r > 0) {
                    write(b, off, r);
                }
                return r;
            }

            private void write(byte[] b, int off, int n) throws WriteFailure {
                try {
                    out.write(b, off, n);
                } catch (IOException e) {
                    throw new WriteFailure(e);
                }
            }
        };
        Inflater inflater = new Inflater(true);
        try {
            DataSetCopy c = new DataSetCopy(new InflaterInputStream(tee, inflater, 8192), OutputStream.nullOutputStream(),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            try {
                c.walk();
            } catch (ZipException | EOFException e) {
                throw c.fail("corrupt deflated data (" + (e.getMessage() == null ? "it ends early" : e.getMessage())
                        + ")", c.pos);
            }
            tee.transferTo(OutputStream.nullOutputStream()); // whatever follows the deflate stream is kept too
            return c.header.build();
        } finally {
            inflater.end();
        }
    }

    private void walk() throws IOException {
        while (true) {
            Frame f = stack.peek();
            if (f.end >= 0 && pos >= f.end) {
                if (pos > f.end) {
                    throw fail("an element runs " + (pos - f.end) + " bytes past the end of its "
                            + f.kind.name().toLowerCase(), pos);
                }
                stack.pop();
                continue;
            }
            long start = pos;
            if (f.kind == Kind.DATASET) {
                if (!readOrEnd(4)) {
                    return; // a clean end of the data set, at an element boundary
                }
            } else {
                readHeader(4, start);
            }
            int tag = tag(0, f.explicit);
            currentTag = tag;
            switch (f.kind) {
                case SEQUENCE -> sequenceContent(f, tag, start);
                case FRAGMENTS -> fragmentContent(tag, start);
                default -> element(f, tag, start);
            }
        }
    }

    private void sequenceContent(Frame f, int tag, long start) throws IOException {
        readHeader(4, start);
        long len = u32(0);
        if (tag == SEQUENCE_DELIMITATION && f.end < 0) {
            stack.pop();
            return;
        }
        if (tag != ITEM) {
            throw fail("expected an item (FFFE,E000) in the sequence, found " + Tag.toString(tag), start);
        }
        f.items++;
        checkFits(f, len, start);
        push(new Frame(Kind.ITEM, len == UNDEFINED ? -1 : pos + len, f.tag, f.explicit), start);
    }

    private void fragmentContent(int tag, long start) throws IOException {
        readHeader(4, start);
        long len = u32(0);
        if (tag == SEQUENCE_DELIMITATION) {
            stack.pop();
            return;
        }
        if (tag != ITEM || len == UNDEFINED) {
            throw fail(tag != ITEM ? "expected a fragment item (FFFE,E000) in encapsulated pixel data, found "
                    + Tag.toString(tag) : "a fragment item has undefined length", start);
        }
        stack.peek().items++;
        skip(len, start);
    }

    private void element(Frame f, int tag, long start) throws IOException {
        if (tag == ITEM_DELIMITATION && f.kind == Kind.ITEM && f.end < 0) {
            readHeader(4, start);
            stack.pop();
            return;
        }
        if ((tag >>> 16) == 0xFFFE) {
            throw fail("unexpected " + Tag.toString(tag) + " among the elements of "
                    + (f.kind == Kind.DATASET ? "the data set" : "an item"), start);
        }
        VR vr = null;
        long len;
        if (f.explicit) {
            readHeader(4, start);
            vr = VR.ofCode(((hdr[0] & 0xFF) << 8) | (hdr[1] & 0xFF));
            if (vr == null) {
                throw fail("unknown VR '" + printable(hdr[0]) + printable(hdr[1]) + "'", start);
            }
            if (vr.hasLongHeader()) {
                readHeader(4, start);
                len = u32(0);
            } else {
                len = bigEndian ? ((hdr[2] & 0xFF) << 8) | (hdr[3] & 0xFF) : (hdr[2] & 0xFF) | ((hdr[3] & 0xFF) << 8);
            }
        } else {
            readHeader(4, start);
            len = u32(0);
        }
        if (len == UNDEFINED) {
            if (!f.explicit || vr == VR.SQ) {
                push(new Frame(Kind.SEQUENCE, -1, tag, f.explicit), start);
            } else if (vr == VR.UN) {
                push(new Frame(Kind.SEQUENCE, -1, tag, false), start); // PS3.5 6.2.2: implicit VR content
            } else if (vr == VR.OB || vr == VR.OW) {
                push(new Frame(Kind.FRAGMENTS, -1, tag, true), start);
            } else {
                throw fail("undefined length is not allowed for VR " + vr, start);
            }
            return;
        }
        checkFits(f, len, start);
        if (vr == VR.SQ) {
            push(new Frame(Kind.SEQUENCE, pos + len, tag, true), start);
            return;
        }
        if (f.kind == Kind.DATASET && stack.size() == 1 && len <= MAX_CAPTURED && ReceivedHeader.captures(tag)) {
            byte[] v = new byte[(int) len];
            readValue(v, start);
            header.put(tag, v);
            return;
        }
        skip(len, start);
    }

    private void checkFits(Frame f, long len, long start) throws DicomFormatException {
        if (len != UNDEFINED && f.end >= 0 && pos + len > f.end) {
            throw fail("a length of " + len + " runs past the end of the enclosing "
                    + f.kind.name().toLowerCase() + " (" + (f.end - pos) + " bytes left)", start);
        }
    }

    private void push(Frame f, long start) throws DicomFormatException {
        if (stack.size() > MAX_DEPTH * 2) {
            throw fail("sequences nested deeper than " + MAX_DEPTH + " levels", start);
        }
        stack.push(f);
    }

    // ------------------------------------------------------------------ input, output

    /** Reads n header bytes at the element starting at {@code start}; an end of data is malformed here. */
    private void readHeader(int n, long start) throws IOException {
        int got = in.readNBytes(hdr, 0, n);
        if (got < n) {
            write(hdr, 0, got);
            pos += got;
            throw fail("the data set ends inside an element header", start);
        }
        write(hdr, 0, n);
        pos += n;
    }

    /** Reads a top-level tag, or returns false at the clean end of the data set. */
    private boolean readOrEnd(int n) throws IOException {
        int got = in.readNBytes(hdr, 0, n);
        if (got == 0) {
            return false;
        }
        write(hdr, 0, got);
        pos += got;
        if (got < n) {
            throw fail("the data set ends inside an element header", pos - got);
        }
        return true;
    }

    private void readValue(byte[] v, long start) throws IOException {
        int got = in.readNBytes(v, 0, v.length);
        write(v, 0, got);
        pos += got;
        if (got < v.length) {
            throw fail("the data set ends " + (v.length - got) + " bytes before the end of the value", start);
        }
    }

    private void skip(long len, long start) throws IOException {
        if (in instanceof ChunkedInput chunks) { // from the network's buffer to the file's, without passing buf
            long got = chunks.transferTo(sink, len);
            pos += got;
            if (got < len) {
                throw fail("the data set ends " + (len - got) + " bytes before the end of the value (length " + len
                        + ")", start);
            }
            return;
        }
        if (buf == null) {
            buf = new byte[64 * 1024];
        }
        long left = len;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw fail("the data set ends " + left + " bytes before the end of the value (length " + len + ")",
                        start);
            }
            write(buf, 0, r);
            pos += r;
            left -= r;
        }
    }

    private void write(byte[] b, int off, int len) throws WriteFailure {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw new WriteFailure(e);
        }
    }

    private int tag(int off, boolean explicit) {
        int g;
        int e;
        if (bigEndian && explicit) {
            g = ((hdr[off] & 0xFF) << 8) | (hdr[off + 1] & 0xFF);
            e = ((hdr[off + 2] & 0xFF) << 8) | (hdr[off + 3] & 0xFF);
        } else {
            g = (hdr[off] & 0xFF) | ((hdr[off + 1] & 0xFF) << 8);
            e = (hdr[off + 2] & 0xFF) | ((hdr[off + 3] & 0xFF) << 8);
        }
        return (g << 16) | e;
    }

    private long u32(int off) {
        boolean be = bigEndian && stack.peek().explicit;
        if (be) {
            return ((hdr[off] & 0xFFL) << 24) | ((hdr[off + 1] & 0xFFL) << 16) | ((hdr[off + 2] & 0xFFL) << 8)
                    | (hdr[off + 3] & 0xFFL);
        }
        return (hdr[off] & 0xFFL) | ((hdr[off + 1] & 0xFFL) << 8) | ((hdr[off + 2] & 0xFFL) << 16)
                | ((hdr[off + 3] & 0xFFL) << 24);
    }

    private static String printable(byte b) {
        return b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02X", b & 0xFF);
    }

    private DicomFormatException fail(String reason, long offset) {
        StringBuilder path = new StringBuilder();
        Frame[] frames = stack.toArray(new Frame[0]);
        for (int i = frames.length - 1; i >= 0; i--) {
            Frame fr = frames[i];
            if (fr.kind == Kind.SEQUENCE || fr.kind == Kind.FRAGMENTS) {
                path.append(path.length() == 0 ? "" : "/").append(Tag.toString(fr.tag));
                if (fr.items > 0) {
                    path.append('[').append(fr.items - 1).append(']');
                }
            }
        }
        if (currentTag != -1 && (currentTag >>> 16) != 0xFFFE) {
            path.append(path.length() == 0 ? "" : "/").append(Tag.toString(currentTag));
        }
        return new DicomFormatException(reason, offset, path.toString());
    }
}
