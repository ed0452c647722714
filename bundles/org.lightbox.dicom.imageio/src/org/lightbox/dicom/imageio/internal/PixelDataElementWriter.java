package org.lightbox.dicom.imageio.internal;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes a Pixel Data (7FE0,0010) element piece by piece, so that frames can be streamed: the header, then native
 * frame bytes or one fragment item per compressed frame, then the sequence delimiter. Counts what it writes so that
 * the caller knows where the Basic Offset Table is and what each frame's offset is.
 */
public final class PixelDataElementWriter {

    private static final int PIXEL_DATA = 0x7FE00010;
    private static final int ITEM = 0xFFFEE000;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;

    private final OutputStream out;
    private final boolean explicitVR;
    private final boolean bigEndian;
    private final byte[] header = new byte[12];
    private long written;

    /** Writes to {@code out} in the given encoding (encapsulated data are always explicit VR little endian). */
    public PixelDataElementWriter(OutputStream out, boolean explicitVR, boolean bigEndian) {
        this.out = out;
        this.explicitVR = explicitVR;
        this.bigEndian = bigEndian;
    }

    /** Bytes written so far. */
    public long written() {
        return written;
    }

    /** The header of native pixel data of {@code length} bytes (even) with VR OB or OW. */
    public void nativeHeader(boolean ow, long length) throws IOException {
        if (length > 0xFFFFFFFEL || (length & 1) != 0) {
            throw new IOException("native pixel data of " + length + " bytes cannot be encoded");
        }
        elementHeader(ow ? 'W' : 'B', (int) length);
    }

    /** The header of encapsulated pixel data (VR OB, undefined length). */
    public void encapsulatedHeader() throws IOException {
        elementHeader('B', -1);
    }

    private void elementHeader(char vr, int length) throws IOException {
        putTag(0, PIXEL_DATA);
        if (explicitVR) {
            header[4] = 'O';
            header[5] = (byte) vr;
            header[6] = 0;
            header[7] = 0;
            putInt(8, length);
            write(header, 0, 12);
        } else {
            putInt(4, length);
            write(header, 0, 8);
        }
    }

    /** An item header of {@code length} bytes; returns the position where its value starts. */
    public long itemHeader(int length) throws IOException {
        putTag(0, ITEM);
        putInt(4, length);
        write(header, 0, 8);
        return written;
    }

    /** A whole fragment, padded with a zero byte to even length; returns the fragment's (padded) length. */
    public int fragment(byte[] data) throws IOException {
        int padded = data.length + (data.length & 1);
        itemHeader(padded);
        write(data, 0, data.length);
        if (padded != data.length) {
            out.write(0);
            written++;
        }
        return padded;
    }

    public void sequenceDelimiter() throws IOException {
        putTag(0, SEQUENCE_DELIMITATION);
        putInt(4, 0);
        write(header, 0, 8);
    }

    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        written += len;
    }

    /** A tag is its group then its element, each in the byte order. */
    private void putTag(int at, int tag) {
        putShort(at, tag >>> 16);
        putShort(at + 2, tag & 0xFFFF);
    }

    private void putShort(int at, int v) {
        if (bigEndian) {
            header[at] = (byte) (v >> 8);
            header[at + 1] = (byte) v;
        } else {
            header[at] = (byte) v;
            header[at + 1] = (byte) (v >> 8);
        }
    }

    private void putInt(int at, int v) {
        if (bigEndian) {
            header[at] = (byte) (v >> 24);
            header[at + 1] = (byte) (v >> 16);
            header[at + 2] = (byte) (v >> 8);
            header[at + 3] = (byte) v;
        } else {
            header[at] = (byte) v;
            header[at + 1] = (byte) (v >> 8);
            header[at + 2] = (byte) (v >> 16);
            header[at + 3] = (byte) (v >> 24);
        }
    }
}
