package org.lightbox.dicom.core.internal;

import org.lightbox.dicom.core.VR;

/**
 * Reads and writes fixed-size binary numbers in either byte order, and swaps the byte order of a value in place.
 * Plain array arithmetic: this runs for every element header, where a ByteBuffer per call would cost more.
 */
public final class Endian {

    private Endian() {
    }

    public static int getUShort(byte[] b, int off, boolean bigEndian) {
        return bigEndian ? (b[off] & 0xFF) << 8 | (b[off + 1] & 0xFF) : (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }

    public static int getInt(byte[] b, int off, boolean bigEndian) {
        return bigEndian
                ? (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF)
                : (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    public static long getLong(byte[] b, int off, boolean bigEndian) {
        long hi = getInt(b, bigEndian ? off : off + 4, bigEndian) & 0xFFFFFFFFL;
        long lo = getInt(b, bigEndian ? off + 4 : off, bigEndian) & 0xFFFFFFFFL;
        return hi << 32 | lo;
    }

    /** A tag (group, element: two 16-bit numbers) as the int 0xGGGGEEEE. */
    public static int getTag(byte[] b, int off, boolean bigEndian) {
        return getUShort(b, off, bigEndian) << 16 | getUShort(b, off + 2, bigEndian);
    }

    public static void putShort(byte[] b, int off, int v, boolean bigEndian) {
        if (bigEndian) {
            b[off] = (byte) (v >>> 8);
            b[off + 1] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
        }
    }

    public static void putInt(byte[] b, int off, int v, boolean bigEndian) {
        if (bigEndian) {
            b[off] = (byte) (v >>> 24);
            b[off + 1] = (byte) (v >>> 16);
            b[off + 2] = (byte) (v >>> 8);
            b[off + 3] = (byte) v;
        } else {
            b[off] = (byte) v;
            b[off + 1] = (byte) (v >>> 8);
            b[off + 2] = (byte) (v >>> 16);
            b[off + 3] = (byte) (v >>> 24);
        }
    }

    public static void putLong(byte[] b, int off, long v, boolean bigEndian) {
        putInt(b, bigEndian ? off : off + 4, (int) (v >>> 32), bigEndian);
        putInt(b, bigEndian ? off + 4 : off, (int) v, bigEndian);
    }

    public static void putTag(byte[] b, int off, int tag, boolean bigEndian) {
        putShort(b, off, tag >>> 16, bigEndian);
        putShort(b, off + 2, tag, bigEndian);
    }

    /**
     * The size of the unit whose byte order differs between little and big endian for values of {@code vr}: 2 for
     * US/SS/OW/AT (a tag is two 16-bit numbers), 4 for UL/SL/FL/OF/OL, 8 for FD/OD/SV/UV/OV, 1 (nothing to swap) for
     * strings, OB and UN.
     */
    public static int swapUnit(VR vr) {
        switch (vr) {
            case US: case SS: case OW: case AT:
                return 2;
            case UL: case SL: case FL: case OF: case OL:
                return 4;
            case FD: case OD: case SV: case UV: case OV:
                return 8;
            default:
                return 1;
        }
    }

    /** Reverses the bytes of every {@code unit}-byte word of b[off, off+len); len must be a multiple of unit. */
    public static void swap(byte[] b, int off, int len, int unit) {
        int end = off + len;
        switch (unit) {
            case 2:
                for (int i = off; i + 1 < end; i += 2) {
                    byte t = b[i];
                    b[i] = b[i + 1];
                    b[i + 1] = t;
                }
                break;
            case 4:
            case 8:
                for (int i = off; i + unit <= end; i += unit) {
                    for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                        byte t = b[lo];
                        b[lo] = b[hi];
                        b[hi] = t;
                    }
                }
                break;
            default:
                break;
        }
    }
}
