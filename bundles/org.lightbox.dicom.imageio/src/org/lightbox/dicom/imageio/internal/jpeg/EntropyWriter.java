package org.lightbox.dicom.imageio.internal.jpeg;

import org.lightbox.dicom.imageio.internal.jpegcommon.MarkerSegmentWriter;

/**
 * Writes JPEG marker segments and entropy-coded bits into a growing byte array, stuffing a zero after each 0xFF of
 * entropy-coded data and padding the last byte with one bits (T.81 F.1.2.3, B.1.1.5).
 */
final class EntropyWriter extends MarkerSegmentWriter {

    private long acc;
    private int bits;

    EntropyWriter(int capacity) {
        super(Math.max(capacity, 1024));
    }

    void reset() {
        pos = 0;
        acc = 0;
        bits = 0;
    }

    /** A Huffman table's contents for a DHT segment, {@code id} its class and destination byte. */
    void huffmanTable(HuffmanEncoding table, int id) {
        ensure(table.tableLength());
        pos = table.writeTable(buf, pos, id);
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
}
