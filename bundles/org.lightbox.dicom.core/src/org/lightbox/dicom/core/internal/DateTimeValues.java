package org.lightbox.dicom.core.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.function.BiFunction;

import org.lightbox.dicom.core.TemporalRange;

/**
 * Parsing and formatting of DA, TM and DT values (PS3.5 6.2), including the partial values DT and TM allow and the
 * ranges of query matching (PS3.4 C.2.2.2.5). A partial value stands for an interval: {@code upper == false} gives
 * its first instant, {@code upper == true} its last (at microsecond precision, the finest DICOM has). Parsers return
 * {@code null} for malformed input rather than throwing: a bad date in a header should not make it unreadable.
 */
public final class DateTimeValues {

    private static final int MAX_MICROS_NANOS = 999_999_000;

    private DateTimeValues() {
    }

    /** "YYYYMMDD", or the ACR-NEMA form "YYYY.MM.DD". */
    public static LocalDate parseDate(String s) {
        if (s.length() == 10 && s.charAt(4) == '.' && s.charAt(7) == '.') {
            s = s.substring(0, 4) + s.substring(5, 7) + s.substring(8);
        }
        if (s.length() != 8) {
            return null;
        }
        int y = digits(s, 0, 4);
        int m = digits(s, 4, 2);
        int d = digits(s, 6, 2);
        try {
            return y < 0 || m < 0 || d < 0 ? null : LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** "HH[MM[SS[.F{1,6}]]]", or the ACR-NEMA form "HH:MM:SS.frac"; missing parts filled as {@code upper} says. */
    public static LocalTime parseTime(String s, boolean upper) {
        if (s.indexOf(':') >= 0) {
            s = s.replace(":", "");
        }
        int dot = s.indexOf('.');
        int end = dot < 0 ? s.length() : dot;
        if (end != 2 && end != 4 && end != 6 || dot >= 0 && end != 6) {
            return null;
        }
        int h = digits(s, 0, 2);
        int mi = end >= 4 ? digits(s, 2, 2) : upper ? 59 : 0;
        int sec = end >= 6 ? digits(s, 4, 2) : upper ? 59 : 0;
        int nanos = dot < 0 ? (upper ? MAX_MICROS_NANOS : 0) : fraction(s, dot + 1, s.length(), upper);
        if (h < 0 || mi < 0 || sec < 0 || nanos < 0 || h > 23 || mi > 59 || sec > 60) {
            return null;
        }
        return LocalTime.of(h, mi, Math.min(sec, 59), nanos); // 60: leap second, DICOM allows it
    }

    /** "YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]][&ZZXX]": the local part; the offset is ignored here. */
    public static LocalDateTime parseDateTime(String s, boolean upper) {
        int len = offsetStart(s);
        int dot = s.indexOf('.');
        int end = dot < 0 || dot > len ? len : dot;
        if (end < 4 || end > 14 || (end & 1) != 0 || dot >= 0 && dot < len && end != 14) {
            return null;
        }
        int y = digits(s, 0, 4);
        int mo = end >= 6 ? digits(s, 4, 2) : upper ? 12 : 1;
        if (y < 0 || mo < 1 || mo > 12) {
            return null;
        }
        int d = end >= 8 ? digits(s, 6, 2) : upper ? YearMonth.of(y, mo).lengthOfMonth() : 1;
        int h = end >= 10 ? digits(s, 8, 2) : upper ? 23 : 0;
        int mi = end >= 12 ? digits(s, 10, 2) : upper ? 59 : 0;
        int sec = end >= 14 ? digits(s, 12, 2) : upper ? 59 : 0;
        int nanos = dot >= 0 && dot < len ? fraction(s, dot + 1, len, upper) : upper ? MAX_MICROS_NANOS : 0;
        try {
            return nanos < 0 || sec < 0 || sec > 60 ? null
                    : LocalDateTime.of(y, mo, d, h, mi, Math.min(sec, 59), nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The "&ZZXX" suffix of a DT value, or {@code null} when it has none (or a malformed one). */
    public static ZoneOffset parseDateTimeOffset(String s) {
        int start = offsetStart(s);
        return start == s.length() ? null : parseOffset(s.substring(start));
    }

    /** "+HHMM" / "-HHMM", the form of the offset in DT and in (0008,0201) Timezone Offset From UTC. */
    public static ZoneOffset parseOffset(String s) {
        if (s.length() != 5 || s.charAt(0) != '+' && s.charAt(0) != '-') {
            return null;
        }
        int h = digits(s, 1, 2);
        int m = digits(s, 3, 2);
        try {
            int sign = s.charAt(0) == '-' ? -1 : 1;
            return h < 0 || m < 0 ? null : ZoneOffset.ofHoursMinutes(sign * h, sign * m);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Index where the "&ZZXX" offset of a DT value starts, or the length when there is none. */
    private static int offsetStart(String s) {
        int n = s.length();
        if (n >= 9 && (s.charAt(n - 5) == '+' || s.charAt(n - 5) == '-')) {
            return n - 5;
        }
        return n;
    }

    /** A DA range "A-B", "-B", "A-" or a single date "A". */
    public static TemporalRange<LocalDate> parseDateRange(String s) {
        return range(s, (v, upper) -> parseDate(v), false);
    }

    public static TemporalRange<LocalTime> parseTimeRange(String s) {
        return range(s, DateTimeValues::parseTime, false);
    }

    /** A DT range; a hyphen that starts an "&ZZXX" offset is not taken for the range separator. */
    public static TemporalRange<LocalDateTime> parseDateTimeRange(String s) {
        return range(s, DateTimeValues::parseDateTime, true);
    }

    private static <T extends Comparable<? super T>> TemporalRange<T> range(String s,
            BiFunction<String, Boolean, T> parser, boolean dateTime) {
        int sep = -1;
        for (int i = s.indexOf('-'); i >= 0; i = s.indexOf('-', i + 1)) {
            if (dateTime && i == offsetStart(s) && i > 0 && parser.apply(s.substring(0, i), false) != null
                    && s.length() - i == 5 && parseOffset(s.substring(i)) != null) {
                continue; // "...-0500" at the very end: an offset, not a separator
            }
            sep = i;
            break;
        }
        if (sep < 0) {
            T lo = parser.apply(s, false);
            T hi = parser.apply(s, true);
            return lo == null || hi == null ? null : new TemporalRange<>(lo, hi);
        }
        String a = s.substring(0, sep);
        String b = s.substring(sep + 1);
        T lo = a.isEmpty() ? null : parser.apply(a, false);
        T hi = b.isEmpty() ? null : parser.apply(b, true);
        if (!a.isEmpty() && lo == null || !b.isEmpty() && hi == null || a.isEmpty() && b.isEmpty()) {
            return null;
        }
        return new TemporalRange<>(lo, hi);
    }

    public static String formatDate(LocalDate d) {
        StringBuilder sb = new StringBuilder(8);
        pad(sb, d.getYear(), 4);
        pad(sb, d.getMonthValue(), 2);
        pad(sb, d.getDayOfMonth(), 2);
        return sb.toString();
    }

    /** "HHMMSS", with ".FFFFFF" when the time has a fraction of a second. */
    public static String formatTime(LocalTime t) {
        StringBuilder sb = new StringBuilder(13);
        appendTime(sb, t);
        return sb.toString();
    }

    public static String formatDateTime(LocalDateTime dt) {
        StringBuilder sb = new StringBuilder(26);
        sb.append(formatDate(dt.toLocalDate()));
        appendTime(sb, dt.toLocalTime());
        return sb.toString();
    }

    public static String formatDateTime(OffsetDateTime dt) {
        StringBuilder sb = new StringBuilder(formatDateTime(dt.toLocalDateTime()));
        int secs = dt.getOffset().getTotalSeconds();
        sb.append(secs < 0 ? '-' : '+');
        secs = Math.abs(secs);
        pad(sb, secs / 3600, 2);
        pad(sb, secs / 60 % 60, 2);
        return sb.toString();
    }

    private static void appendTime(StringBuilder sb, LocalTime t) {
        pad(sb, t.getHour(), 2);
        pad(sb, t.getMinute(), 2);
        pad(sb, t.getSecond(), 2);
        if (t.getNano() != 0) {
            sb.append('.');
            pad(sb, t.getNano() / 1000, 6);
        }
    }

    private static void pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    /** The decimal number in s[off, off+n), or -1 when a character is not a digit or the range is outside s. */
    private static int digits(String s, int off, int n) {
        if (off + n > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = off; i < off + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** The fraction s[from, to) (1 to 6 digits) in nanoseconds; for the upper bound its unwritten digits are 9s. */
    private static int fraction(String s, int from, int to, boolean upper) {
        int n = to - from;
        if (n < 1 || n > 6) {
            return -1;
        }
        int micros = digits(s, from, n);
        if (micros < 0) {
            return -1;
        }
        int scale = 1;
        for (int i = n; i < 6; i++) {
            scale *= 10;
        }
        micros = micros * scale + (upper ? scale - 1 : 0);
        return micros * 1000;
    }
}
