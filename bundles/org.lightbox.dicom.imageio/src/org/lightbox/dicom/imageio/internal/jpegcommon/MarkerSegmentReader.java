package org.lightbox.dicom.imageio.internal.jpegcommon;

import org.lightbox.dicom.imageio.CodecException;

/**
 * What the header parsers of JPEG (T.81 annex B) and JPEG-LS (T.87 annex C) share, as T.87 reuses the syntax of
 * T.81: SOI, marker segments with a 16-bit length up to each scan, the frame size and component identifiers, the
 * scan's components, and the rule of sequential coding that each component is coded in exactly one scan. The
 * subclass reads the segments whose meaning differs (tables, presets, the scan parameters). Every length is checked
 * against the bytes left before use.
 */
public abstract class MarkerSegmentReader {

    public static final int SOI = 0xD8, EOI = 0xD9, SOS = 0xDA, DRI = 0xDD;

    private final String codec;

    protected byte[] buf;
    private int base;
    protected int pos;
    private int end;

    // frame header
    public int precision;
    public int height;
    public int width;
    public int componentCount;
    public final int[] componentId = new int[4];

    // scan header
    public int scanCount;
    public int scanComponents;
    /** Frame component indexes of the scan's components. */
    public final int[] scanComponent = new int[4];
    /** Bit i set: frame component i was in an earlier scan. */
    private int coded;

    protected MarkerSegmentReader(String codec) {
        this.codec = codec;
    }

    /** Starts on a new stream: expects SOI at {@code off}, else fails with {@code notThisCodec}. */
    protected final void start(byte[] b, int off, int len, String notThisCodec) throws CodecException {
        buf = b;
        base = off;
        pos = off;
        end = off + len;
        scanCount = 0;
        coded = 0;
        if (len < 4 || (b[off] & 0xFF) != 0xFF || (b[off + 1] & 0xFF) != SOI) {
            throw fail(notThisCodec, 0);
        }
        pos += 2;
    }

    public final byte[] buffer() {
        return buf;
    }

    public final int base() {
        return base;
    }

    public final int end() {
        return end;
    }

    public final int position() {
        return pos;
    }

    /** Continues after entropy-coded data that ended at {@code p}. */
    public final void resumeAt(int p) {
        pos = p;
    }

    /**
     * The next marker code (skipping fill bytes) with {@link #position} just after it, or -1 at the end of the data.
     */
    protected final int nextMarker() {
        while (pos < end && (buf[pos] & 0xFF) != 0xFF) {
            pos++; // bytes outside any segment: tolerated, as decoders commonly do
        }
        while (pos < end && (buf[pos] & 0xFF) == 0xFF) {
            pos++;
        }
        if (pos >= end) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    /**
     * Reads the length of the segment of {@code marker}, whose code was just read, and returns where the segment
     * ends, with {@link #position} after the length. A length that is cut off or runs beyond the data is reported
     * at offset {@code at}.
     */
    protected final int segmentEnd(int marker, long at) throws CodecException {
        if (pos + 2 > end) {
            throw fail("marker segment FF" + hex(marker) + " is cut off", at);
        }
        int length = u16(pos);
        if (length < 2 || pos + length > end) {
            throw fail("marker segment FF" + hex(marker) + " has length " + length + ", beyond the data", at);
        }
        pos += 2;
        return pos - 2 + length;
    }

    /** Reads precision, height, width and component count, the start of a T.81 or T.87 frame header. */
    protected final void readFrameSize(int segEnd, boolean secondFrame, long at) throws CodecException {
        if (secondFrame) {
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
    }

    /** Reads Ns, the number of components a scan header names, checked against the frame and the segment length. */
    protected final int readScanComponentCount(int segEnd, boolean frameSeen, long at) throws CodecException {
        if (!frameSeen) {
            throw fail("scan before the frame header", at);
        }
        int ns = buf[pos] & 0xFF;
        if (ns < 1 || ns > componentCount || segEnd - pos != 4 + 2 * ns) {
            throw fail("scan header with " + ns + " components", at);
        }
        pos++;
        return ns;
    }

    /** The frame index of the component a scan names by {@code id}. */
    protected final int frameComponent(int id, long at) throws CodecException {
        int k = 0;
        while (k < componentCount && componentId[k] != id) {
            k++;
        }
        if (k == componentCount) {
            throw fail("scan names component " + id + " that the frame does not have", at);
        }
        return k;
    }

    /**
     * Records that the scan just read codes its components. Sequential coding codes each component in one scan;
     * refusing a repeat also bounds the work a corrupt stream can ask for.
     */
    public final void claimScanComponents() throws CodecException {
        int mask = 0;
        for (int i = 0; i < scanComponents; i++) {
            mask |= 1 << scanComponent[i];
        }
        if ((coded & mask) != 0) {
            throw fail("a component appears in more than one scan", pos - base);
        }
        coded |= mask;
    }

    /** After the last scan: checks that the scans coded all of the first {@code count} components. */
    public final void checkAllComponentsCoded(int count) throws CodecException {
        if (coded != (1 << count) - 1) {
            throw fail("not every component was in a scan", pos - base);
        }
    }

    protected final int u16(int p) {
        return (buf[p] & 0xFF) << 8 | (buf[p + 1] & 0xFF);
    }

    public final CodecException fail(String reason, long offset) {
        return new CodecException(codec, reason, offset);
    }

    protected static String hex(int marker) {
        return String.format("%02X", marker);
    }
}
