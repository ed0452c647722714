package org.lightbox.dicom.imageio.internal.jpeg;

import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameEncoder;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PhotometricInterpretation;

/**
 * Encodes sequential DCT JPEG: baseline (8-bit, SOF0) or extended (8 or 12-bit, SOF1), Huffman tables optimized per
 * frame. RGB frames are coded as YCbCr with 4:2:2 chroma subsampling (Photometric Interpretation becomes
 * YBR_FULL_422, as DICOM expects of lossy JPEG); YBR_FULL frames are coded as they are, 4:4:4; monochrome frames as
 * one component. Quantization: the example tables of T.81 annex K scaled by the IJG quality factor.
 */
final class JpegDctEncoder implements FrameEncoder {

    private static final int[] LUMINANCE = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22,
        29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103,
        121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99 };
    private static final int[] CHROMINANCE = {
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99 };
    /** cos((2x + 1) u pi / 16) * C(u) / 2, indexed [u * 8 + x]. */
    private static final double[] DCT = new double[64];

    static {
        for (int u = 0; u < 8; u++) {
            for (int x = 0; x < 8; x++) {
                DCT[u * 8 + x] = (u == 0 ? Math.sqrt(0.5) : 1) / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    private final FrameFormat source;
    private final FrameFormat encoded;
    private final boolean baseline;
    private final int precision;
    private final int components;
    private final boolean toYcc;
    private final int[] hs;
    private final int[][] quant = new int[2][64];
    private final int[] quantOf;
    private final EntropyWriter out;

    JpegDctEncoder(FrameFormat source, boolean baseline, int quality) {
        this.source = source;
        this.baseline = baseline;
        this.precision = source.bitsStored() <= 8 ? 8 : 12;
        this.components = source.samplesPerPixel();
        this.toYcc = components == 3 && source.photometric() == PhotometricInterpretation.RGB;
        this.hs = components == 1 ? new int[] { 1 } : toYcc ? new int[] { 2, 1, 1 } : new int[] { 1, 1, 1 };
        this.quantOf = components == 1 ? new int[] { 0 } : new int[] { 0, 1, 1 };
        FrameFormat e = source.withPlanar(false).withBits(source.bitsAllocated(), precision);
        if (toYcc) {
            e = e.withPhotometric(PhotometricInterpretation.YBR_FULL_422);
        }
        this.encoded = e;
        int scale = quality < 50 ? 5000 / quality : 200 - 2 * quality;
        int max = baseline ? 255 : 32767;
        for (int i = 0; i < 64; i++) {
            quant[0][i] = Math.max(1, Math.min(max, (LUMINANCE[i] * scale + 50) / 100));
            quant[1][i] = Math.max(1, Math.min(max, (CHROMINANCE[i] * scale + 50) / 100));
        }
        this.out = new EntropyWriter(source.samples() / 2 + 1024);
    }

    @Override
    public FrameFormat encodedFormat() {
        return encoded;
    }

    @Override
    public boolean isLossy() {
        return true;
    }

    @Override
    public byte[] encode(FrameBuffer src) {
        int w = source.columns();
        int h = source.rows();
        int maxH = hs[0];
        int mcusX = (w + 8 * maxH - 1) / (8 * maxH);
        int mcusY = (h + 7) / 8;
        int pw = mcusX * 8 * maxH;
        int ph = mcusY * 8;
        int[][] planes = planes(src.withPlanar(false), pw, ph);
        // quantized coefficients of every block, in coding order
        int blocksPerMcu = 0;
        for (int c = 0; c < components; c++) {
            blocksPerMcu += hs[c];
        }
        int[] coefs = new int[mcusX * mcusY * blocksPerMcu * 64];
        double[] tmp = new double[64];
        int b = 0;
        for (int my = 0; my < mcusY; my++) {
            for (int mx = 0; mx < mcusX; mx++) {
                for (int c = 0; c < components; c++) {
                    int stride = pw / (maxH / hs[c]);
                    for (int u = 0; u < hs[c]; u++) {
                        forward(planes[c], my * 8 * stride + (mx * hs[c] + u) * 8, stride, quant[quantOf[c]], coefs,
                                b, tmp);
                        b += 64;
                    }
                }
            }
        }
        HuffmanEncoding[] tables = optimalTables(coefs, blocksPerMcu);
        writeHeaders(tables);
        writeBlocks(coefs, blocksPerMcu, tables);
        out.align();
        out.marker(JpegHeader.EOI);
        return out.toByteArray();
    }

    /** The component planes, padded to whole MCUs by repeating the last column and row; chroma subsampled. */
    private int[][] planes(FrameBuffer src, int pw, int ph) {
        int w = source.columns();
        int h = source.rows();
        int mask = (1 << precision) - 1;
        int center = 1 << (precision - 1);
        int[][] p = new int[components][pw * ph];
        int[] ycc = new int[3];
        for (int y = 0; y < ph; y++) {
            int sy = Math.min(y, h - 1);
            for (int x = 0; x < pw; x++) {
                int i = (sy * w + Math.min(x, w - 1)) * components;
                if (toYcc) {
                    YCbCr.fromRgb(src.get(i) & mask, src.get(i + 1) & mask, src.get(i + 2) & mask, center, mask, ycc,
                            0);
                    for (int c = 0; c < 3; c++) {
                        p[c][y * pw + x] = ycc[c];
                    }
                } else {
                    for (int c = 0; c < components; c++) {
                        p[c][y * pw + x] = src.get(i + c) & mask;
                    }
                }
            }
        }
        if (toYcc) {
            for (int c = 1; c < 3; c++) {
                int[] half = new int[pw / 2 * ph];
                for (int i = 0; i < half.length; i++) {
                    half[i] = (p[c][2 * i] + p[c][2 * i + 1] + (i & 1)) >> 1;
                }
                p[c] = half;
            }
        }
        return p;
    }

    /** Forward DCT (orthonormal, in doubles) and quantization of one block, stored in zig-zag order. */
    private void forward(int[] plane, int at, int stride, int[] q, int[] dst, int d, double[] tmp) {
        int center = 1 << (precision - 1);
        for (int y = 0; y < 8; y++) {
            for (int u = 0; u < 8; u++) {
                double s = 0;
                for (int x = 0; x < 8; x++) {
                    s += DCT[u * 8 + x] * (plane[at + y * stride + x] - center);
                }
                tmp[y * 8 + u] = s;
            }
        }
        int acMax = precision == 8 ? 1023 : 16383;
        for (int k = 0; k < 64; k++) {
            int n = JpegHeader.ZIGZAG[k];
            int v = n >> 3;
            int u = n & 7;
            double s = 0;
            for (int y = 0; y < 8; y++) {
                s += DCT[v * 8 + y] * tmp[y * 8 + u];
            }
            int c = (int) Math.round(s / q[n]);
            dst[d + k] = k == 0 ? c : Math.max(-acMax, Math.min(acMax, c));
        }
    }

    private static int category(int v) {
        return v == 0 ? 0 : 32 - Integer.numberOfLeadingZeros(v < 0 ? -v : v);
    }

    /** Symbol frequencies of the DC and AC tables (luminance 0/1, chrominance 2/3) and their optimal codes. */
    private HuffmanEncoding[] optimalTables(int[] coefs, int blocksPerMcu) {
        int tableCount = components == 1 ? 1 : 2;
        long[][] freq = new long[2 * tableCount][256];
        int[] pred = new int[components];
        for (int b = 0, blk = 0; b < coefs.length; b += 64, blk++) {
            int c = componentOfBlock(blk % blocksPerMcu);
            int t = 2 * Math.min(c, tableCount - 1);
            int diff = coefs[b] - pred[c];
            pred[c] = coefs[b];
            freq[t][category(diff)]++;
            int run = 0;
            for (int k = 1; k < 64; k++) {
                int v = coefs[b + k];
                if (v == 0) {
                    run++;
                    continue;
                }
                while (run > 15) {
                    freq[t + 1][0xF0]++;
                    run -= 16;
                }
                freq[t + 1][(run << 4) | category(v)]++;
                run = 0;
            }
            if (run > 0) {
                freq[t + 1][0]++;
            }
        }
        HuffmanEncoding[] tables = new HuffmanEncoding[2 * tableCount];
        for (int t = 0; t < tables.length; t++) {
            tables[t] = HuffmanEncoding.optimal(freq[t]);
        }
        return tables;
    }

    private int componentOfBlock(int indexInMcu) {
        int c = 0;
        while (indexInMcu >= hs[c]) {
            indexInMcu -= hs[c];
            c++;
        }
        return c;
    }

    private void writeHeaders(HuffmanEncoding[] tables) {
        EntropyWriter w = out;
        w.reset();
        w.marker(JpegHeader.SOI);
        int tableCount = components == 1 ? 1 : 2;
        for (int t = 0; t < tableCount; t++) {
            boolean wide = false;
            for (int v : quant[t]) {
                wide |= v > 255;
            }
            w.marker(JpegHeader.DQT);
            w.u16(2 + 1 + (wide ? 128 : 64));
            w.u8((wide ? 0x10 : 0) | t);
            for (int k = 0; k < 64; k++) {
                int v = quant[t][JpegHeader.ZIGZAG[k]];
                if (wide) {
                    w.u16(v);
                } else {
                    w.u8(v);
                }
            }
        }
        w.marker(baseline ? JpegHeader.SOF0 : JpegHeader.SOF1);
        w.u16(8 + 3 * components);
        w.u8(precision);
        w.u16(source.rows());
        w.u16(source.columns());
        w.u8(components);
        for (int c = 0; c < components; c++) {
            w.u8(c + 1);
            w.u8((hs[c] << 4) | 1);
            w.u8(quantOf[c]);
        }
        for (int t = 0; t < tables.length; t++) {
            HuffmanEncoding e = tables[t];
            w.marker(JpegHeader.DHT);
            w.u16(2 + e.tableLength());
            w.huffmanTable(e, ((t & 1) << 4) | (t >> 1));
        }
        w.marker(JpegHeader.SOS);
        w.u16(6 + 2 * components);
        w.u8(components);
        for (int c = 0; c < components; c++) {
            int t = Math.min(c, 1);
            w.u8(c + 1);
            w.u8((t << 4) | t);
        }
        w.u8(0);
        w.u8(63);
        w.u8(0);
    }

    private void writeBlocks(int[] coefs, int blocksPerMcu, HuffmanEncoding[] tables) {
        EntropyWriter w = out;
        int tableCount = components == 1 ? 1 : 2;
        int[] pred = new int[components];
        for (int b = 0, blk = 0; b < coefs.length; b += 64, blk++) {
            w.ensure(64 * 8 + 16);
            int c = componentOfBlock(blk % blocksPerMcu);
            int t = 2 * Math.min(c, tableCount - 1);
            HuffmanEncoding dc = tables[t];
            HuffmanEncoding ac = tables[t + 1];
            int diff = coefs[b] - pred[c];
            pred[c] = coefs[b];
            int s = category(diff);
            w.bits(dc.code[s], dc.length[s]);
            if (s > 0) {
                w.bits(diff < 0 ? diff - 1 : diff, s);
            }
            int run = 0;
            for (int k = 1; k < 64; k++) {
                int v = coefs[b + k];
                if (v == 0) {
                    run++;
                    continue;
                }
                while (run > 15) {
                    w.bits(ac.code[0xF0], ac.length[0xF0]);
                    run -= 16;
                }
                s = category(v);
                int sym = (run << 4) | s;
                w.bits(ac.code[sym], ac.length[sym]);
                w.bits(v < 0 ? v - 1 : v, s);
                run = 0;
            }
            if (run > 0) {
                w.bits(ac.code[0], ac.length[0]);
            }
        }
    }
}
