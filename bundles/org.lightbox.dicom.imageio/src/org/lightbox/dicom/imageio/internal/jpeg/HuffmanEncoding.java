package org.lightbox.dicom.imageio.internal.jpeg;

import java.util.Arrays;

/**
 * A Huffman table for encoding: the code and length of each symbol, and the BITS/HUFFVAL lists for the DHT segment.
 * Built either from given lists or, optimally for measured symbol frequencies, as T.81 annex K.2 describes: a
 * Huffman code with one reserved symbol (so no code is all ones), limited to 16 bits.
 */
final class HuffmanEncoding {

    final int[] code = new int[256];
    final int[] length = new int[256];
    /** BITS: counts[1..16]. */
    final int[] counts = new int[17];
    final byte[] values = new byte[256];
    int valueCount;

    /** From BITS (counts[1..16]) and HUFFVAL, as T.81 annex C assigns codes. */
    static HuffmanEncoding of(int[] counts, int[] values) {
        HuffmanEncoding e = new HuffmanEncoding();
        System.arraycopy(counts, 0, e.counts, 0, 17);
        int n = 0;
        for (int v : values) {
            e.values[n++] = (byte) v;
        }
        e.valueCount = n;
        e.assignCodes();
        return e;
    }

    /** An optimal table for the frequencies of symbols 0..255 ({@code freq.length <= 256}). */
    static HuffmanEncoding optimal(long[] freq) {
        int n = freq.length + 1; // the last is the reserved symbol
        long[] weight = new long[2 * n];
        int[] parent = new int[2 * n];
        boolean[] alive = new boolean[2 * n];
        int nodes = 0;
        int[] leaf = new int[n];
        Arrays.fill(leaf, -1);
        for (int s = 0; s < n; s++) {
            long f = s == n - 1 ? 1 : freq[s];
            if (f > 0) {
                weight[nodes] = f;
                alive[nodes] = true;
                leaf[s] = nodes++;
            }
        }
        int leaves = nodes;
        Arrays.fill(parent, -1);
        // plain O(n^2) merging: at most 257 leaves
        for (int remaining = leaves; remaining > 1; remaining--) {
            int a = -1;
            int b = -1;
            for (int i = 0; i < nodes; i++) {
                if (!alive[i]) {
                    continue;
                }
                if (a < 0 || weight[i] < weight[a]) {
                    b = a;
                    a = i;
                } else if (b < 0 || weight[i] < weight[b]) {
                    b = i;
                }
            }
            weight[nodes] = weight[a] + weight[b];
            alive[nodes] = true;
            alive[a] = false;
            alive[b] = false;
            parent[a] = nodes;
            parent[b] = nodes;
            nodes++;
        }
        int[] size = new int[n];
        int maxSize = 0;
        for (int s = 0; s < n; s++) {
            if (leaf[s] >= 0) {
                int d = 0;
                for (int p = leaf[s]; parent[p] >= 0; p = parent[p]) {
                    d++;
                }
                size[s] = Math.max(d, 1);
                maxSize = Math.max(maxSize, size[s]);
            }
        }
        int[] bits = new int[Math.max(maxSize, 16) + 1];
        for (int s = 0; s < n; s++) {
            if (leaf[s] >= 0) {
                bits[size[s]]++;
            }
        }
        // T.81 figure K.3: move codes longer than 16 bits up the tree, then drop the reserved code
        for (int i = bits.length - 1; i > 16; i--) {
            while (bits[i] > 0) {
                int j = i - 2;
                while (bits[j] == 0) {
                    j--;
                }
                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }
        int longest = 16;
        while (bits[longest] == 0) {
            longest--;
        }
        bits[longest]--;
        // HUFFVAL: symbols by code size, then by value; the reserved symbol sorts last and is dropped
        Integer[] order = new Integer[n - 1];
        int k = 0;
        for (int s = 0; s < n - 1; s++) {
            if (leaf[s] >= 0) {
                order[k++] = s;
            }
        }
        Integer[] used = Arrays.copyOf(order, k);
        Arrays.sort(used, (x, y) -> size[x] != size[y] ? Integer.compare(size[x], size[y]) : Integer.compare(x, y));
        int[] vals = new int[k];
        for (int i = 0; i < k; i++) {
            vals[i] = used[i];
        }
        return of(Arrays.copyOf(bits, 17), vals);
    }

    private void assignCodes() {
        Arrays.fill(length, 0);
        int c = 0;
        int k = 0;
        for (int len = 1; len <= 16; len++) {
            for (int i = 0; i < counts[len]; i++) {
                int s = values[k++] & 0xFF;
                code[s] = c++;
                length[s] = len;
            }
            c <<= 1;
        }
    }

    /** Writes this table's Tc/Th byte, BITS and HUFFVAL (the body of one DHT table). */
    int writeTable(byte[] out, int o, int tcTh) {
        out[o++] = (byte) tcTh;
        for (int i = 1; i <= 16; i++) {
            out[o++] = (byte) counts[i];
        }
        System.arraycopy(values, 0, out, o, valueCount);
        return o + valueCount;
    }

    int tableLength() {
        return 17 + valueCount;
    }
}
