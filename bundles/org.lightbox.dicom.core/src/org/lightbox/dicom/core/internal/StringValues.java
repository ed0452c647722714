package org.lightbox.dicom.core.internal;

import java.nio.charset.StandardCharsets;

import org.lightbox.dicom.core.VR;

/**
 * Splitting, trimming, joining and padding of character string values (PS3.5 6.2): where backslash separates
 * values, and which leading/trailing padding is insignificant for each VR.
 */
public final class StringValues {

    private static final String[] NONE = new String[0];

    private StringValues() {
    }

    /** True when backslash separates values of this VR; LT, ST, UT and UR hold one value that may contain it. */
    public static boolean isMultiValued(VR vr) {
        return vr != VR.LT && vr != VR.ST && vr != VR.UT && vr != VR.UR;
    }

    /** The bytes of a default-repertoire value as a string; ISO 8859-1 so that no byte is lost. */
    public static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    /** Splits {@code s} at backslashes (when the VR is multi-valued) and trims each value as the VR allows. */
    public static String[] split(String s, VR vr) {
        if (s.isEmpty()) {
            return NONE;
        }
        if (!isMultiValued(vr) || s.indexOf('\\') < 0) {
            String v = trim(s, vr);
            return v.isEmpty() && vr != VR.LT && vr != VR.ST && vr != VR.UT ? NONE : new String[] { v };
        }
        int count = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                count++;
            }
        }
        String[] out = new String[count];
        int start = 0;
        for (int k = 0; k < count; k++) {
            int end = s.indexOf('\\', start);
            if (end < 0) {
                end = s.length();
            }
            out[k] = trim(s.substring(start, end), vr);
            start = end + 1;
        }
        return out;
    }

    /**
     * Removes insignificant padding: trailing spaces and NULs always; leading spaces too, except for the text VRs
     * (LT, ST, UT, UC) whose leading spaces are significant.
     */
    public static String trim(String s, VR vr) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        if (vr != VR.LT && vr != VR.ST && vr != VR.UT && vr != VR.UC) {
            while (start < end && s.charAt(start) == ' ') {
                start++;
            }
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /** The values joined with backslash. */
    public static String join(String... values) {
        if (values.length == 1) {
            return values[0];
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append('\\');
            }
            sb.append(values[i]);
        }
        return sb.toString();
    }

    /** {@code b}, or a copy one byte longer ending with {@code pad} when its length is odd. */
    public static byte[] padToEven(byte[] b, int pad) {
        if ((b.length & 1) == 0) {
            return b;
        }
        byte[] p = java.util.Arrays.copyOf(b, b.length + 1);
        p[b.length] = (byte) pad;
        return p;
    }
}
