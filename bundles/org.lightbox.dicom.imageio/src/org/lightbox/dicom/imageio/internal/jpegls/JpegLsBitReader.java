package org.lightbox.dicom.imageio.internal.jpegls;

import org.lightbox.dicom.imageio.CodecException;

/**
 * Reads JPEG-LS coded bits (T.87 A.1): after a 0xFF byte the next byte carries 7 bits (its top bit is a stuffed 0),
 * and 0xFF followed by a byte of 0x80 or more is a marker, where the data end. Past the end zeros are fed and
 * counted, so a truncated stream is detected by {@link #checkNotOverrun}.
 */
final class JpegLsBitReader {

    static final String CODEC = "JPEG-LS";

    private byte[] buf;
    private int base;
    private int pos;
    private int end;
    /**
     * The valid bits are the top {@code bits} bits of {@code acc}. Package-private: the decoder's hot loop keeps
     * copies in locals and hands them back around {@link #fill()}.
     */
    long acc;
    int bits;
    private int padBits;
    private boolean afterFF;

    void reset(byte[] b, int base, int pos, int end) {
        this.buf = b;
        this.base = base;
        this.pos = pos;
        this.end = end;
        acc = 0;
        bits = 0;
        padBits = 0;
        afterFF = false;
    }

    int position() {
        return pos;
    }

    long offset() {
        return pos - base;
    }

    /** Tops the bit buffer up to at least 57 bits (zeros past the end of the data). */
    void fill() {
        byte[] b = buf;
        int p = pos;
        int e = end;
        long a = acc;
        int n = bits;
        boolean ff = afterFF;
        while (n <= 56) {
            if (p >= e) {
                n += 8; // past the end: zeros, counted
                padBits += 8;
                continue;
            }
            int v = b[p] & 0xFF;
            if (ff) {
                // after 0xFF: a marker if the top bit is set, else 7 data bits (the top one is a stuffed zero)
                if (v >= 0x80) {
                    n += 8;
                    padBits += 8;
                    continue;
                }
                a |= (long) v << (57 - n);
                n += 7;
                ff = false;
                p++;
            } else if (v != 0xFF) {
                a |= (long) v << (56 - n);
                n += 8;
                p++;
            } else {
                if (p + 1 >= e || (b[p + 1] & 0xFF) >= 0x80) {
                    n += 8; // 0xFF starting a marker is not data
                    padBits += 8;
                    continue;
                }
                a |= 0xFFL << (56 - n);
                n += 8;
                ff = true;
                p++;
            }
        }
        pos = p;
        acc = a;
        bits = n;
        afterFF = ff;
    }

    int readBit() {
        if (bits < 1) {
            fill();
        }
        int v = (int) (acc >>> 63);
        acc <<= 1;
        bits--;
        return v;
    }

    /** The next {@code n} bits, 0 <= n <= 32. */
    int readBits(int n) {
        if (n == 0) {
            return 0;
        }
        if (bits < n) {
            fill();
        }
        int v = (int) (acc >>> (64 - n));
        acc <<= n;
        bits -= n;
        return v;
    }

    /**
     * A Golomb-coded mapped error value with parameter {@code k} and length limit {@code limit} (T.87 A.5.3):
     * a unary prefix, then either k low bits or, for the escape prefix, qbpp bits of the value minus one.
     */
    int readGolomb(int k, int limit, int qbpp) throws CodecException {
        int escape = limit - qbpp - 1;
        int prefix = 0;
        while (true) {
            if (bits < 32) {
                fill();
            }
            int z = Long.numberOfLeadingZeros(acc);
            if (z < bits) {
                prefix += z;
                acc <<= z + 1;
                bits -= z + 1;
                break;
            }
            // all valid bits are zero: take them and read on
            prefix += bits;
            acc = 0;
            bits = 0;
            if (prefix > escape) {
                break;
            }
        }
        if (prefix < escape) {
            return k == 0 ? prefix : (prefix << k) | readBits(k);
        }
        if (prefix == escape) {
            return readBits(qbpp) + 1;
        }
        throw new CodecException(CODEC, "Golomb code longer than the limit " + limit, offset());
    }

    void checkNotOverrun(String what) throws CodecException {
        if (padBits > bits) {
            throw new CodecException(CODEC, "coded data end before " + what + " (truncated or corrupt)", offset());
        }
    }

    /** After the scan: checks the data sufficed; {@link #position()} is then at the marker after the scan. */
    void finish() throws CodecException {
        checkNotOverrun("the end of the scan");
        while (pos + 1 < end && !((buf[pos] & 0xFF) == 0xFF && (buf[pos + 1] & 0xFF) >= 0x80)) {
            pos++;
        }
    }

    /** Ends a restart interval: skips to the marker RSTm ({@code 0xD0 + m}) and starts afresh after it. */
    void restart(int m) throws CodecException {
        finish();
        int expected = 0xD0 + (m & 7);
        if (pos + 1 < end && (buf[pos] & 0xFF) == 0xFF && (buf[pos + 1] & 0xFF) == expected) {
            reset(buf, base, pos + 2, end);
            return;
        }
        throw new CodecException(CODEC, "expected restart marker RST" + (m & 7) + " not found", offset());
    }
}
