package org.lightbox.dicom.imageio.internal.jpegls;

/**
 * The adaptive state of a JPEG-LS scan (T.87 A.2, A.6, A.7): A, B, C and N of the 365 regular contexts and A, N, Nn
 * of the two run interruption contexts (indexes 365 and 366), with their update rules, and the run index of each
 * component (T.87 A.7.1); also how a sample's context and prediction follow from its neighbours (A.3, A.4.1).
 * Shared by encoder and decoder so that both adapt identically. The four counters of a context sit next to each other
 * in {@link #state} ({@code 4q + A, B, C, N}), one cache line per context.
 */
final class JpegLsContexts {

    static final int RUN_CONTEXT = 365;
    static final int A = 0, B = 1, C = 2, N = 3;

    final int[] state = new int[4 * 367];
    final int[] nn = new int[367];
    /** RUNindex per component, or per scan for sample-interleaved scans. */
    final int[] runIndex = new int[4];
    private JpegLsParameters p;

    void reset(JpegLsParameters params) {
        p = params;
        for (int q = 0; q < 367; q++) {
            state[4 * q + A] = params.initialA;
            state[4 * q + B] = 0;
            state[4 * q + C] = 0;
            state[4 * q + N] = 1;
        }
        java.util.Arrays.fill(nn, 0);
        java.util.Arrays.fill(runIndex, 0);
    }

    /** The signed regular context number of a sample from its neighbours (T.87 A.3); 0 means run mode. */
    static int context(byte[] quant, int quantOffset, int ra, int rb, int rc, int rd) {
        return 81 * quant[rd - rb + quantOffset] + 9 * quant[rb - rc + quantOffset] + quant[rc - ra + quantOffset];
    }

    /** The median edge detector, the fixed prediction before the context's correction (T.87 A.4.1). */
    static int predict(int ra, int rb, int rc) {
        if (rc >= Math.max(ra, rb)) {
            return Math.min(ra, rb);
        }
        if (rc <= Math.min(ra, rb)) {
            return Math.max(ra, rb);
        }
        return ra + rb - rc;
    }

    int c(int q) {
        return state[4 * q + C];
    }

    int n(int q) {
        return state[4 * q + N];
    }

    /** The Golomb parameter k of regular context q (T.87 A.5.1). */
    int k(int q) {
        return golombK(state[4 * q + N], state[4 * q + A]);
    }

    /** The least k with {@code n * 2^k >= a}: from the bit lengths, then one correction. */
    static int golombK(int n, int a) {
        int k = Integer.numberOfLeadingZeros(n) - Integer.numberOfLeadingZeros(a);
        if (k < 0) {
            return 0;
        }
        return (n << k) < a ? k + 1 : k;
    }

    /** -1 when the error mapping of context q is the inverted one (T.87 A.5.2: NEAR 0, k 0, 2B <= -N), else 0. */
    int errorCorrection(int q, int k) {
        return k == 0 && p.near == 0 && 2 * state[4 * q + B] <= -state[4 * q + N] ? -1 : 0;
    }

    /** Updates regular context q after an error value (T.87 A.6.1 and A.6.2). */
    void update(int q, int errval) {
        update(state, 4 * q, errval, p.step, p.reset);
    }

    static void update(int[] s, int i, int errval, int step, int reset) {
        int bq = s[i + B] + errval * step;
        int aq = s[i + A] + (errval < 0 ? -errval : errval);
        int nq = s[i + N];
        if (nq == reset) {
            aq >>= 1;
            bq >>= 1;
            nq >>= 1;
        }
        nq++;
        s[i + A] = aq;
        s[i + N] = nq;
        // C saturates at -128 and 127 rarely: min/max rather than branches, which the JIT would compile as
        // never taken and then have to recompile when they are
        if (bq <= -nq) {
            bq = Math.max(bq + nq, -nq + 1);
            s[i + C] = Math.max(s[i + C] - 1, -128);
        } else if (bq > 0) {
            bq = Math.min(bq - nq, 0);
            s[i + C] = Math.min(s[i + C] + 1, 127);
        }
        s[i + B] = bq;
    }

    /** k of run interruption context q (365 + RItype), T.87 A.7.2. */
    int runK(int q, int riType) {
        int a = state[4 * q + A];
        int n = state[4 * q + N];
        return golombK(n, riType == 0 ? a : a + (n >> 1));
    }

    /** Updates run interruption context q after error {@code errval} coded as {@code emErrval}. */
    void updateRun(int q, int riType, int errval, int emErrval) {
        int i = 4 * q;
        if (errval < 0) {
            nn[q]++;
        }
        state[i + A] += (emErrval + 1 - riType) >> 1;
        if (state[i + N] == p.reset) {
            state[i + A] >>= 1;
            state[i + N] >>= 1;
            nn[q] >>= 1;
        }
        state[i + N]++;
    }
}
