package org.lightbox.dicom.imageio.internal.jpegls;

import org.lightbox.dicom.imageio.CodecException;

/**
 * Parses the marker segments of a JPEG-LS stream (T.87 annex C) up to each scan: SOF55 frame header, LSE preset
 * parameters, DRI and the scan header with NEAR and the interleave mode. Lengths are checked before use.
 */
final class JpegLsHeader {

    private static final String CODEC = JpegLsBitReader.CODEC;
    static final int SOF55 = 0xF7, LSE = 0xF8, SOI = 0xD8, EOI = 0xD9, SOS = 0xDA, DRI = 0xDD;

    private byte[] buf;
    private int base;
    private int pos;
    private int end;

    boolean frame;
    int precision;
    int height;
    int width;
    int componentCount;
    final int[] componentId = new int[4];
    // LSE preset coding parameters; 0 = default
    int maxVal;
    int t1;
    int t2;
    int t3;
    int reset;
    int restartInterval;
    // scan
    int scanCount;
    int scanComponents;
    final int[] scanComponent = new int[4];
    int near;
    int interleave;

    void start(byte[] b, int off, int len) throws CodecException {
        buf = b;
        base = off;
        pos = off;
        end = off + len;
        frame = false;
        maxVal = t1 = t2 = t3 = reset = 0;
        restartInterval = 0;
        scanCount = 0;
        if (len < 4 || (b[off] & 0xFF) != 0xFF || (b[off + 1] & 0xFF) != SOI) {
            throw new CodecException(CODEC, "no SOI marker: not a JPEG-LS stream", 0);
        }
        pos += 2;
    }

    byte[] buffer() {
        return buf;
    }

    int base() {
        return base;
    }

    int end() {
        return end;
    }

    int position() {
        return pos;
    }

    void resumeAt(int p) {
        pos = p;
    }

    /** Reads segments up to the next scan (true) or EOI / the end of the data after a scan (false). */
    boolean nextScan() throws CodecException {
        while (true) {
            while (pos < end && (buf[pos] & 0xFF) != 0xFF) {
                pos++;
            }
            while (pos < end && (buf[pos] & 0xFF) == 0xFF) {
                pos++;
            }
            if (pos >= end || (buf[pos] & 0xFF) == EOI) {
                if (scanCount == 0) {
                    throw fail("the stream ends before the first scan", pos - base);
                }
                return false;
            }
            int marker = buf[pos++] & 0xFF;
            if (marker >= 0xD0 && marker <= 0xD7) {
                continue;
            }
            int at = pos - 2 - base;
            if (pos + 2 > end) {
                throw fail("marker segment FF" + String.format("%02X", marker) + " is cut off", at);
            }
            int length = u16(pos);
            if (length < 2 || pos + length > end) {
                throw fail("marker segment FF" + String.format("%02X", marker) + " has length " + length
                        + ", beyond the data", at);
            }
            int segEnd = pos + length;
            pos += 2;
            switch (marker) {
                case SOF55:
                    readFrame(segEnd, at);
                    break;
                case LSE:
                    readPresets(segEnd, at);
                    break;
                case DRI:
                    if (length < 4 || length > 6) {
                        throw fail("DRI segment of length " + length, at);
                    }
                    restartInterval = 0;
                    for (int p = pos; p < segEnd; p++) {
                        restartInterval = (restartInterval << 8) | (buf[p] & 0xFF);
                    }
                    break;
                case SOS:
                    readScan(segEnd, at);
                    pos = segEnd;
                    scanCount++;
                    return true;
                default:
                    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                        throw fail("a JPEG (not JPEG-LS) frame header FF" + String.format("%02X", marker), at);
                    }
                    break; // APPn, COM and others: skipped
            }
            pos = segEnd;
        }
    }

    private void readFrame(int segEnd, int at) throws CodecException {
        if (frame) {
            throw fail("a second frame header", at);
        }
        if (segEnd - pos < 6) {
            throw fail("frame header is cut off", at);
        }
        precision = buf[pos] & 0xFF;
        height = u16(pos + 1);
        width = u16(pos + 3);
        componentCount = buf[pos + 5] & 0xFF;
        pos += 6;
        if (precision < 2 || precision > 16) {
            throw fail("precision " + precision + " is outside 2..16", at);
        }
        if (height == 0 || width == 0 || componentCount < 1 || componentCount > 4
                || segEnd - pos < 3 * componentCount) {
            throw fail("frame header gives " + width + "x" + height + " with " + componentCount + " components", at);
        }
        for (int i = 0; i < componentCount; i++) {
            componentId[i] = buf[pos] & 0xFF;
            if ((buf[pos + 1] & 0xFF) != 0x11) {
                throw fail("subsampled JPEG-LS components are not supported", at);
            }
            pos += 3;
        }
        frame = true;
    }

    private void readPresets(int segEnd, int at) throws CodecException {
        if (segEnd - pos < 1) {
            throw fail("LSE segment is empty", at);
        }
        int id = buf[pos] & 0xFF;
        if (id != 1) {
            throw fail("LSE segment type " + id + " (mapping tables or oversize images) is not supported", at);
        }
        if (segEnd - pos < 11) {
            throw fail("LSE preset parameters are cut off", at);
        }
        maxVal = u16(pos + 1);
        t1 = u16(pos + 3);
        t2 = u16(pos + 5);
        t3 = u16(pos + 7);
        reset = u16(pos + 9);
    }

    private void readScan(int segEnd, int at) throws CodecException {
        if (!frame) {
            throw fail("scan before the frame header", at);
        }
        int ns = buf[pos] & 0xFF;
        if (ns < 1 || ns > componentCount || segEnd - pos != 4 + 2 * ns) {
            throw fail("scan header with " + ns + " components", at);
        }
        pos++;
        for (int i = 0; i < ns; i++) {
            int id = buf[pos] & 0xFF;
            int k = 0;
            while (k < componentCount && componentId[k] != id) {
                k++;
            }
            if (k == componentCount) {
                throw fail("scan names component " + id + " that the frame does not have", at);
            }
            if (buf[pos + 1] != 0) {
                throw fail("mapping tables are not supported", at);
            }
            scanComponent[i] = k;
            pos += 2;
        }
        scanComponents = ns;
        near = buf[pos] & 0xFF;
        interleave = buf[pos + 1] & 0xFF;
        int pointTransform = buf[pos + 2] & 15;
        if (ns == 1) {
            interleave = 0; // one component: no interleaving, whatever the header says
        }
        if (interleave > 2 || ns > 1 && interleave == 0) {
            throw fail("interleave mode " + interleave + " with " + ns + " components in the scan", at);
        }
        if (pointTransform != 0) {
            throw fail("point transform " + pointTransform + " is not supported", at);
        }
    }

    private int u16(int p) {
        return (buf[p] & 0xFF) << 8 | (buf[p + 1] & 0xFF);
    }

    CodecException fail(String reason, long offset) {
        return new CodecException(CODEC, reason, offset);
    }
}
