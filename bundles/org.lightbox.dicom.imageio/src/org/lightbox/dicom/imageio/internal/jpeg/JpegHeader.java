package org.lightbox.dicom.imageio.internal.jpeg;

import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.internal.jpegcommon.MarkerSegmentReader;

/**
 * Parses the marker segments of a JPEG stream (T.81 annex B) up to each scan: frame header, Huffman and
 * quantization tables, restart interval and scan header; the segment syntax itself is read by
 * {@link MarkerSegmentReader}. A corrupt header fails with the offset of the bad segment. Reused from frame to frame.
 */
final class JpegHeader extends MarkerSegmentReader {

    static final int SOF0 = 0xC0, SOF1 = 0xC1, SOF2 = 0xC2, SOF3 = 0xC3, DHT = 0xC4, DQT = 0xDB, DNL = 0xDC;

    // frame header (the rest is in MarkerSegmentReader)
    int sof = -1;
    final int[] h = new int[4];
    final int[] v = new int[4];
    final int[] quantTable = new int[4];
    int maxH;
    int maxV;

    // tables
    final HuffmanTable[] dc = { new HuffmanTable(), new HuffmanTable(), new HuffmanTable(), new HuffmanTable() };
    final HuffmanTable[] ac = { new HuffmanTable(), new HuffmanTable(), new HuffmanTable(), new HuffmanTable() };
    /** Quantization tables in natural (row-major) order. */
    final int[][] quant = new int[4][64];
    final boolean[] quantDefined = new boolean[4];
    int restartInterval;

    // scan header
    final int[] scanDc = new int[4];
    final int[] scanAc = new int[4];
    int ss;
    int se;
    int ah;
    int al;

    private final int[] counts = new int[17];
    private final byte[] values = new byte[256];

    JpegHeader(String codec) {
        super(codec);
    }

    /** Starts on a new stream: expects SOI at {@code off}. */
    void start(byte[] b, int off, int len) throws CodecException {
        sof = -1;
        restartInterval = 0;
        for (int i = 0; i < 4; i++) {
            dc[i].defined = false;
            ac[i].defined = false;
            quantDefined[i] = false;
        }
        start(b, off, len, "no SOI marker: not a JPEG stream");
    }

    /**
     * Reads marker segments up to the next scan. Returns true with the scan header parsed and {@link #position}
     * at the first byte of entropy-coded data, or false at EOI (or the end of the data after at least one scan).
     */
    boolean nextScan() throws CodecException {
        while (true) {
            int marker = nextMarker();
            if (marker == EOI || marker < 0) {
                if (scanCount == 0) {
                    throw fail(marker < 0 ? "the stream ends before the first scan" : "EOI before any scan",
                            pos - base());
                }
                return false;
            }
            if (marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                continue; // stand-alone markers without a length
            }
            int segStart = pos;
            int segEnd = segmentEnd(marker, pos - base());
            switch (marker) {
                case SOF0: case SOF1: case SOF2: case SOF3:
                case 0xC5: case 0xC6: case 0xC7: case 0xC9: case 0xCA: case 0xCB: case 0xCD: case 0xCE: case 0xCF:
                    readFrameHeader(marker, segEnd);
                    break;
                case DHT:
                    readHuffmanTables(segEnd);
                    break;
                case DQT:
                    readQuantTables(segEnd);
                    break;
                case DRI:
                    if (segEnd - segStart != 4) {
                        throw fail("DRI segment of length " + (segEnd - segStart), segStart - base());
                    }
                    restartInterval = u16(pos);
                    break;
                case SOS:
                    readScanHeader(segEnd);
                    pos = segEnd;
                    scanCount++;
                    return true;
                case DNL:
                    throw fail("DNL marker (height defined after the scan) is not supported", segStart - base());
                case 0xCC:
                    throw fail("arithmetic coding is not supported", segStart - base());
                default:
                    break; // APPn, COM, JPG extensions: skipped
            }
            pos = segEnd;
        }
    }

    private void readFrameHeader(int marker, int segEnd) throws CodecException {
        int at = pos - 4 - base();
        if (marker != SOF0 && marker != SOF1 && marker != SOF3) {
            throw fail("JPEG process of SOF marker FF" + hex(marker) + " is not supported (only baseline, extended "
                    + "sequential and lossless Huffman coding)", at);
        }
        readFrameSize(segEnd, sof >= 0, at);
        if (height == 0) {
            throw fail("frame header gives height 0 (DNL is not supported)", at);
        }
        if (width == 0 || componentCount < 1 || componentCount > 4 || segEnd - pos < 3 * componentCount) {
            throw fail("frame header has width " + width + " and " + componentCount + " components", at);
        }
        maxH = 1;
        maxV = 1;
        for (int i = 0; i < componentCount; i++) {
            componentId[i] = buf[pos] & 0xFF;
            h[i] = (buf[pos + 1] & 0xFF) >> 4;
            v[i] = buf[pos + 1] & 15;
            quantTable[i] = buf[pos + 2] & 0xFF;
            pos += 3;
            if (h[i] < 1 || h[i] > 4 || v[i] < 1 || v[i] > 4 || quantTable[i] > 3) {
                throw fail("component " + componentId[i] + " has sampling " + h[i] + "x" + v[i]
                        + " or quantization table " + quantTable[i], at);
            }
            maxH = Math.max(maxH, h[i]);
            maxV = Math.max(maxV, v[i]);
        }
        sof = marker;
    }

    private void readHuffmanTables(int segEnd) throws CodecException {
        while (pos < segEnd) {
            int at = pos - base();
            if (segEnd - pos < 17) {
                throw fail("Huffman table is cut off", at);
            }
            int tc = (buf[pos] & 0xFF) >> 4;
            int th = buf[pos] & 15;
            if (tc > 1 || th > 3) {
                throw fail("Huffman table class " + tc + " destination " + th, at);
            }
            int total = 0;
            for (int i = 1; i <= 16; i++) {
                counts[i] = buf[pos + i] & 0xFF;
                total += counts[i];
            }
            pos += 17;
            if (total > 256 || segEnd - pos < total) {
                throw fail("Huffman table with " + total + " symbols is cut off or too large", at);
            }
            System.arraycopy(buf, pos, values, 0, total);
            pos += total;
            String bad = (tc == 0 ? dc[th] : ac[th]).build(counts, values, total, tc == 0);
            if (bad != null) {
                throw fail(bad, at);
            }
        }
    }

    private void readQuantTables(int segEnd) throws CodecException {
        while (pos < segEnd) {
            int at = pos - base();
            int pq = (buf[pos] & 0xFF) >> 4;
            int tq = buf[pos] & 15;
            int size = pq == 0 ? 64 : 128;
            if (pq > 1 || tq > 3 || segEnd - pos < 1 + size) {
                throw fail("quantization table precision " + pq + " destination " + tq + " or cut off", at);
            }
            pos++;
            int[] q = quant[tq];
            for (int k = 0; k < 64; k++) {
                q[ZIGZAG[k]] = pq == 0 ? buf[pos + k] & 0xFF : u16(pos + 2 * k);
            }
            pos += size;
            quantDefined[tq] = true;
        }
    }

    private void readScanHeader(int segEnd) throws CodecException {
        int at = pos - 4 - base();
        int ns = readScanComponentCount(segEnd, sof >= 0, at);
        for (int i = 0; i < ns; i++) {
            scanComponent[i] = frameComponent(buf[pos] & 0xFF, at);
            scanDc[i] = (buf[pos + 1] & 0xFF) >> 4;
            scanAc[i] = buf[pos + 1] & 15;
            if (scanDc[i] > 3 || scanAc[i] > 3) {
                throw fail("scan uses Huffman table " + scanDc[i] + "/" + scanAc[i], at);
            }
            pos += 2;
        }
        scanComponents = ns;
        ss = buf[pos] & 0xFF;
        se = buf[pos + 1] & 0xFF;
        ah = (buf[pos + 2] & 0xFF) >> 4;
        al = buf[pos + 2] & 15;
    }

    /** ZIGZAG[k] is the natural (row-major) index of the k-th coefficient in zig-zag order. */
    static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14,
        21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53,
        60, 61, 54, 47, 55, 62, 63 };
}
