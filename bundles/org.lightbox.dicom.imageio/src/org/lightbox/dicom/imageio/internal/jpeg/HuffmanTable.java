package org.lightbox.dicom.imageio.internal.jpeg;

/**
 * A JPEG Huffman table (T.81 B.2.4.2) prepared for decoding: codes of up to {@link #LOOKAHEAD} bits are found with
 * one lookup of the next bits, longer ones with the canonical-code limits of T.81 F.2.2.3.
 */
final class HuffmanTable {

    static final int LOOKAHEAD = 9;
    /** Bits looked at to decode a category code and its extra bits in one step. */
    static final int FUSED = 11;

    /** Per value of the next LOOKAHEAD bits: (code length << 8) | symbol, or 0 for codes longer than LOOKAHEAD. */
    final int[] fast = new int[1 << LOOKAHEAD];
    /** Largest code of each length (-1 when none), smallest code and index of its symbol. */
    final int[] maxCode = new int[18];
    final int[] minCode = new int[17];
    final int[] valPtr = new int[17];
    final byte[] symbols = new byte[256];
    /**
     * Per value of the next FUSED bits, for a difference (DC or lossless) table: (difference << 8) | bits used,
     * when the category code and its extra bits fit in FUSED bits; else 0.
     */
    final int[] fused = new int[1 << FUSED];
    boolean defined;

    /**
     * Builds the table from BITS (counts of codes of length 1..16, at {@code counts[1..16]}) and HUFFVAL.
     *
     * @param differences true for a DC (and lossless) table, whose symbols are difference categories
     * @return null when the counts are valid, else the reason they are not
     */
    String build(int[] counts, byte[] values, int valueCount, boolean differences) {
        java.util.Arrays.fill(fast, 0);
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            int n = counts[len];
            valPtr[len] = k;
            minCode[len] = code;
            code += n;
            k += n;
            if (code > (1 << len)) {
                return "Huffman table has more codes of length " + len + " than fit";
            }
            maxCode[len] = n == 0 ? -1 : code - 1;
            code <<= 1;
        }
        maxCode[17] = Integer.MAX_VALUE; // sentinel: nothing is longer than 16
        if (k != valueCount) {
            return "Huffman table has " + valueCount + " symbols for " + k + " codes";
        }
        System.arraycopy(values, 0, symbols, 0, valueCount);
        code = 0;
        k = 0;
        for (int len = 1; len <= LOOKAHEAD; len++) {
            for (int i = 0; i < counts[len]; i++, k++, code++) {
                int shift = LOOKAHEAD - len;
                int entry = (len << 8) | (symbols[k] & 0xFF);
                for (int j = 0; j < 1 << shift; j++) {
                    fast[(code << shift) | j] = entry;
                }
            }
            code <<= 1;
        }
        if (differences) {
            buildFused(counts);
        }
        defined = true;
        return null;
    }

    /** Fills {@link #fused} for every code whose category and extra bits fit in FUSED bits. */
    private void buildFused(int[] counts) {
        java.util.Arrays.fill(fused, 0);
        int code = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            for (int i = 0; i < counts[len]; i++, k++, code++) {
                int ssss = symbols[k] & 0xFF;
                if (ssss > 15 || len + ssss > FUSED) {
                    continue;
                }
                int free = FUSED - len - ssss;
                for (int extra = 0; extra < 1 << ssss; extra++) {
                    int diff = ssss == 0 ? 0 : extra < (1 << (ssss - 1)) ? extra - (1 << ssss) + 1 : extra;
                    int entry = (diff << 8) | (len + ssss);
                    int prefix = ((code << ssss) | extra) << free;
                    for (int j = 0; j < 1 << free; j++) {
                        fused[prefix | j] = entry;
                    }
                }
            }
            code <<= 1;
        }
    }
}
