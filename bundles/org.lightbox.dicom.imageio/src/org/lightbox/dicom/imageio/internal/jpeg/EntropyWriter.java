package org.lightbox.dicom.imageio.internal.jpeg;

import java.util.Arrays;

/**
 * Writes JPEG marker segments and entropy-coded bits into a growing byte array, stuffing a zero after each 0xFF of
 * entropy-coded data and padding the last byte with one bits (T.81 F.1.2.3, B.1.1.5).
 */
final class EntropyWriter {

    byte[] buf;
    int pos;
    private long acc;
    private int bits;

    EntropyWriter(int capacity) {
        buf = new byte[Math.max(capacity, 1024)];
    }

    void reset() {
        pos = 0;
        acc = 0;
        bits = 0;
    }

    /** Makes room for {@code n} more bytes. */
    void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    void marker(int m) {
        ensure(2);
        buf[pos++] = (byte) 0xFF;
        buf[pos++] = (byte) m;
    }

    void u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void u16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >> 8);
        buf[pos++] = (byte) v;
    }

    /**
     * Appends the low {@code n} bits (0..32) of {@code v}. The caller ensures room for 8 bytes per call with
     * {@link #ensure} (done per row by the encoders).
     */
    void bits(int v, int n) {
        acc = (acc << n) | (v & ((1L << n) - 1));
        bits += n;
        if (bits >= 32) {
            flush32();
        }
    }

    private void flush32() {
        byte[] b = buf;
        while (bits >= 8) {
            bits -= 8;
            int v = (int) (acc >>> bits) & 0xFF;
            b[pos++] = (byte) v;
            if (v == 0xFF) {
                b[pos++] = 0;
            }
        }
    }

    /** Pads to a byte boundary with one bits and writes out everything. */
    void align() {
        ensure(16);
        if ((bits & 7) != 0) {
            int pad = 8 - (bits & 7);
            acc = (acc << pad) | ((1 << pad) - 1);
            bits += pad;
        }
        flush32();
        acc = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }
}
