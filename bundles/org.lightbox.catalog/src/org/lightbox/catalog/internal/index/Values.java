package org.lightbox.catalog.internal.index;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Locale;

import org.lightbox.dicom.core.Attributes;

/**
 * The normalised forms the catalog's matching columns hold, computed the same way when indexing and when
 * translating a query, so that both sides compare like with like.
 */
public final class Values {

    private Values() {
    }

    /** All values of {@code tag} joined with '\', or {@code null} when absent or empty. */
    public static String text(Attributes a, int tag) {
        String[] v = a.getStrings(tag);
        if (v == null || v.length == 0) {
            return null;
        }
        String s = v.length == 1 ? v[0] : String.join("\\", v);
        return s.isEmpty() ? null : s;
    }

    /**
     * A PN value without its insignificant parts: trailing empty components of each component group, trailing
     * empty groups, padding (PS3.5 6.2.1.1). "Doe^John^^^" and "Doe^John" are the same name.
     */
    public static String personName(String pn) {
        if (pn == null) {
            return null;
        }
        String[] groups = pn.split("=", -1);
        StringBuilder sb = new StringBuilder(pn.length());
        int keep = groups.length;
        while (keep > 0 && stripComponents(groups[keep - 1]).isEmpty()) {
            keep--;
        }
        for (int g = 0; g < keep; g++) {
            if (g > 0) {
                sb.append('=');
            }
            sb.append(stripComponents(groups[g]));
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    private static String stripComponents(String group) {
        String[] c = group.split("\\^", -1);
        int keep = c.length;
        while (keep > 0 && c[keep - 1].strip().isEmpty()) {
            keep--;
        }
        StringBuilder sb = new StringBuilder(group.length());
        for (int i = 0; i < keep; i++) {
            if (i > 0) {
                sb.append('^');
            }
            sb.append(c[i].strip());
        }
        return sb.toString();
    }

    /** Upper case without locale surprises (Turkish dotless i): the case-insensitive matching form. */
    public static String fold(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    /** A DA value as YYYYMMDD (the ACR-NEMA "YYYY.MM.DD" too), or {@code null} when absent or malformed. */
    public static String date(Attributes a, int tag) {
        LocalDate d = a.getDate(tag);
        return d == null ? null : date(d);
    }

    public static String date(LocalDate d) {
        StringBuilder b = new StringBuilder(8); // not String.format: this runs for every instance indexed
        digits(b, d.getYear(), 4);
        digits(b, d.getMonthValue(), 2);
        digits(b, d.getDayOfMonth(), 2);
        return b.toString();
    }

    /** {@code value} with leading zeros to {@code width} digits (value is not negative). */
    private static void digits(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        b.append(s);
    }

    /** A TM value as HHMMSS.FFFFFF (a partial time at its first instant), or {@code null}. */
    public static String timeKey(Attributes a, int tag) {
        LocalTime t = a.getTime(tag);
        return t == null ? null : timeKey(t);
    }

    public static String timeKey(LocalTime t) {
        StringBuilder b = new StringBuilder(13);
        digits(b, t.getHour(), 2);
        digits(b, t.getMinute(), 2);
        digits(b, t.getSecond(), 2);
        b.append('.');
        digits(b, t.getNano() / 1000, 6);
        return b.toString();
    }

    /** An IS value that fits an int, or {@code null}. */
    public static Integer integer(Attributes a, int tag) {
        long v = a.getLong(tag, Long.MIN_VALUE);
        return v == Long.MIN_VALUE || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
    }

    /**
     * {@code s} cut to a column of {@code max} characters, without NUL characters (PostgreSQL refuses them in text;
     * a value keeps them only by mistake): a value must not make indexing fail.
     */
    public static String column(String s, int max) {
        if (s != null && s.indexOf('\0') >= 0) {
            s = s.replace("\0", "");
        }
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** The defined terms of (0008,0005) joined with '\', or {@code null} for the default repertoire. */
    public static String charset(Attributes a) {
        return text(a, org.lightbox.dicom.core.Tag.SpecificCharacterSet);
    }
}
