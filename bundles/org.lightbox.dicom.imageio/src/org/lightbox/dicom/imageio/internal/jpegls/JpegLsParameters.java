package org.lightbox.dicom.imageio.internal.jpegls;

/**
 * The coding parameters of one JPEG-LS scan (T.87 A.2, C.2.4.1): MAXVAL, NEAR, thresholds, RESET and the values
 * derived from them, plus the gradient quantization table (T.87 A.3.3) over every possible difference.
 */
final class JpegLsParameters {

    /** J: the run-length order table of T.87 A.7.1.1. */
    static final int[] J = { 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11,
        12, 13, 14, 15 };

    final int maxVal;
    final int near;
    final int t1;
    final int t2;
    final int t3;
    final int reset;
    final int range;
    final int qbpp;
    final int limit;
    /** 2 * NEAR + 1: the quantization step of errors. */
    final int step;
    /** Initial value of the A counters. */
    final int initialA;
    /** Quantized gradient, indexed by difference + {@link #quantOffset}. */
    final byte[] quant;
    final int quantOffset;

    /**
     * @param precision P of the frame header
     * @param maxVal MAXVAL of an LSE segment, or 0 for the default 2^P - 1
     * @param t1 T1 of an LSE segment, or 0 for the default (likewise t2, t3, reset)
     */
    JpegLsParameters(int precision, int near, int maxVal, int t1, int t2, int t3, int reset) {
        this.maxVal = maxVal > 0 ? maxVal : (1 << precision) - 1;
        this.near = near;
        this.step = 2 * near + 1;
        this.range = (this.maxVal + 2 * near) / step + 1;
        this.qbpp = bitLength(range - 1);
        int bpp = Math.max(2, bitLength(this.maxVal));
        this.limit = 2 * (bpp + Math.max(8, bpp));
        int[] def = defaultThresholds(this.maxVal, near);
        this.t1 = t1 > 0 ? t1 : def[0];
        this.t2 = t2 > 0 ? t2 : def[1];
        this.t3 = t3 > 0 ? t3 : def[2];
        this.reset = reset > 0 ? reset : 64;
        this.initialA = Math.max(2, (range + 32) / 64);
        // differences of reconstructed samples lie in -(MAXVAL + NEAR)..MAXVAL + NEAR
        this.quantOffset = this.maxVal + near + 1;
        this.quant = new byte[2 * quantOffset + 1];
        for (int d = -quantOffset; d <= quantOffset; d++) {
            quant[d + quantOffset] = (byte) quantize(d);
        }
    }

    /** Whether these parameters are valid (T.87 C.2.4.1.1); null when they are, else the reason. */
    String check() {
        if (near > Math.min(255, maxVal / 2)) {
            return "NEAR " + near + " is too large for MAXVAL " + maxVal;
        }
        if (t1 < near + 1 || t1 > t2 || t2 > t3 || t3 > maxVal) {
            return "thresholds " + t1 + ", " + t2 + ", " + t3 + " are not ordered within NEAR+1.." + maxVal;
        }
        if (reset < 3 || reset > Math.max(255, maxVal)) {
            return "RESET " + reset + " is out of range";
        }
        return null;
    }

    private int quantize(int d) {
        if (d <= -t3) {
            return -4;
        }
        if (d <= -t2) {
            return -3;
        }
        if (d <= -t1) {
            return -2;
        }
        if (d < -near) {
            return -1;
        }
        if (d <= near) {
            return 0;
        }
        if (d < t1) {
            return 1;
        }
        if (d < t2) {
            return 2;
        }
        if (d < t3) {
            return 3;
        }
        return 4;
    }

    /** Default T1, T2, T3 (T.87 C.2.4.1.1.1). */
    static int[] defaultThresholds(int maxVal, int near) {
        int t1;
        int t2;
        int t3;
        if (maxVal >= 128) {
            int factor = (Math.min(maxVal, 4095) + 128) / 256;
            t1 = clamp(factor * (3 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (7 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (21 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, 3 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, 7 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, 21 / factor + 7 * near), t2, maxVal);
        }
        return new int[] { t1, t2, t3 };
    }

    private static int clamp(int i, int j, int maxVal) {
        return i > maxVal || i < j ? j : i;
    }

    /** The number of bits needed for {@code v} (ceil(log2(v + 1))). */
    static int bitLength(int v) {
        return 32 - Integer.numberOfLeadingZeros(v);
    }
}
