package org.lightbox.dicom.core.internal;

import java.math.BigDecimal;
import java.math.MathContext;

import org.lightbox.dicom.core.VR;

/**
 * Decoding and encoding of binary numeric values (US, SS, UL, SL, SV, UV, FL, FD, AT and the O* VRs by their word
 * size) and of the numeric strings IS and DS.
 */
public final class NumericValues {

    private NumericValues() {
    }

    /** The byte size of one binary value of {@code vr}; 1 for OB/UN; 0 when the VR is not binary. */
    public static int valueSize(VR vr) {
        switch (vr) {
            case OB: case UN:
                return 1;
            case US: case SS: case OW:
                return 2;
            case UL: case SL: case FL: case OF: case OL: case AT:
                return 4;
            case FD: case OD: case SV: case UV: case OV:
                return 8;
            default:
                return 0;
        }
    }

    /** True when the values of {@code vr} are IEEE floating point. */
    public static boolean isFloat(VR vr) {
        return vr == VR.FL || vr == VR.FD || vr == VR.OF || vr == VR.OD;
    }

    /** Number of binary values in {@code len} bytes. */
    public static int count(VR vr, int len) {
        int size = valueSize(vr);
        return size == 0 ? 0 : len / size;
    }

    /**
     * Value {@code index} of a binary value as a long: unsigned for US, UL, UV (UV above 2^63 wraps), OB, OW, OL, OV;
     * truncated toward zero for floating point VRs; an AT as 0xGGGGEEEE.
     */
    public static long getLong(byte[] b, int index, VR vr, boolean bigEndian) {
        int size = valueSize(vr);
        int off = index * size;
        switch (vr) {
            case OB: case UN:
                return b[off] & 0xFF;
            case US: case OW:
                return Endian.getUShort(b, off, bigEndian);
            case SS:
                return (short) Endian.getUShort(b, off, bigEndian);
            case UL: case OL:
                return Endian.getInt(b, off, bigEndian) & 0xFFFFFFFFL;
            case SL:
                return Endian.getInt(b, off, bigEndian);
            case AT:
                return Endian.getTag(b, off, bigEndian) & 0xFFFFFFFFL;
            case SV: case UV: case OV:
                return Endian.getLong(b, off, bigEndian);
            case FL: case OF:
                return (long) Float.intBitsToFloat(Endian.getInt(b, off, bigEndian));
            case FD: case OD:
                return (long) Double.longBitsToDouble(Endian.getLong(b, off, bigEndian));
            default:
                throw new IllegalArgumentException(vr + " is not a binary numeric VR");
        }
    }

    /** Value {@code index} of a binary value as a double. */
    public static double getDouble(byte[] b, int index, VR vr, boolean bigEndian) {
        int off = index * valueSize(vr);
        switch (vr) {
            case FL: case OF:
                return Float.intBitsToFloat(Endian.getInt(b, off, bigEndian));
            case FD: case OD:
                return Double.longBitsToDouble(Endian.getLong(b, off, bigEndian));
            case UV: case OV: {
                long v = Endian.getLong(b, off, bigEndian);
                return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
            }
            default:
                return getLong(b, index, vr, bigEndian);
        }
    }

    /** Encodes {@code values} (integers) as binary values of {@code vr}. */
    public static byte[] encodeLongs(long[] values, VR vr, boolean bigEndian) {
        int size = valueSize(vr);
        byte[] b = new byte[values.length * size];
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            int off = i * size;
            switch (vr) {
                case OB: case UN:
                    b[off] = (byte) v;
                    break;
                case US: case SS: case OW:
                    Endian.putShort(b, off, (int) v, bigEndian);
                    break;
                case UL: case SL: case OL:
                    Endian.putInt(b, off, (int) v, bigEndian);
                    break;
                case AT:
                    Endian.putTag(b, off, (int) v, bigEndian);
                    break;
                case SV: case UV: case OV:
                    Endian.putLong(b, off, v, bigEndian);
                    break;
                case FL: case OF:
                    Endian.putInt(b, off, Float.floatToIntBits(v), bigEndian);
                    break;
                case FD: case OD:
                    Endian.putLong(b, off, Double.doubleToLongBits(v), bigEndian);
                    break;
                default:
                    throw new IllegalArgumentException(vr + " is not a binary numeric VR");
            }
        }
        return b;
    }

    /** Encodes {@code values} as binary values of {@code vr}; integer VRs take the values rounded toward zero. */
    public static byte[] encodeDoubles(double[] values, VR vr, boolean bigEndian) {
        if (!isFloat(vr)) {
            long[] l = new long[values.length];
            for (int i = 0; i < l.length; i++) {
                l[i] = (long) values[i];
            }
            return encodeLongs(l, vr, bigEndian);
        }
        int size = valueSize(vr);
        byte[] b = new byte[values.length * size];
        for (int i = 0; i < values.length; i++) {
            if (size == 4) {
                Endian.putInt(b, i * 4, Float.floatToIntBits((float) values[i]), bigEndian);
            } else {
                Endian.putLong(b, i * 8, Double.doubleToLongBits(values[i]), bigEndian);
            }
        }
        return b;
    }

    /** Parses an IS (or, leniently, a DS holding an integral number) value. */
    public static long parseIS(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return (long) Double.parseDouble(s); // "1.0" is seen in the field; NumberFormatException if neither
        }
    }

    public static double parseDS(String s) {
        return Double.parseDouble(s);
    }

    /** Formats {@code v} as a DS value of at most 16 characters (PS3.5 table 6.2-1), as precise as that allows. */
    public static String formatDS(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("DS cannot hold " + v);
        }
        String s = Double.toString(v);
        if (s.endsWith(".0")) {
            s = s.substring(0, s.length() - 2);
        }
        for (int digits = 16; s.length() > 16 && digits > 0; digits--) {
            s = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toString();
        }
        return s;
    }
}
