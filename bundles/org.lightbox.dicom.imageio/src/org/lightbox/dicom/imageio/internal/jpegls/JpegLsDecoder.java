package org.lightbox.dicom.imageio.internal.jpegls;

import java.util.Arrays;

import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameDecoder;
import org.lightbox.dicom.imageio.FrameFormat;

/**
 * Decodes JPEG-LS (T.87) lossless and near-lossless frames: every interleave mode (none, line, sample), preset
 * parameters from LSE segments or the defaults, restart intervals. Sample-interleaved run interruptions follow
 * CharLS (the codec dcmtk uses), which codes each component with the RItype 0 context.
 * <p>
 * Lines are kept in {@link JpegLsLines}, with the edge samples that spare the neighbours edge tests.
 */
final class JpegLsDecoder implements FrameDecoder {

    private static final int[] J = JpegLsParameters.J;

    private final FrameFormat format;
    private final JpegLsHeader header = new JpegLsHeader();
    private final JpegLsBitReader in = new JpegLsBitReader();
    private final JpegLsContexts ctx = new JpegLsContexts();
    private final int width;
    private final JpegLsLines lines;
    private JpegLsParameters params;

    JpegLsDecoder(FrameFormat format) {
        this.format = format.withPlanar(false);
        this.width = format.columns();
        lines = new JpegLsLines(format.samplesPerPixel(), width);
    }

    @Override
    public FrameFormat decodedFormat() {
        return format;
    }

    @Override
    public void decode(byte[] src, int off, int len, FrameBuffer dst) throws CodecException {
        header.start(src, off, len);
        while (header.nextScan()) {
            checkFrame();
            header.claimScanComponents();
            decodeScan(dst);
            header.resumeAt(in.position());
        }
        header.checkAllComponentsCoded(format.samplesPerPixel());
    }

    private void checkFrame() throws CodecException {
        long at = header.position() - header.base();
        if (header.width != format.columns() || header.height != format.rows()
                || header.componentCount != format.samplesPerPixel()) {
            throw header.fail("JPEG-LS frame is " + header.width + "x" + header.height + "x" + header.componentCount
                    + ", the image " + format.columns() + "x" + format.rows() + "x" + format.samplesPerPixel(), at);
        }
        if (header.precision > format.bitsAllocated()) {
            throw header.fail("precision " + header.precision + " with " + format.bitsAllocated()
                    + " bits allocated", at);
        }
        JpegLsParameters p = params;
        if (p == null || p.near != header.near || p.maxVal != maxVal() || p.t1 != orDefault(header.t1, 0)
                || p.t2 != orDefault(header.t2, 1) || p.t3 != orDefault(header.t3, 2)
                || p.reset != (header.reset > 0 ? header.reset : 64)) {
            p = new JpegLsParameters(header.precision, header.near, header.maxVal, header.t1, header.t2, header.t3,
                    header.reset);
            String bad = p.check();
            if (bad != null) {
                throw header.fail(bad, at);
            }
            params = p;
        }
    }

    private int maxVal() {
        return header.maxVal > 0 ? header.maxVal : (1 << header.precision) - 1;
    }

    private int orDefault(int t, int which) {
        return t > 0 ? t : JpegLsParameters.defaultThresholds(maxVal(), header.near)[which];
    }

    private void decodeScan(FrameBuffer dst) throws CodecException {
        int ns = header.scanComponents;
        int rows = format.rows();
        int restart = header.restartInterval;
        in.reset(header.buffer(), header.base(), header.position(), header.end());
        startInterval(ns);
        int restarts = 0;
        for (int y = 0; y < rows; y++) {
            if (restart > 0 && y > 0 && y % restart == 0) {
                in.restart(restarts++);
                startInterval(ns);
            }
            if (header.interleave == 2) {
                decodeSampleInterleavedLine(ns);
            } else {
                for (int i = 0; i < ns; i++) {
                    decodeLine(lines.prev[i], lines.cur[i], i);
                }
            }
            for (int i = 0; i < ns; i++) {
                store(dst, lines.cur[i], y, header.scanComponent[i]);
                lines.advance(i);
            }
        }
        in.finish();
    }

    /** The start of a scan or restart interval: fresh contexts, and the line above the first is all zero. */
    private void startInterval(int ns) {
        ctx.reset(params);
        lines.clear(ns);
    }

    /**
     * One line of one component. The regular mode is written out here with the parameters in locals, as this loop
     * is where decoding spends its time; run mode is rarer and calls out.
     */
    private void decodeLine(int[] up, int[] row, int comp) throws CodecException {
        JpegLsParameters p = params;
        byte[] quant = p.quant;
        int qo = p.quantOffset;
        int maxVal = p.maxVal;
        int near = p.near;
        int step = p.step;
        int wrap = p.range * step;
        int limit = p.limit;
        int qbpp = p.qbpp;
        int reset = p.reset;
        int[] st = ctx.state;
        JpegLsBitReader r = in;
        int escape = limit - qbpp - 1;
        int modMask = near == 0 && (p.range & (p.range - 1)) == 0 ? p.range - 1 : -1;
        long acc = r.acc;
        int bits = r.bits;
        int w = width;
        up[w + 1] = up[w];
        row[0] = up[1];
        int x = 1;
        while (x <= w) {
            int ra = row[x - 1];
            int rb = up[x];
            int rc = up[x - 1];
            int q = 81 * quant[up[x + 1] - rb + qo] + 9 * quant[rb - rc + qo] + quant[rc - ra + qo];
            if (q == 0) {
                r.acc = acc;
                r.bits = bits;
                x = decodeRun(up, row, x, comp);
                acc = r.acc;
                bits = r.bits;
                continue;
            }
            int sign = q >> 31;
            int i = 4 * ((q ^ sign) - sign);
            // the MED predictor (T.87 A.4.1) is the median of Ra, Rb and Ra + Rb - Rc: branch-free with min/max
            int px = Math.max(Math.min(ra, rb), Math.min(Math.max(ra, rb), ra + rb - rc));
            px += (st[i + JpegLsContexts.C] ^ sign) - sign;
            px = px > maxVal ? maxVal : px < 0 ? 0 : px;
            int n = st[i + JpegLsContexts.N];
            int k = JpegLsContexts.golombK(n, st[i + JpegLsContexts.A]);
            // the Golomb code, read from local copies of the bit buffer (T.87 A.5.3); long prefixes and the
            // escape code go through the reader
            if (bits < 32) {
                r.acc = acc;
                r.bits = bits;
                r.fill();
                acc = r.acc;
                bits = r.bits;
            }
            int z = Long.numberOfLeadingZeros(acc);
            int m;
            if (z < bits && z < escape) {
                acc <<= z + 1;
                bits -= z + 1;
                if (k == 0) {
                    m = z;
                } else {
                    if (bits < k) {
                        r.acc = acc;
                        r.bits = bits;
                        r.fill();
                        acc = r.acc;
                        bits = r.bits;
                    }
                    m = (z << k) | (int) (acc >>> (64 - k));
                    acc <<= k;
                    bits -= k;
                }
            } else {
                r.acc = acc;
                r.bits = bits;
                m = r.readGolomb(k, limit, qbpp);
                acc = r.acc;
                bits = r.bits;
            }
            int errval = (m >>> 1) ^ -(m & 1);
            if (k == 0 && near == 0 && 2 * st[i + JpegLsContexts.B] <= -n) {
                errval = ~errval;
            }
            JpegLsContexts.update(st, i, errval, step, reset);
            int rx = px + ((errval ^ sign) - sign) * step;
            if (modMask >= 0) {
                row[x] = rx & modMask; // lossless with RANGE a power of two: the modulo is a mask
            } else {
                if (rx < -near) {
                    rx += wrap;
                } else if (rx > maxVal + near) {
                    rx -= wrap;
                }
                row[x] = rx < 0 ? 0 : rx > maxVal ? maxVal : rx;
            }
            x++;
        }
        r.acc = acc;
        r.bits = bits;
    }

    /** One sample in regular mode (T.87 A.3 to A.6) with context q (non-zero, signed). */
    private int decodeRegular(int q, int ra, int rb, int rc) throws CodecException {
        JpegLsParameters p = params;
        int sign = q >> 31;
        q = (q ^ sign) - sign;
        int px = JpegLsContexts.predict(ra, rb, rc);
        px += (ctx.c(q) ^ sign) - sign;
        if (px > p.maxVal) {
            px = p.maxVal;
        } else if (px < 0) {
            px = 0;
        }
        int k = ctx.k(q);
        int m = in.readGolomb(k, p.limit, p.qbpp);
        int errval = ((m >>> 1) ^ -(m & 1)) ^ ctx.errorCorrection(q, k);
        ctx.update(q, errval);
        return reconstruct(px + ((errval ^ sign) - sign) * p.step);
    }

    /** Undoes the modulo reduction (T.87 A.4.4) and clamps to 0..MAXVAL. */
    private int reconstruct(int rx) {
        JpegLsParameters p = params;
        if (rx < -p.near) {
            rx += p.range * p.step;
        } else if (rx > p.maxVal + p.near) {
            rx -= p.range * p.step;
        }
        return rx < 0 ? 0 : rx > p.maxVal ? p.maxVal : rx;
    }

    /** Run mode from sample x (T.87 A.7): the run, then (unless it ends the line) the interruption sample. */
    private int decodeRun(int[] up, int[] row, int x, int comp) throws CodecException {
        int w = width;
        int ra = row[x - 1];
        int ri = ctx.runIndex[comp];
        while (in.readBit() == 1) {
            int full = 1 << J[ri];
            int count = Math.min(full, w + 1 - x);
            Arrays.fill(row, x, x + count, ra);
            x += count;
            if (count == full && ri < 31) {
                ri++;
            }
            if (x > w) {
                ctx.runIndex[comp] = ri;
                return x;
            }
        }
        int count = in.readBits(J[ri]);
        if (x + count > w) {
            throw new CodecException(JpegLsBitReader.CODEC, "a run of " + count + " samples goes past the end of "
                    + "the line", in.offset());
        }
        Arrays.fill(row, x, x + count, ra);
        x += count;
        int rb = up[x];
        JpegLsParameters p = params;
        int riType = Math.abs(ra - rb) <= p.near ? 1 : 0;
        int errval = decodeInterruption(riType, ri);
        if (riType == 1) {
            row[x] = reconstruct(ra + errval * p.step);
        } else {
            row[x] = reconstruct(rb + (ra > rb ? -errval : errval) * p.step);
        }
        ctx.runIndex[comp] = ri > 0 ? ri - 1 : 0;
        return x + 1;
    }

    /** The error of a run interruption sample (T.87 A.7.2), with the context update. */
    private int decodeInterruption(int riType, int ri) throws CodecException {
        JpegLsParameters p = params;
        int q = JpegLsContexts.RUN_CONTEXT + riType;
        int k = ctx.runK(q, riType);
        int em = in.readGolomb(k, p.limit - J[ri] - 1, p.qbpp);
        int temp = em + riType;
        int map = temp & 1;
        int abs = (temp + map) >> 1;
        boolean negativeIfMapped = k != 0 || 2 * ctx.nn[q] >= ctx.n(q);
        int errval = negativeIfMapped == (map == 1) ? -abs : abs;
        ctx.updateRun(q, riType, errval, em);
        return errval;
    }

    /** A line of all components sample by sample (interleave mode 2). */
    private void decodeSampleInterleavedLine(int ns) throws CodecException {
        int[][] prev = lines.prev;
        int[][] cur = lines.cur;
        JpegLsParameters p = params;
        byte[] quant = p.quant;
        int qo = p.quantOffset;
        int w = width;
        for (int i = 0; i < ns; i++) {
            prev[i][w + 1] = prev[i][w];
            cur[i][0] = prev[i][1];
        }
        int[] qs = new int[ns];
        int x = 1;
        while (x <= w) {
            boolean run = true;
            for (int i = 0; i < ns; i++) {
                int[] up = prev[i];
                int[] row = cur[i];
                int ra = row[x - 1];
                int rb = up[x];
                int rc = up[x - 1];
                qs[i] = JpegLsContexts.context(quant, qo, ra, rb, rc, up[x + 1]);
                run &= qs[i] == 0;
            }
            if (run) {
                x = decodeInterleavedRun(ns, x);
                continue;
            }
            for (int i = 0; i < ns; i++) {
                int[] up = prev[i];
                int[] row = cur[i];
                row[x] = qs[i] == 0 ? decodeRegularZero(row[x - 1], up[x], up[x - 1])
                        : decodeRegular(qs[i], row[x - 1], up[x], up[x - 1]);
            }
            x++;
        }
    }

    /** Regular mode with context 0, which only sample-interleaved scans use (the others switch to run mode). */
    private int decodeRegularZero(int ra, int rb, int rc) throws CodecException {
        JpegLsParameters p = params;
        int px = JpegLsContexts.predict(ra, rb, rc);
        px += ctx.c(0);
        px = px > p.maxVal ? p.maxVal : px < 0 ? 0 : px;
        int k = ctx.k(0);
        int m = in.readGolomb(k, p.limit, p.qbpp);
        int errval = ((m >>> 1) ^ -(m & 1)) ^ ctx.errorCorrection(0, k);
        ctx.update(0, errval);
        return reconstruct(px + errval * p.step);
    }

    private int decodeInterleavedRun(int ns, int x) throws CodecException {
        int[][] prev = lines.prev;
        int[][] cur = lines.cur;
        int w = width;
        int ri = ctx.runIndex[0];
        int end = x;
        boolean lineEnd = false;
        while (in.readBit() == 1) {
            int full = 1 << J[ri];
            int count = Math.min(full, w + 1 - end);
            end += count;
            if (count == full && ri < 31) {
                ri++;
            }
            if (end > w) {
                lineEnd = true;
                break;
            }
        }
        if (!lineEnd) {
            int count = in.readBits(J[ri]);
            if (end + count > w) {
                throw new CodecException(JpegLsBitReader.CODEC, "a run of " + count + " pixels goes past the end "
                        + "of the line", in.offset());
            }
            end += count;
        }
        for (int i = 0; i < ns; i++) {
            Arrays.fill(cur[i], x, end, cur[i][x - 1]);
        }
        if (lineEnd) {
            ctx.runIndex[0] = ri;
            return end;
        }
        JpegLsParameters p = params;
        for (int i = 0; i < ns; i++) {
            int ra = cur[i][end - 1];
            int rb = prev[i][end];
            int errval = decodeInterruption(0, ri);
            cur[i][end] = reconstruct(rb + (rb < ra ? -errval : errval) * p.step);
        }
        ctx.runIndex[0] = ri > 0 ? ri - 1 : 0;
        return end + 1;
    }

    private void store(FrameBuffer dst, int[] row, int y, int c) {
        int spp = format.samplesPerPixel();
        int w = width;
        int p = y * w * spp + c;
        if (dst.shorts() != null) {
            short[] d = dst.shorts();
            for (int x = 1; x <= w; x++, p += spp) {
                d[p] = (short) row[x];
            }
        } else {
            byte[] d = dst.bytes();
            for (int x = 1; x <= w; x++, p += spp) {
                d[p] = (byte) row[x];
            }
        }
    }
}
