package org.lightbox.dicom.imageio.internal.jpegls;

import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.internal.jpegcommon.MarkerSegmentReader;

/**
 * Parses the marker segments of a JPEG-LS stream (T.87 annex C) up to each scan: SOF55 frame header, LSE preset
 * parameters, DRI and the scan header with NEAR and the interleave mode. The segment syntax T.87 shares with T.81
 * is read by {@link MarkerSegmentReader}.
 */
final class JpegLsHeader extends MarkerSegmentReader {

    static final int SOF55 = 0xF7, LSE = 0xF8;

    boolean frame;
    // LSE preset coding parameters; 0 = default
    int maxVal;
    int t1;
    int t2;
    int t3;
    int reset;
    int restartInterval;
    // scan
    int near;
    int interleave;

    JpegLsHeader() {
        super(JpegLsBitReader.CODEC);
    }

    void start(byte[] b, int off, int len) throws CodecException {
        frame = false;
        maxVal = t1 = t2 = t3 = reset = 0;
        restartInterval = 0;
        start(b, off, len, "no SOI marker: not a JPEG-LS stream");
    }

    /** Reads segments up to the next scan (true) or EOI / the end of the data after a scan (false). */
    boolean nextScan() throws CodecException {
        while (true) {
            int marker = nextMarker();
            if (marker == EOI || marker < 0) {
                if (marker == EOI) {
                    pos--; // errors and the caller's end position name the EOI marker itself
                }
                if (scanCount == 0) {
                    throw fail("the stream ends before the first scan", pos - base());
                }
                return false;
            }
            if (marker >= 0xD0 && marker <= 0xD7) {
                continue;
            }
            int at = pos - 2 - base();
            int segEnd = segmentEnd(marker, at);
            int length = segEnd - pos + 2;
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
                    restartInterval = 0; // T.87 allows a 16-, 24- or 32-bit interval
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
                        throw fail("a JPEG (not JPEG-LS) frame header FF" + hex(marker), at);
                    }
                    break; // APPn, COM and others: skipped
            }
            pos = segEnd;
        }
    }

    private void readFrame(int segEnd, int at) throws CodecException {
        readFrameSize(segEnd, frame, at);
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
        int ns = readScanComponentCount(segEnd, frame, at);
        for (int i = 0; i < ns; i++) {
            int k = frameComponent(buf[pos] & 0xFF, at);
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
}
