package org.lightbox.dicom.imageio.internal.jpeg;

/**
 * The JFIF colour transform (full-range YCbCr, ITU-R BT.601 coefficients) and chroma upsampling, computed with the
 * same fixed-point arithmetic and the same "fancy" (triangular) upsampling filters as the IJG library that dcmtk
 * uses, so decoded colour matches dcmtk's closely.
 */
final class YCbCr {

    private static final int SCALE = 16;
    private static final int HALF = 1 << (SCALE - 1);

    private YCbCr() {
    }

    private static int fix(double x) {
        return (int) (x * (1 << SCALE) + 0.5);
    }

    private static final int CR_R = fix(1.40200);
    private static final int CB_B = fix(1.77200);
    private static final int CR_G = fix(0.71414);
    private static final int CB_G = fix(0.34414);

    /** Converts full-resolution Y, Cb, Cr planes ({@code n} samples each) to interleaved RGB cells. */
    static void toRgb(int[] y, int[] cb, int[] cr, int n, int precision, int[] rgb) {
        int center = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        for (int i = 0; i < n; i++) {
            int yy = y[i];
            int b = cb[i] - center;
            int r = cr[i] - center;
            rgb[3 * i] = clamp(yy + ((CR_R * r + HALF) >> SCALE), max);
            rgb[3 * i + 1] = clamp(yy + ((-CB_G * b + HALF - CR_G * r) >> SCALE), max);
            rgb[3 * i + 2] = clamp(yy + ((CB_B * b + HALF) >> SCALE), max);
        }
    }

    private static int clamp(int v, int max) {
        return v < 0 ? 0 : v > max ? max : v;
    }

    /** RGB to YCbCr, rounded (the encoder's direction; not needed bit-exact). */
    static void fromRgb(int r, int g, int b, int center, int max, int[] out, int at) {
        out[at] = clamp((int) Math.round(0.299 * r + 0.587 * g + 0.114 * b), max);
        out[at + 1] = clamp((int) Math.round(-0.168735892 * r - 0.331264108 * g + 0.5 * b) + center, max);
        out[at + 2] = clamp((int) Math.round(0.5 * r - 0.418687589 * g - 0.081312411 * b) + center, max);
    }

    /**
     * Upsamples a component plane ({@code w} x {@code h} samples at stride {@code stride}) by {@code hf} x
     * {@code vf} into {@code out} ({@code outW} x {@code outH}, cut to that size). 2x1 and 2x2 use triangular
     * filters (3/4 nearer, 1/4 farther sample, edges replicated), other factors replicate samples.
     */
    static void upsample(int[] in, int stride, int w, int h, int hf, int vf, int[] out, int outW, int outH,
            int[] tmp) {
        if (hf == 2 && vf == 1 && w > 1) {
            for (int y = 0; y < outH; y++) {
                h2v1Row(in, y * stride, w, tmp);
                System.arraycopy(tmp, 0, out, y * outW, outW);
            }
        } else if (hf == 2 && vf == 2 && w > 1) {
            int[] colSum = new int[w];
            for (int y = 0; y < outH; y++) {
                int nearer = y >> 1;
                int farther = (y & 1) == 0 ? Math.max(nearer - 1, 0) : Math.min(nearer + 1, h - 1);
                for (int x = 0; x < w; x++) {
                    colSum[x] = 3 * in[nearer * stride + x] + in[farther * stride + x];
                }
                h2v2Row(colSum, w, tmp);
                System.arraycopy(tmp, 0, out, y * outW, outW);
            }
        } else {
            for (int y = 0; y < outH; y++) {
                int src = Math.min(y / vf, h - 1) * stride;
                for (int x = 0; x < outW; x++) {
                    out[y * outW + x] = in[src + Math.min(x / hf, w - 1)];
                }
            }
        }
    }

    private static void h2v1Row(int[] in, int at, int w, int[] out) {
        int v = in[at];
        out[0] = v;
        out[1] = (3 * v + in[at + 1] + 2) >> 2;
        for (int x = 1; x < w - 1; x++) {
            int t = 3 * in[at + x];
            out[2 * x] = (t + in[at + x - 1] + 1) >> 2;
            out[2 * x + 1] = (t + in[at + x + 1] + 2) >> 2;
        }
        v = in[at + w - 1];
        out[2 * w - 2] = (3 * v + in[at + w - 2] + 1) >> 2;
        out[2 * w - 1] = v;
    }

    private static void h2v2Row(int[] s, int w, int[] out) {
        out[0] = (4 * s[0] + 8) >> 4;
        out[1] = (3 * s[0] + s[1] + 7) >> 4;
        for (int x = 1; x < w - 1; x++) {
            int t = 3 * s[x];
            out[2 * x] = (t + s[x - 1] + 8) >> 4;
            out[2 * x + 1] = (t + s[x + 1] + 7) >> 4;
        }
        out[2 * w - 2] = (3 * s[w - 1] + s[w - 2] + 8) >> 4;
        out[2 * w - 1] = (4 * s[w - 1] + 7) >> 4;
    }
}
