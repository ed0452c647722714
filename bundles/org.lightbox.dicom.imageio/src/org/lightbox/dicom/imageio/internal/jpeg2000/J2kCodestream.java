package org.lightbox.dicom.imageio.internal.jpeg2000;

import org.lightbox.dicom.imageio.CodecException;

/**
 * The structure of one JPEG 2000 codestream (ISO/IEC 15444-1 Annex A), checked before the library decoder sees it:
 * the image size from SIZ (so nothing is allocated for a size the data set does not declare), the multiple component
 * transformation flag from COD, and the chain of tile-parts up to EOC. A JPEG 2000 decoder silently decodes a
 * truncated stream to a blurred image (the format is progressive), so completeness is decided here: every tile-part
 * must lie within the data and the last one must be followed by EOC. A JP2 file wrapper, which some writers put in
 * DICOM frames against the standard, is looked through to its contiguous codestream box.
 */
final class J2kCodestream {

    static final int SOC = 0xFF4F;
    static final int SIZ = 0xFF51;
    static final int COD = 0xFF52;
    static final int SOT = 0xFF90;
    static final int EOC = 0xFFD9;

    private static final int JP2_SIGNATURE_BOX = 0x6A502020; // "jP  "
    private static final int JP2C = 0x6A703263; // "jp2c"

    private final String codec;
    private final byte[] b;
    private final int base;

    /** Where the codestream starts and ends (exclusive, at the end of EOC) within the array. */
    int start;
    int end;
    int width;
    int height;
    int components;
    /** Per component: bit depth and signedness. */
    int[] precision;
    boolean[] signed;
    /** True when the COD marker asks for the multiple component transformation (RCT or ICT). */
    boolean mct;
    /** True when the wavelet is the reversible 5/3 (lossless capable). */
    boolean reversible;
    int tileParts;

    private J2kCodestream(String codec, byte[] b, int base) {
        this.codec = codec;
        this.b = b;
        this.base = base;
    }

    /** Parses and checks the codestream in {@code len} bytes at {@code off}. */
    static J2kCodestream parse(String codec, byte[] b, int off, int len) throws CodecException {
        J2kCodestream c = new J2kCodestream(codec, b, off);
        int limit = off + len;
        int p = off;
        if (len >= 12 && u32(b, off + 4) == JP2_SIGNATURE_BOX) {
            p = c.findContiguousCodestream(off, limit);
            limit = c.end;
        }
        c.start = p;
        c.readMainHeader(p, limit);
        return c;
    }

    private int findContiguousCodestream(int off, int limit) throws CodecException {
        int p = off;
        while (p + 8 <= limit) {
            long boxLen = u32(b, p) & 0xFFFFFFFFL;
            int type = u32(b, p + 4);
            int header = 8;
            if (boxLen == 1) {
                if (p + 16 > limit) {
                    break;
                }
                boxLen = ((long) u32(b, p + 8) << 32) | (u32(b, p + 12) & 0xFFFFFFFFL);
                header = 16;
            } else if (boxLen == 0) {
                boxLen = limit - p;
            }
            if (boxLen < header || boxLen > limit - p) {
                throw fail("JP2 box at byte " + (p - base) + " runs past the end of the frame", p);
            }
            if (type == JP2C) {
                end = (int) (p + boxLen);
                return p + header;
            }
            p += (int) boxLen;
        }
        throw fail("JP2 file without a contiguous codestream box", p);
    }

    private void readMainHeader(int p, int limit) throws CodecException {
        if (limit - p < 4 || u16(b, p) != SOC) {
            throw fail("no SOC marker: not a JPEG 2000 codestream", p);
        }
        p += 2;
        if (u16(b, p) != SIZ) {
            throw fail("SIZ marker expected after SOC", p);
        }
        boolean sawCod = false;
        while (true) {
            if (p + 4 > limit) {
                throw fail("truncated in the main header", p);
            }
            int marker = u16(b, p);
            if (marker == SOT) {
                break;
            }
            if ((marker & 0xFF00) != 0xFF00 || marker < 0xFF30) {
                throw fail(String.format("marker expected in the main header, found %04X", marker), p);
            }
            int length = u16(b, p + 2);
            if (length < 2 || p + 2 + length > limit) {
                throw fail(String.format("marker segment %04X of %d bytes runs past the end of the data", marker,
                        length), p);
            }
            if (marker == SIZ) {
                readSiz(p + 4, length - 2);
            } else if (marker == COD) {
                readCod(p + 4, length - 2);
                sawCod = true;
            }
            p += 2 + length;
        }
        if (components == 0 || !sawCod) {
            throw fail("main header without " + (components == 0 ? "SIZ" : "COD"), p);
        }
        readTileParts(p, limit);
    }

    private void readSiz(int p, int len) throws CodecException {
        if (len < 36) {
            throw fail("SIZ segment too short", p);
        }
        long xsiz = u32(b, p + 2) & 0xFFFFFFFFL;
        long ysiz = u32(b, p + 6) & 0xFFFFFFFFL;
        long xo = u32(b, p + 10) & 0xFFFFFFFFL;
        long yo = u32(b, p + 14) & 0xFFFFFFFFL;
        int csiz = u16(b, p + 34);
        if (xsiz <= xo || ysiz <= yo || csiz < 1 || len < 36 + 3 * csiz) {
            throw fail("invalid SIZ segment (image " + xsiz + "x" + ysiz + " from " + xo + "," + yo + ", " + csiz
                    + " components)", p);
        }
        width = (int) Math.min(Integer.MAX_VALUE, xsiz - xo);
        height = (int) Math.min(Integer.MAX_VALUE, ysiz - yo);
        components = csiz;
        precision = new int[Math.min(csiz, 16)]; // more than the image allows is refused by the caller
        signed = new boolean[precision.length];
        for (int i = 0; i < precision.length; i++) {
            int ssiz = b[p + 36 + 3 * i] & 0xFF;
            precision[i] = (ssiz & 0x7F) + 1;
            signed[i] = (ssiz & 0x80) != 0;
            if ((b[p + 37 + 3 * i] & 0xFF) != 1 || (b[p + 38 + 3 * i] & 0xFF) != 1) {
                throw fail("component " + i + " is subsampled, which DICOM does not allow", p);
            }
        }
    }

    private void readCod(int p, int len) throws CodecException {
        if (len < 10) {
            throw fail("COD segment too short", p);
        }
        mct = (b[p + 4] & 0xFF) == 1;
        reversible = (b[p + 9] & 0xFF) == 1;
    }

    private void readTileParts(int p, int limit) throws CodecException {
        while (true) {
            if (p + 2 > limit) {
                throw fail("truncated: no EOC marker after tile-part " + tileParts, p);
            }
            int marker = u16(b, p);
            if (marker == EOC) {
                end = p + 2;
                return;
            }
            if (marker != SOT) {
                throw fail(String.format("SOT or EOC marker expected, found %04X", marker), p);
            }
            if (p + 12 > limit || u16(b, p + 2) != 10) {
                throw fail("truncated or invalid SOT marker segment", p);
            }
            long psot = u32(b, p + 6) & 0xFFFFFFFFL;
            if (psot == 0) { // the last tile-part runs up to EOC
                int last = limit;
                while (last - 2 > p && b[last - 1] == 0) {
                    last--; // the padding that makes the fragment's length even
                }
                if (last - 2 < p + 12 || u16(b, last - 2) != EOC) {
                    throw fail("truncated: the last tile-part is not followed by EOC", limit);
                }
                tileParts++;
                end = last;
                return;
            }
            if (psot < 12 || psot > limit - p) {
                throw fail("truncated: tile-part " + tileParts + " of " + psot + " bytes runs past the end of the"
                        + " frame (" + (limit - p) + " bytes left)", p);
            }
            tileParts++;
            p += (int) psot;
        }
    }

    private CodecException fail(String reason, int at) {
        return new CodecException(codec, reason, at - base);
    }

    static int u16(byte[] b, int p) {
        return (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
    }

    static int u32(byte[] b, int p) {
        return (b[p] & 0xFF) << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
    }
}
