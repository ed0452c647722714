package org.lightbox.dicom.imageio.internal.jpegls;

import org.lightbox.dicom.imageio.internal.jpegcommon.MarkerSegmentWriter;

/**
 * Writes JPEG-LS coded bits and marker segments into a growing byte array; after each 0xFF byte of coded data the
 * next byte carries only 7 bits, its top bit a stuffed zero (T.87 A.1).
 */
final class JpegLsBitWriter extends MarkerSegmentWriter {

    private long acc;
    private int bits;
    private boolean afterFF;

    JpegLsBitWriter() {
        super(4096);
    }

    void reset() {
        pos = 0;
        acc = 0;
        bits = 0;
        afterFF = false;
    }

    /** Appends the low {@code n} (0..31) bits of {@code v}; callers {@link #ensure} room per line. */
    void write(int v, int n) {
        acc = (acc << n) | (v & ((1L << n) - 1));
        bits += n;
        if (bits >= 32) {
            drain();
        }
    }

    void writeZeros(int n) {
        while (n > 31) {
            write(0, 31);
            n -= 31;
        }
        write(0, n);
    }

    /** A mapped error value as a limited-length Golomb code (T.87 A.5.3). */
    void writeGolomb(int k, int m, int limit, int qbpp) {
        int high = m >>> k;
        int escape = limit - qbpp - 1;
        if (high < escape) {
            if (high < 31) {
                write(1, high + 1);
            } else {
                writeZeros(high);
                write(1, 1);
            }
            if (k > 0) {
                write(m, k);
            }
        } else {
            writeZeros(escape);
            write(1, 1);
            write(m - 1, qbpp);
        }
    }

    private void drain() {
        byte[] b = buf;
        while (true) {
            int take = afterFF ? 7 : 8;
            if (bits < take) {
                return;
            }
            bits -= take;
            int v = (int) (acc >>> bits) & ((1 << take) - 1);
            b[pos++] = (byte) v;
            afterFF = v == 0xFF;
        }
    }

    /** Ends the coded data: pads the last byte with zeros and never leaves a 0xFF before the next marker. */
    void finish() {
        ensure(16);
        drain();
        if (bits > 0) {
            write(0, (afterFF ? 7 : 8) - bits);
            drain();
        }
        if (afterFF) {
            buf[pos++] = 0;
            afterFF = false;
        }
        acc = 0;
        bits = 0;
    }
}
