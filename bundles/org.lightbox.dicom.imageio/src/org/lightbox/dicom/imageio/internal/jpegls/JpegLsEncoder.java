package org.lightbox.dicom.imageio.internal.jpegls;

import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameEncoder;
import org.lightbox.dicom.imageio.FrameFormat;

/**
 * Encodes JPEG-LS (T.87) frames with the default parameters: one scan, no interleaving for one component, line
 * interleaving for colour (as dcmtk does). Precision is Bits Stored (lossless: at least 8); bits above are ignored. With
 * NEAR > 0 every sample is within NEAR of the original.
 */
final class JpegLsEncoder implements FrameEncoder {

    private static final int[] J = JpegLsParameters.J;

    private final FrameFormat format;
    private final int precision;
    private final JpegLsParameters params;
    private final JpegLsContexts ctx = new JpegLsContexts();
    private final JpegLsBitWriter out = new JpegLsBitWriter();
    private final int width;
    private final JpegLsLines lines;
    /** Lines per restart interval; 0 for none. */
    private final int restartLines;

    JpegLsEncoder(FrameFormat format, int near) {
        this(format, near, 0);
    }

    /** With a restart marker every {@code restartLines} lines. */
    JpegLsEncoder(FrameFormat format, int near, int restartLines) {
        if (restartLines < 0 || restartLines > 0xFFFF) {
            throw new IllegalArgumentException("restart interval of " + restartLines + " lines");
        }
        this.restartLines = restartLines;
        this.format = format.withPlanar(false);
        // below 8 bits dcmtk's CharLS refuses some precisions (5, say) and ignores a smaller MAXVAL in an LSE
        // segment: lossless frames are coded as 8-bit, as dcmtk does. Near-lossless ones keep their precision, or
        // reconstructions could leave the stored bits.
        this.precision = near > 0 ? Math.max(2, format.bitsStored()) : Math.max(8, format.bitsStored());
        this.params = new JpegLsParameters(precision, near, 0, 0, 0, 0, 0);
        this.width = format.columns();
        lines = new JpegLsLines(format.samplesPerPixel(), width);
    }

    @Override
    public FrameFormat encodedFormat() {
        return format;
    }

    @Override
    public boolean isLossy() {
        return params.near > 0;
    }

    @Override
    public byte[] encode(FrameBuffer src) {
        FrameBuffer in = src.withPlanar(false);
        int spp = format.samplesPerPixel();
        JpegLsBitWriter w = out;
        w.reset();
        w.marker(JpegLsHeader.SOI);
        w.frameHeader(JpegLsHeader.SOF55, precision, format.rows(), width, spp);
        if (restartLines > 0) {
            w.restartInterval(restartLines);
        }
        w.scanHeaderComponents(spp, 0); // no mapping tables
        w.u8(params.near);
        w.u8(spp == 1 ? 0 : 1); // ILV: none or line
        w.u8(0); // point transform: none
        encodeScan(in);
        w.finish();
        w.marker(JpegLsHeader.EOI);
        return w.toByteArray();
    }

    private void encodeScan(FrameBuffer src) {
        int spp = format.samplesPerPixel();
        int mask = (1 << precision) - 1;
        startInterval();
        for (int y = 0; y < format.rows(); y++) {
            if (restartLines > 0 && y > 0 && y % restartLines == 0) {
                out.finish();
                out.marker(0xD0 + (y / restartLines - 1) % 8);
                startInterval();
            }
            out.ensure(spp * width * 8 + 64);
            for (int c = 0; c < spp; c++) {
                load(src, y, c, lines.cur[c], mask);
                encodeLine(lines.prev[c], lines.cur[c], c);
                lines.advance(c);
            }
        }
    }

    /** A scan or restart interval starts afresh (T.87 A.2.1). */
    private void startInterval() {
        ctx.reset(params);
        lines.clear(format.samplesPerPixel());
    }

    private void load(FrameBuffer src, int y, int c, int[] row, int mask) {
        int spp = format.samplesPerPixel();
        int p = y * width * spp + c;
        if (src.shorts() != null) {
            short[] s = src.shorts();
            for (int x = 1; x <= width; x++, p += spp) {
                row[x] = s[p] & mask;
            }
        } else {
            byte[] s = src.bytes();
            for (int x = 1; x <= width; x++, p += spp) {
                row[x] = s[p] & mask;
            }
        }
    }

    /** Codes one line; {@code row} holds the samples and is left holding the reconstructed values. */
    private void encodeLine(int[] up, int[] row, int comp) {
        JpegLsParameters p = params;
        byte[] quant = p.quant;
        int qo = p.quantOffset;
        int w = width;
        up[w + 1] = up[w];
        row[0] = up[1];
        int x = 1;
        while (x <= w) {
            int ra = row[x - 1];
            int rb = up[x];
            int rc = up[x - 1];
            int q = JpegLsContexts.context(quant, qo, ra, rb, rc, up[x + 1]);
            if (q == 0) {
                x = encodeRun(up, row, x, comp);
            } else {
                row[x] = encodeRegular(q, row[x], ra, rb, rc);
                x++;
            }
        }
    }

    private int encodeRegular(int q, int ix, int ra, int rb, int rc) {
        JpegLsParameters p = params;
        int sign = q >> 31;
        q = (q ^ sign) - sign;
        int px = JpegLsContexts.predict(ra, rb, rc);
        px += (ctx.c(q) ^ sign) - sign;
        px = px > p.maxVal ? p.maxVal : px < 0 ? 0 : px;
        int errval = ((ix - px) ^ sign) - sign;
        int rx = ix;
        if (p.near > 0) {
            errval = quantizeError(errval);
            rx = clamp(px + ((errval ^ sign) - sign) * p.step);
        }
        errval = reduce(errval);
        int k = ctx.k(q);
        int e = errval ^ ctx.errorCorrection(q, k);
        int m = e >= 0 ? 2 * e : -2 * e - 1;
        out.writeGolomb(k, m, p.limit, p.qbpp);
        ctx.update(q, errval);
        return rx;
    }

    private int quantizeError(int errval) {
        JpegLsParameters p = params;
        return errval > 0 ? (p.near + errval) / p.step : -((p.near - errval) / p.step);
    }

    /** Modulo reduction of an error into -RANGE/2 .. RANGE/2 (T.87 A.4.5). */
    private int reduce(int errval) {
        int range = params.range;
        if (errval < 0) {
            errval += range;
        }
        if (errval >= (range + 1) / 2) {
            errval -= range;
        }
        return errval;
    }

    private int clamp(int v) {
        return v < 0 ? 0 : v > params.maxVal ? params.maxVal : v;
    }

    private int encodeRun(int[] up, int[] row, int x, int comp) {
        JpegLsParameters p = params;
        int w = width;
        int ra = row[x - 1];
        int start = x;
        while (x <= w && Math.abs(row[x] - ra) <= p.near) {
            row[x] = ra;
            x++;
        }
        int length = x - start;
        int ri = ctx.runIndex[comp];
        while (length >= 1 << J[ri]) {
            out.write(1, 1);
            length -= 1 << J[ri];
            if (ri < 31) {
                ri++;
            }
        }
        if (x > w) {
            if (length > 0) {
                out.write(1, 1);
            }
            ctx.runIndex[comp] = ri;
            return x;
        }
        out.write(length, J[ri] + 1); // a zero bit, then the remainder in J[RUNindex] bits
        int ix = row[x];
        int rb = up[x];
        int riType = Math.abs(ra - rb) <= p.near ? 1 : 0;
        int px = riType == 1 ? ra : rb;
        int sign = riType == 0 && ra > rb ? -1 : 1;
        int errval = sign * (ix - px);
        int rx = ix;
        if (p.near > 0) {
            errval = quantizeError(errval);
            rx = clamp(px + sign * errval * p.step);
        }
        errval = reduce(errval);
        encodeInterruption(riType, errval, ri);
        row[x] = rx;
        ctx.runIndex[comp] = ri > 0 ? ri - 1 : 0;
        return x + 1;
    }

    private void encodeInterruption(int riType, int errval, int ri) {
        int q = JpegLsContexts.RUN_CONTEXT + riType;
        int k = ctx.runK(q, riType);
        boolean nnSmall = 2 * ctx.nn[q] < ctx.n(q);
        int map;
        if (k == 0 && errval > 0 && nnSmall) {
            map = 1;
        } else if (errval < 0 && !nnSmall) {
            map = 1;
        } else if (errval < 0 && k != 0) {
            map = 1;
        } else {
            map = 0;
        }
        int em = 2 * Math.abs(errval) - riType - map;
        out.writeGolomb(k, em, params.limit - J[ri] - 1, params.qbpp);
        ctx.updateRun(q, riType, errval, em);
    }
}
