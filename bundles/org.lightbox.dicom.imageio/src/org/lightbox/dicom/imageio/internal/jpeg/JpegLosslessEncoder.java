package org.lightbox.dicom.imageio.internal.jpeg;

import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameEncoder;
import org.lightbox.dicom.imageio.FrameFormat;

/**
 * Encodes lossless JPEG (process 14) with one interleaved scan, the chosen predictor and no point transform. Two
 * passes per frame: the first computes the differences and their category counts, from which an optimal Huffman
 * table is made (T.81 K.2); the second writes the codes. Precision is Bits Stored (at least 2); the samples' bits
 * above it are ignored, so signed data are coded as their two's complement bit patterns.
 */
final class JpegLosslessEncoder implements FrameEncoder {

    private final FrameFormat format;
    private final int precision;
    private final int predictor;
    private final int[] differences;
    private final int[][] rows;
    private final EntropyWriter out;
    /** Rows per restart interval; 0 for none. */
    private final int restartRows;

    JpegLosslessEncoder(FrameFormat format, int predictor) {
        this(format, predictor, 0);
    }

    /** With a restart marker every {@code restartRows} rows (rows times columns must fit 16 bits). */
    JpegLosslessEncoder(FrameFormat format, int predictor, int restartRows) {
        if (restartRows < 0 || (long) restartRows * format.columns() > 0xFFFF) {
            throw new IllegalArgumentException("restart interval of " + restartRows + " rows");
        }
        this.restartRows = restartRows;
        this.format = format.withPlanar(false);
        this.precision = Math.max(2, format.bitsStored());
        this.predictor = predictor;
        this.differences = new int[format.samples()];
        this.rows = new int[2 * format.samplesPerPixel()][format.columns()];
        this.out = new EntropyWriter(format.samples() + 1024);
    }

    @Override
    public FrameFormat encodedFormat() {
        return format;
    }

    @Override
    public boolean isLossy() {
        return false;
    }

    @Override
    public byte[] encode(FrameBuffer src) {
        FrameBuffer in = src.withPlanar(false);
        long[] freq = new long[17];
        computeDifferences(in, freq);
        HuffmanEncoding table = HuffmanEncoding.optimal(freq);
        writeHeaders(table);
        writeDifferences(table);
        out.align();
        out.marker(JpegHeader.EOI);
        return out.toByteArray();
    }

    /** Pass one: the difference of each sample from its prediction (T.81 H.1.2), modulo 2^16. */
    private void computeDifferences(FrameBuffer src, long[] freq) {
        int spp = format.samplesPerPixel();
        int w = format.columns();
        int h = format.rows();
        int mask = (1 << precision) - 1;
        int initial = 1 << (precision - 1);
        int[] d = differences;
        for (int c = 0; c < spp; c++) {
            int[] up = rows[2 * c];
            int[] row = rows[2 * c + 1];
            for (int y = 0; y < h; y++) {
                int base = y * w * spp + c;
                readRow(src, base, spp, row, mask);
                boolean firstLine = y == 0 || restartRows > 0 && y % restartRows == 0;
                for (int x = 0; x < w; x++) {
                    int pred;
                    if (firstLine) {
                        pred = x == 0 ? initial : row[x - 1];
                    } else if (x == 0) {
                        pred = up[0];
                    } else {
                        pred = predictor == 1 ? row[x - 1]
                                : JpegLosslessDecoder.predict(predictor, row[x - 1], up[x], up[x - 1]);
                    }
                    int diff = (row[x] - pred) & 0xFFFF;
                    if (diff >= 32768) {
                        diff -= 65536;
                    }
                    d[base + x * spp] = diff;
                    freq[category(diff)]++;
                }
                int[] t = up;
                up = row;
                row = t;
            }
        }
    }

    private static void readRow(FrameBuffer src, int base, int step, int[] row, int mask) {
        int w = row.length;
        if (src.shorts() != null) {
            short[] s = src.shorts();
            for (int x = 0, p = base; x < w; x++, p += step) {
                row[x] = s[p] & mask;
            }
        } else if (src.bytes() != null) {
            byte[] s = src.bytes();
            for (int x = 0, p = base; x < w; x++, p += step) {
                row[x] = s[p] & mask;
            }
        } else {
            int[] s = src.ints();
            for (int x = 0, p = base; x < w; x++, p += step) {
                row[x] = s[p] & mask;
            }
        }
    }

    /** SSSS of T.81 table H.2; -32768 is the difference 32768 of category 16. */
    static int category(int diff) {
        if (diff == -32768) {
            return 16;
        }
        return 32 - Integer.numberOfLeadingZeros(diff < 0 ? -diff : diff);
    }

    private void writeHeaders(HuffmanEncoding table) {
        int spp = format.samplesPerPixel();
        EntropyWriter w = out;
        w.reset();
        w.marker(JpegHeader.SOI);
        w.frameHeader(JpegHeader.SOF3, precision, format.rows(), format.columns(), spp);
        if (restartRows > 0) {
            w.restartInterval(restartRows * format.columns());
        }
        w.marker(JpegHeader.DHT);
        w.u16(2 + table.tableLength());
        w.huffmanTable(table, 0x00);
        w.scanHeaderComponents(spp, 0x00);
        w.u8(predictor); // Ss: the predictor
        w.u8(0); // Se
        w.u8(0); // Ah, Al: no point transform
    }

    /** Pass two: each difference as its category's code and the category's low bits (T.81 H.1.2.2). */
    private void writeDifferences(HuffmanEncoding table) {
        int[] d = differences;
        int[] code = table.code;
        int[] length = table.length;
        EntropyWriter w = out;
        int rowLength = format.columns() * format.samplesPerPixel();
        int row = 0;
        for (int start = 0; start < d.length; start += rowLength, row++) {
            if (restartRows > 0 && row > 0 && row % restartRows == 0) {
                w.align();
                w.marker(0xD0 + (row / restartRows - 1) % 8);
            }
            w.ensure(rowLength * 8 + 16);
            for (int i = start, end = start + rowLength; i < end; i++) {
                int diff = d[i];
                int s = category(diff);
                if (s == 0 || s == 16) {
                    w.bits(code[s], length[s]);
                } else {
                    int extra = diff < 0 ? diff - 1 : diff;
                    w.bits((code[s] << s) | (extra & ((1 << s) - 1)), length[s] + s);
                }
            }
        }
    }
}
