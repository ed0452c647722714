package org.lightbox.dicom.imageio.internal.jpeg;

import org.lightbox.dicom.imageio.CodecException;

/**
 * Reads the bits of JPEG entropy-coded data from a byte array: removes the stuffed zero after each 0xFF and stops
 * at a marker, feeding zero bits from there on. Those fake bits are counted, so that a decoder can tell a complete
 * interval from one that ran past the end of its data (a truncated stream) with {@link #checkNotOverrun}.
 */
final class EntropyReader {

    private final String codec;
    private byte[] buf;
    private int base;
    private int pos;
    private int end;
    /** Valid bits are the low {@code bits} bits of {@code acc}, the next one at bit {@code bits - 1}. */
    private long acc;
    private int bits;
    private int padBits;

    EntropyReader(String codec) {
        this.codec = codec;
    }

    void reset(byte[] b, int base, int pos, int end) {
        this.buf = b;
        this.base = base;
        this.pos = pos;
        this.end = end;
        this.acc = 0;
        this.bits = 0;
        this.padBits = 0;
    }

    /** The byte position of the next unread byte (at a marker once the data are used up). */
    int position() {
        return pos;
    }

    long offset() {
        return pos - base;
    }

    private void fill() {
        byte[] b = buf;
        int p = pos;
        int e = end;
        long a = acc;
        int n = bits;
        while (n <= 56) {
            int v;
            if (p < e) {
                v = b[p] & 0xFF;
                if (v != 0xFF) {
                    p++;
                } else if (p + 1 < e && b[p + 1] == 0) {
                    p += 2;
                } else {
                    v = 0; // a marker: stay before it
                    padBits += 8;
                }
            } else {
                v = 0;
                padBits += 8;
            }
            a = (a << 8) | v;
            n += 8;
        }
        pos = p;
        acc = a;
        bits = n;
    }

    /** The next {@code n} bits (0..16) as an unsigned number. */
    int readBits(int n) {
        if (bits < n) {
            fill();
        }
        bits -= n;
        return (int) (acc >>> bits) & ((1 << n) - 1);
    }

    /** The next {@code n} bits (1..16) taken as a JPEG magnitude of category n (T.81 F.2.2.1 EXTEND). */
    int receiveExtend(int n) {
        if (bits < n) {
            fill();
        }
        bits -= n;
        int v = (int) (acc >>> bits) & ((1 << n) - 1);
        return v < (1 << (n - 1)) ? v - (1 << n) + 1 : v;
    }

    /** The next Huffman-coded symbol. */
    int decode(HuffmanTable t) throws CodecException {
        if (bits < 16) {
            fill();
        }
        int e = t.fast[(int) (acc >>> (bits - HuffmanTable.LOOKAHEAD)) & ((1 << HuffmanTable.LOOKAHEAD) - 1)];
        if (e != 0) {
            bits -= e >> 8;
            return e & 0xFF;
        }
        int code = (int) (acc >>> (bits - 16)) & 0xFFFF;
        for (int len = HuffmanTable.LOOKAHEAD + 1; len <= 16; len++) {
            int c = code >>> (16 - len);
            if (c <= t.maxCode[len]) {
                bits -= len;
                return t.symbols[t.valPtr[len] + c - t.minCode[len]] & 0xFF;
            }
        }
        throw new CodecException(codec, "invalid Huffman code", offset());
    }

    /** The next lossless JPEG difference (T.81 H.1.2.2): a Huffman-coded category, then its extra bits. */
    int decodeDifference(HuffmanTable t) throws CodecException {
        if (bits < 16) {
            fill();
        }
        int e = t.fused[(int) (acc >>> (bits - HuffmanTable.FUSED)) & ((1 << HuffmanTable.FUSED) - 1)];
        if (e != 0) {
            bits -= e & 0xFF;
            return e >> 8;
        }
        int s = decode(t);
        if (s == 0) {
            return 0;
        }
        if (s < 16) {
            return receiveExtend(s);
        }
        if (s == 16) {
            return 32768;
        }
        throw new CodecException(codec, "difference category " + s + " is above 16", offset());
    }

    /** Fails when the decoder used bits past the end of the entropy-coded data. */
    void checkNotOverrun(String what) throws CodecException {
        if (padBits > bits) {
            throw new CodecException(codec, "entropy-coded data end before " + what + " (truncated or corrupt)",
                    offset());
        }
    }

    /**
     * Ends a restart interval: drops the remaining bits of the last byte and reads the marker RSTn
     * ({@code 0xD0 + n}).
     */
    void restart(int n) throws CodecException {
        checkNotOverrun("the end of a restart interval");
        acc = 0;
        bits = 0;
        padBits = 0;
        int expected = 0xD0 + (n & 7);
        if (pos + 1 < end && (buf[pos] & 0xFF) == 0xFF) {
            int p = pos + 1;
            while (p < end && (buf[p] & 0xFF) == 0xFF) {
                p++; // fill bytes before a marker
            }
            if (p < end && (buf[p] & 0xFF) == expected) {
                pos = p + 1;
                return;
            }
        }
        throw new CodecException(codec, "expected restart marker RST" + (n & 7) + " not found", offset());
    }

    /** Ends the scan: checks the data sufficed and leaves {@link #position()} at the marker after the scan. */
    void finish() throws CodecException {
        checkNotOverrun("the end of the scan");
        // skip what is left of the scan: padding bits and any bytes before the next marker
        while (pos < end && !((buf[pos] & 0xFF) == 0xFF && pos + 1 < end && buf[pos + 1] != 0)) {
            pos++;
        }
    }
}
