package org.lightbox.dicom.imageio.internal.jpeg;

import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameDecoder;
import org.lightbox.dicom.imageio.FrameFormat;

/**
 * Decodes lossless JPEG (process 14, T.81 annex H): any predictor 1..7, precision 2..16, point transform, restart
 * intervals, one scan with all components interleaved or one scan per component. Components must all be full size
 * (sampling 1x1), as DICOM images are.
 */
final class JpegLosslessDecoder implements FrameDecoder {

    static final String NAME = "JPEG lossless";

    private final FrameFormat format;
    private final JpegHeader header = new JpegHeader(NAME);
    private final EntropyReader in = new EntropyReader(NAME);
    private final int[][] prev;
    private final int[][] cur;

    JpegLosslessDecoder(FrameFormat format) {
        this.format = format.withPlanar(false); // JPEG interleaves the components of a pixel
        int spp = format.samplesPerPixel();
        prev = new int[spp][format.columns()];
        cur = new int[spp][format.columns()];
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
        if (header.sof != JpegHeader.SOF3) {
            throw header.fail("not a lossless (process 14) JPEG stream", at);
        }
        if (header.width != format.columns() || header.height != format.rows()
                || header.componentCount != format.samplesPerPixel()) {
            throw header.fail("JPEG frame is " + header.width + "x" + header.height + "x" + header.componentCount
                    + ", the image " + format.columns() + "x" + format.rows() + "x" + format.samplesPerPixel(), at);
        }
        if (header.precision < 2 || header.precision > 16 || header.precision > format.bitsAllocated()) {
            throw header.fail("precision " + header.precision + " with " + format.bitsAllocated()
                    + " bits allocated", at);
        }
        if (header.maxH != 1 || header.maxV != 1) {
            throw header.fail("subsampled components are not supported in lossless JPEG", at);
        }
        if (header.ss < 1 || header.ss > 7 || header.al >= header.precision) {
            throw header.fail("selection value " + header.ss + " or point transform " + header.al, at);
        }
        for (int i = 0; i < header.scanComponents; i++) {
            if (!header.dc[header.scanDc[i]].defined) {
                throw header.fail("scan uses undefined Huffman table " + header.scanDc[i], at);
            }
        }
        int ri = header.restartInterval;
        if (ri > 0 && ri % format.columns() != 0) {
            throw header.fail("restart interval " + ri + " is not a multiple of the row length", at);
        }
    }

    private void decodeScan(FrameBuffer dst) throws CodecException {
        int ns = header.scanComponents;
        int width = format.columns();
        int rows = format.rows();
        int predictor = header.ss;
        int pt = header.al;
        int initial = 1 << (header.precision - pt - 1);
        int restartRows = header.restartInterval / width;
        in.reset(header.buffer(), header.base(), header.position(), header.end());
        HuffmanTable[] tables = new HuffmanTable[ns];
        for (int i = 0; i < ns; i++) {
            tables[i] = header.dc[header.scanDc[i]];
        }
        int restarts = 0;
        boolean firstLine = true;
        for (int y = 0; y < rows; y++) {
            if (restartRows > 0 && y > 0 && y % restartRows == 0) {
                in.restart(restarts++);
                firstLine = true;
            }
            if (ns == 1) {
                int c = header.scanComponent[0];
                decodeRow(tables[0], prev[c], cur[c], firstLine, predictor, initial);
            } else {
                decodeInterleavedRow(tables, ns, firstLine, predictor, initial);
            }
            for (int i = 0; i < ns; i++) {
                int c = header.scanComponent[i];
                store(dst, cur[c], y, c, pt);
                int[] t = prev[c];
                prev[c] = cur[c];
                cur[c] = t;
            }
            firstLine = false;
        }
        in.finish();
    }

    /** One row of one component: the predictors of T.81 table H.1, values modulo 2^16. */
    private void decodeRow(HuffmanTable t, int[] up, int[] row, boolean firstLine, int predictor, int initial)
            throws CodecException {
        EntropyReader r = in;
        int w = row.length;
        int left = ((firstLine ? initial : up[0]) + r.decodeDifference(t)) & 0xFFFF;
        row[0] = left;
        if (firstLine) {
            predictor = 1;
        }
        switch (predictor) {
            case 1:
                for (int x = 1; x < w; x++) {
                    left = (left + r.decodeDifference(t)) & 0xFFFF;
                    row[x] = left;
                }
                break;
            case 2:
                for (int x = 1; x < w; x++) {
                    row[x] = (up[x] + r.decodeDifference(t)) & 0xFFFF;
                }
                break;
            case 3:
                for (int x = 1; x < w; x++) {
                    row[x] = (up[x - 1] + r.decodeDifference(t)) & 0xFFFF;
                }
                break;
            case 4:
                for (int x = 1; x < w; x++) {
                    left = (left + up[x] - up[x - 1] + r.decodeDifference(t)) & 0xFFFF;
                    row[x] = left;
                }
                break;
            case 5:
                for (int x = 1; x < w; x++) {
                    left = (left + ((up[x] - up[x - 1]) >> 1) + r.decodeDifference(t)) & 0xFFFF;
                    row[x] = left;
                }
                break;
            case 6:
                for (int x = 1; x < w; x++) {
                    left = (up[x] + ((left - up[x - 1]) >> 1) + r.decodeDifference(t)) & 0xFFFF;
                    row[x] = left;
                }
                break;
            default:
                for (int x = 1; x < w; x++) {
                    left = (((left + up[x]) >> 1) + r.decodeDifference(t)) & 0xFFFF;
                    row[x] = left;
                }
                break;
        }
    }

    /** One row of all the scan's components, pixel by pixel. */
    private void decodeInterleavedRow(HuffmanTable[] tables, int ns, boolean firstLine, int predictor, int initial)
            throws CodecException {
        int w = format.columns();
        for (int x = 0; x < w; x++) {
            for (int i = 0; i < ns; i++) {
                int c = header.scanComponent[i];
                int[] up = prev[c];
                int[] row = cur[c];
                int p;
                if (x == 0) {
                    p = firstLine ? initial : up[0];
                } else if (firstLine) {
                    p = row[x - 1];
                } else {
                    p = predict(predictor, row[x - 1], up[x], up[x - 1]);
                }
                row[x] = (p + in.decodeDifference(tables[i])) & 0xFFFF;
            }
        }
    }

    static int predict(int predictor, int ra, int rb, int rc) {
        switch (predictor) {
            case 1: return ra;
            case 2: return rb;
            case 3: return rc;
            case 4: return ra + rb - rc;
            case 5: return ra + ((rb - rc) >> 1);
            case 6: return rb + ((ra - rc) >> 1);
            default: return (ra + rb) >> 1;
        }
    }

    private void store(FrameBuffer dst, int[] row, int y, int c, int pt) {
        int spp = format.samplesPerPixel();
        int w = row.length;
        int p = y * w * spp + c;
        if (dst.shorts() != null) {
            short[] d = dst.shorts();
            for (int x = 0; x < w; x++, p += spp) {
                d[p] = (short) (row[x] << pt);
            }
        } else {
            byte[] d = dst.bytes();
            for (int x = 0; x < w; x++, p += spp) {
                d[p] = (byte) (row[x] << pt);
            }
        }
    }
}
