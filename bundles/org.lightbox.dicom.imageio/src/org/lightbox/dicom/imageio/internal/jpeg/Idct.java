package org.lightbox.dicom.imageio.internal.jpeg;

/**
 * The inverse DCT of one 8x8 block in integer arithmetic: the Loeffler-Ligtenberg-Moschytz factorization with
 * 13-bit fixed-point constants, rows then columns, rounding at the same two points as the IJG library's default
 * ("islow") method, so that our decode matches dcmtk's (which uses IJG) sample for sample.
 */
final class Idct {

    private static final int CONST_BITS = 13;
    // the factorization's constants, times 2^13, rounded
    private static final int F0_298631336 = 2446;
    private static final int F0_390180644 = 3196;
    private static final int F0_541196100 = 4433;
    private static final int F0_765366865 = 6270;
    private static final int F0_899976223 = 7373;
    private static final int F1_175875602 = 9633;
    private static final int F1_501321110 = 12299;
    private static final int F1_847759065 = 15137;
    private static final int F1_961570560 = 16069;
    private static final int F2_053119869 = 16819;
    private static final int F2_562915447 = 20995;
    private static final int F3_072711026 = 25172;

    private final int pass1Bits;
    private final int center;
    private final int maxSample;
    private final int[] work = new int[64];
    private final int[] row = new int[8];

    /** For sample precision 8 or 12 (12-bit keeps one bit less between passes so products fit 32 bits). */
    Idct(int precision) {
        this.pass1Bits = precision <= 8 ? 2 : 1;
        this.center = 1 << (precision - 1);
        this.maxSample = (1 << precision) - 1;
    }

    private static int descale(int x, int n) {
        return (x + (1 << (n - 1))) >> n;
    }

    /**
     * Transforms dequantized coefficients {@code in} (natural order) and writes the level-shifted, clamped samples
     * to {@code out} at {@code offset} with row stride {@code stride}.
     */
    void transform(int[] in, int[] out, int offset, int stride) {
        int[] ws = work;
        int p1 = pass1Bits;
        // pass 1: columns
        for (int c = 0; c < 8; c++) {
            if (in[8 + c] == 0 && in[16 + c] == 0 && in[24 + c] == 0 && in[32 + c] == 0 && in[40 + c] == 0
                    && in[48 + c] == 0 && in[56 + c] == 0) {
                int dc = in[c] << p1;
                for (int r = 0; r < 8; r++) {
                    ws[8 * r + c] = dc;
                }
                continue;
            }
            butterfly(in[c], in[8 + c], in[16 + c], in[24 + c], in[32 + c], in[40 + c], in[48 + c], in[56 + c], ws,
                    c, 8, CONST_BITS - p1);
        }
        // pass 2: rows, into the output with level shift and clamping
        int shift = CONST_BITS + p1 + 3;
        for (int r = 0; r < 8; r++) {
            int b = 8 * r;
            butterfly(ws[b], ws[b + 1], ws[b + 2], ws[b + 3], ws[b + 4], ws[b + 5], ws[b + 6], ws[b + 7], row, 0, 1,
                    shift);
            int o = offset + r * stride;
            for (int c = 0; c < 8; c++) {
                int v = row[c] + center;
                out[o + c] = v < 0 ? 0 : v > maxSample ? maxSample : v;
            }
        }
    }

    /** One 8-point inverse transform; writes outputs descaled by {@code shift} at {@code dst[at + k * step]}. */
    private static void butterfly(int i0, int i1, int i2, int i3, int i4, int i5, int i6, int i7, int[] dst, int at,
            int step, int shift) {
        // even part
        int z1 = (i2 + i6) * F0_541196100;
        int t2 = z1 - i6 * F1_847759065;
        int t3 = z1 + i2 * F0_765366865;
        int t0 = (i0 + i4) << CONST_BITS;
        int t1 = (i0 - i4) << CONST_BITS;
        int t10 = t0 + t3;
        int t13 = t0 - t3;
        int t11 = t1 + t2;
        int t12 = t1 - t2;
        // odd part
        int o0 = i7;
        int o1 = i5;
        int o2 = i3;
        int o3 = i1;
        int za = o0 + o3;
        int zb = o1 + o2;
        int zc = o0 + o2;
        int zd = o1 + o3;
        int z5 = (zc + zd) * F1_175875602;
        o0 *= F0_298631336;
        o1 *= F2_053119869;
        o2 *= F3_072711026;
        o3 *= F1_501321110;
        za *= -F0_899976223;
        zb *= -F2_562915447;
        zc = zc * -F1_961570560 + z5;
        zd = zd * -F0_390180644 + z5;
        o0 += za + zc;
        o1 += zb + zd;
        o2 += zb + zc;
        o3 += za + zd;
        dst[at] = descale(t10 + o3, shift);
        dst[at + 7 * step] = descale(t10 - o3, shift);
        dst[at + step] = descale(t11 + o2, shift);
        dst[at + 6 * step] = descale(t11 - o2, shift);
        dst[at + 2 * step] = descale(t12 + o1, shift);
        dst[at + 5 * step] = descale(t12 - o1, shift);
        dst[at + 3 * step] = descale(t13 + o0, shift);
        dst[at + 4 * step] = descale(t13 - o0, shift);
    }
}
