package org.lightbox.dicom.imageio.internal.jpegcommon;

import java.util.Arrays;

/**
 * The byte side of a JPEG (T.81) or JPEG-LS (T.87) encoder: markers and segment fields into a growing array, and
 * the segments whose layout the two standards share. The subclass adds the entropy-coded bits, whose byte stuffing
 * differs (T.81 F.1.2.3 against T.87 A.1).
 */
public abstract class MarkerSegmentWriter {

    protected byte[] buf;
    protected int pos;

    protected MarkerSegmentWriter(int capacity) {
        buf = new byte[capacity];
    }

    /** Makes room for {@code n} more bytes. */
    public final void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    public final void marker(int m) {
        ensure(2);
        buf[pos++] = (byte) 0xFF;
        buf[pos++] = (byte) m;
    }

    public final void u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    public final void u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >> 8);
        buf[pos++] = (byte) v;
    }

    /**
     * A frame header (T.81 B.2.2; T.87 C.2.2 keeps its layout) of {@code components} full-size components numbered
     * from 1, without quantization tables: what lossless JPEG and JPEG-LS write.
     */
    public final void frameHeader(int sof, int precision, int rows, int columns, int components) {
        marker(sof);
        u16(8 + 3 * components);
        u8(precision);
        u16(rows);
        u16(columns);
        u8(components);
        for (int c = 0; c < components; c++) {
            u8(c + 1);
            u8(0x11);
            u8(0);
        }
    }

    /** A DRI segment with a 16-bit restart interval. */
    public final void restartInterval(int interval) {
        marker(MarkerSegmentReader.DRI);
        u16(4);
        u16(interval);
    }

    /**
     * The start of a scan header naming components 1..{@code components}, each with the table selector byte
     * {@code selector}. The caller writes the three parameter bytes that end it, whose meaning differs: Ss, Se and
     * Ah/Al in T.81, NEAR, ILV and the point transform in T.87.
     */
    public final void scanHeaderComponents(int components, int selector) {
        marker(MarkerSegmentReader.SOS);
        u16(6 + 2 * components);
        u8(components);
        for (int c = 0; c < components; c++) {
            u8(c + 1);
            u8(selector);
        }
    }

    public final byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
