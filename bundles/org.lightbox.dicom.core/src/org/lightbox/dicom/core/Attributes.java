package org.lightbox.dicom.core;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.lightbox.dicom.core.dict.DataDictionary;
import org.lightbox.dicom.core.internal.DateTimeValues;
import org.lightbox.dicom.core.internal.NumericValues;
import org.lightbox.dicom.core.internal.StringValues;

/**
 * A DICOM data set or sequence item: data elements sorted by tag, each with its VR and its value as it is encoded
 * (raw bytes in this data set's byte order), a {@link Sequence}, {@link Fragments} or a {@link BulkDataReference}.
 * Values stay encoded until asked for, so parsing costs no decoding; the typed accessors below decode them on
 * demand, text with the Specific Character Set that nested items inherit from their enclosing data set.
 * <p>
 * Getters return {@code null} (or the given default) when the element is absent, empty or its value malformed;
 * array getters return {@code null} when absent. Setters encode in this data set's byte order and pad to even
 * length. Private elements are kept like any other; {@link #privateTag} finds one through its creator.
 * Not thread-safe.
 */
public final class Attributes extends ElementStore {

    private static final System.Logger LOG = System.getLogger(Attributes.class.getName());
    private static final int TIMEZONE_OFFSET_FROM_UTC = 0x00080201;
    private static final String[] NO_STRINGS = new String[0];

    /** An empty little endian data set. */
    public Attributes() {
        this(false, 16);
    }

    /** An empty data set whose binary values are (to be) encoded in the given byte order. */
    public Attributes(boolean bigEndian, int initialCapacity) {
        super(bigEndian, initialCapacity);
    }

    /** A deep copy of {@code other} (bulk data references are shared: they are immutable). */
    public Attributes(Attributes other) {
        this(other.bigEndian, other.size);
        undefinedLength = other.undefinedLength;
        addAll(other);
    }

    // ------------------------------------------------------------------ strings

    /** The first value of {@code tag} as a string, or {@code null}. */
    public String getString(int tag) {
        return getString(tag, 0, null);
    }

    public String getString(int tag, String defaultValue) {
        return getString(tag, 0, defaultValue);
    }

    /** Value {@code index} (0-based) of {@code tag}, or {@code defaultValue}. */
    public String getString(int tag, int index, String defaultValue) {
        String[] s = getStrings(tag);
        return s != null && index < s.length ? s[index] : defaultValue;
    }

    /**
     * All values of {@code tag}: text decoded with the Specific Character Set, split at backslashes (except LT, ST,
     * UT, UR), insignificant padding removed; binary numbers in decimal, AT as "GGGGEEEE". {@code null} when absent
     * or the value is a sequence, fragments or other-binary data; empty when the value is empty.
     */
    public String[] getStrings(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : stringsAt(i);
    }

    private String[] stringsAt(int i) {
        VR vr = vrs[i];
        Object v = values[i];
        if (v == null) {
            return NO_STRINGS;
        }
        byte[] b = bytesOf(v);
        if (b == null) {
            return null;
        }
        switch (vr.kind()) {
            case STRING:
                return StringValues.split(StringValues.ascii(b, 0, b.length), vr);
            case TEXT:
                return StringValues.split(specificCharacterSet().decode(b, 0, b.length, vr), vr);
            case BINARY: {
                String[] s = new String[NumericValues.count(vr, b.length)];
                for (int k = 0; k < s.length; k++) {
                    s[k] = vr == VR.AT ? String.format("%08X", NumericValues.getLong(b, k, vr, bigEndian))
                            : NumericValues.isFloat(vr) ? Double.toString(NumericValues.getDouble(b, k, vr, bigEndian))
                            : Long.toUnsignedString(NumericValues.getLong(b, k, vr, bigEndian));
                }
                if (vr == VR.SS || vr == VR.SL || vr == VR.SV) {
                    for (int k = 0; k < s.length; k++) {
                        s[k] = Long.toString(NumericValues.getLong(b, k, vr, bigEndian));
                    }
                }
                return s;
            }
            default:
                return null;
        }
    }

    /** Sets string values, encoding text VRs with this data set's Specific Character Set. */
    public void setString(int tag, VR vr, String... values) {
        String joined = StringValues.join(values);
        byte[] b;
        switch (vr.kind()) {
            case STRING:
                b = joined.getBytes(StandardCharsets.ISO_8859_1);
                break;
            case TEXT:
                b = specificCharacterSet().encode(joined, vr);
                break;
            default:
                throw new IllegalArgumentException(vr + " is not a string VR");
        }
        put(tag, vr, StringValues.padToEven(b, vr.paddingByte()));
    }

    /** Sets string values with the VR the data dictionary gives {@code tag}. */
    public void setString(int tag, String... values) {
        setString(tag, dictionaryVR(tag), values);
    }

    private static VR dictionaryVR(int tag) {
        VR vr = DataDictionary.standard().vrOf(tag);
        if (vr == VR.UN) {
            throw new IllegalArgumentException("the dictionary has no VR for " + Tag.toString(tag) + "; give one");
        }
        return vr;
    }

    // ------------------------------------------------------------------ numbers

    public int getInt(int tag, int defaultValue) {
        return (int) getLong(tag, 0, defaultValue);
    }

    public int getInt(int tag, int index, int defaultValue) {
        return (int) getLong(tag, index, defaultValue);
    }

    public long getLong(int tag, long defaultValue) {
        return getLong(tag, 0, defaultValue);
    }

    /**
     * Value {@code index} of a binary integer (US, SS, UL, SL, SV, UV, AT, OB/OW/OL/OV words) or IS/DS string;
     * floating point values are truncated toward zero.
     */
    public long getLong(int tag, int index, long defaultValue) {
        int i = indexOf(tag);
        if (i < 0) {
            return defaultValue;
        }
        VR vr = vrs[i];
        if (vr == VR.IS || vr == VR.DS) {
            String[] s = stringsAt(i);
            try {
                return index < s.length && !s[index].isEmpty() ? NumericValues.parseIS(s[index]) : defaultValue;
            } catch (NumberFormatException e) {
                return defaultValue;
            }
        }
        byte[] b = NumericValues.valueSize(vr) > 0 ? bytesOf(values[i]) : null;
        return b == null || index >= NumericValues.count(vr, b.length) ? defaultValue
                : NumericValues.getLong(b, index, vr, bigEndian);
    }

    /** All values as ints (see {@link #getLongs}). */
    public int[] getInts(int tag) {
        long[] l = getLongs(tag);
        if (l == null) {
            return null;
        }
        int[] v = new int[l.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = (int) l[k];
        }
        return v;
    }

    /** All values as longs; {@code null} when absent or not numeric; an unparsable IS/DS value gives 0. */
    public long[] getLongs(int tag) {
        double[] d = numbers(tag, false);
        if (d == null) {
            return null;
        }
        long[] v = new long[d.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = (long) d[k];
        }
        int i = indexOf(tag);
        if (vrs[i].kind() == VR.Kind.BINARY || vrs[i].kind() == VR.Kind.BULK) {
            byte[] b = bytesOf(values[i]); // exact for 64-bit values a double cannot hold
            for (int k = 0; k < v.length; k++) {
                v[k] = NumericValues.getLong(b, k, vrs[i], bigEndian);
            }
        }
        return v;
    }

    public float getFloat(int tag, float defaultValue) {
        return (float) getDouble(tag, 0, defaultValue);
    }

    public double getDouble(int tag, double defaultValue) {
        return getDouble(tag, 0, defaultValue);
    }

    /** Value {@code index} of a binary number (FL, FD, OF, OD and the integer VRs) or DS/IS string. */
    public double getDouble(int tag, int index, double defaultValue) {
        double[] d = numbers(tag, true);
        return d == null || index >= d.length || Double.isNaN(d[index]) ? defaultValue : d[index];
    }

    public float[] getFloats(int tag) {
        double[] d = getDoubles(tag);
        if (d == null) {
            return null;
        }
        float[] v = new float[d.length];
        for (int k = 0; k < v.length; k++) {
            v[k] = (float) d[k];
        }
        return v;
    }

    /** All values as doubles; {@code null} when absent or not numeric; an unparsable DS/IS value gives NaN. */
    public double[] getDoubles(int tag) {
        return numbers(tag, true);
    }

    private double[] numbers(int tag, boolean nanForBad) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        VR vr = vrs[i];
        if (vr == VR.IS || vr == VR.DS) {
            String[] s = stringsAt(i);
            double[] d = new double[s.length];
            for (int k = 0; k < d.length; k++) {
                try {
                    d[k] = vr == VR.IS ? NumericValues.parseIS(s[k]) : NumericValues.parseDS(s[k]);
                } catch (NumberFormatException e) {
                    LOG.log(Level.DEBUG, "unparsable {0} value \"{1}\" in {2}", vr, s[k], Tag.toString(tag));
                    d[k] = nanForBad ? Double.NaN : 0;
                }
            }
            return d;
        }
        if (NumericValues.valueSize(vr) == 0) {
            return null;
        }
        byte[] b = bytesOf(values[i]);
        if (b == null) {
            return values[i] == null ? new double[0] : null;
        }
        double[] d = new double[NumericValues.count(vr, b.length)];
        for (int k = 0; k < d.length; k++) {
            d[k] = NumericValues.getDouble(b, k, vr, bigEndian);
        }
        return d;
    }

    public void setInt(int tag, VR vr, int... values) {
        long[] l = new long[values.length];
        for (int k = 0; k < l.length; k++) {
            l[k] = values[k];
        }
        setLong(tag, vr, l);
    }

    /** Sets integers as binary values of {@code vr}, or as IS/DS strings. */
    public void setLong(int tag, VR vr, long... values) {
        if (vr == VR.IS || vr == VR.DS) {
            String[] s = new String[values.length];
            for (int k = 0; k < s.length; k++) {
                s[k] = Long.toString(values[k]);
            }
            setString(tag, vr, s);
        } else {
            put(tag, vr, NumericValues.encodeLongs(values, checkBinary(vr), bigEndian));
        }
    }

    public void setFloat(int tag, VR vr, float... values) {
        if (vr == VR.DS) {
            String[] s = new String[values.length];
            for (int k = 0; k < s.length; k++) {
                s[k] = NumericValues.formatDS(Double.parseDouble(Float.toString(values[k])));
            }
            setString(tag, vr, s);
            return;
        }
        double[] d = new double[values.length];
        for (int k = 0; k < d.length; k++) {
            d[k] = values[k];
        }
        setDouble(tag, vr, d);
    }

    /** Sets numbers as binary values of {@code vr}, or as DS (at most 16 characters each) or IS strings. */
    public void setDouble(int tag, VR vr, double... values) {
        if (vr == VR.IS || vr == VR.DS) {
            String[] s = new String[values.length];
            for (int k = 0; k < s.length; k++) {
                s[k] = vr == VR.IS ? Long.toString((long) values[k]) : NumericValues.formatDS(values[k]);
            }
            setString(tag, vr, s);
        } else {
            put(tag, vr, NumericValues.encodeDoubles(values, checkBinary(vr), bigEndian));
        }
    }

    private static VR checkBinary(VR vr) {
        if (NumericValues.valueSize(vr) == 0) {
            throw new IllegalArgumentException(vr + " does not hold binary numbers");
        }
        return vr;
    }

    // ------------------------------------------------------------------ dates and times

    /** A DA value as a date; {@code null} when absent, empty or malformed. */
    public LocalDate getDate(int tag) {
        String s = getString(tag);
        return s == null || s.isEmpty() ? null : DateTimeValues.parseDate(s);
    }

    /** A TM value; a partial time ("10") gives its first instant (10:00). */
    public LocalTime getTime(int tag) {
        String s = getString(tag);
        return s == null || s.isEmpty() ? null : DateTimeValues.parseTime(s, false);
    }

    /** The local date-time of a DT value (its offset ignored); a partial value gives its first instant. */
    public LocalDateTime getDateTime(int tag) {
        String s = getString(tag);
        return s == null || s.isEmpty() ? null : DateTimeValues.parseDateTime(s, false);
    }

    /**
     * A DT value with its offset: the value's own "&ZZXX" suffix, else (0008,0201) Timezone Offset From UTC of
     * this or an enclosing data set; {@code null} when neither exists.
     */
    public OffsetDateTime getOffsetDateTime(int tag) {
        String s = getString(tag);
        LocalDateTime dt = s == null || s.isEmpty() ? null : DateTimeValues.parseDateTime(s, false);
        if (dt == null) {
            return null;
        }
        ZoneOffset offset = DateTimeValues.parseDateTimeOffset(s);
        for (Attributes a = this; offset == null && a != null; a = a.parent()) {
            String tz = a.getString(TIMEZONE_OFFSET_FROM_UTC);
            offset = tz == null ? null : DateTimeValues.parseOffset(tz);
        }
        return offset == null ? null : dt.atOffset(offset);
    }

    /** A date and a time element combined ((0008,0020) and (0008,0030), say); midnight when the time is absent. */
    public LocalDateTime getDateTime(int dateTag, int timeTag) {
        LocalDate d = getDate(dateTag);
        if (d == null) {
            return null;
        }
        LocalTime t = getTime(timeTag);
        return d.atTime(t == null ? LocalTime.MIDNIGHT : t);
    }

    /** A DA value or range ("20200101-20201231", "-20201231", "20200101-") for query matching. */
    public TemporalRange<LocalDate> getDateRange(int tag) {
        String s = getString(tag);
        return s == null || s.isEmpty() ? null : DateTimeValues.parseDateRange(s);
    }

    /** A TM value or range; partial bounds cover their whole interval ("10-11" is 10:00 to 11:59:59.999999). */
    public TemporalRange<LocalTime> getTimeRange(int tag) {
        String s = getString(tag);
        return s == null || s.isEmpty() ? null : DateTimeValues.parseTimeRange(s);
    }

    /** A DT value or range (offsets ignored); partial bounds cover their whole interval. */
    public TemporalRange<LocalDateTime> getDateTimeRange(int tag) {
        String s = getString(tag);
        return s == null || s.isEmpty() ? null : DateTimeValues.parseDateTimeRange(s);
    }

    public void setDate(int tag, LocalDate... values) {
        String[] s = new String[values.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = DateTimeValues.formatDate(values[k]);
        }
        setString(tag, VR.DA, s);
    }

    public void setTime(int tag, LocalTime... values) {
        String[] s = new String[values.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = DateTimeValues.formatTime(values[k]);
        }
        setString(tag, VR.TM, s);
    }

    public void setDateTime(int tag, LocalDateTime... values) {
        String[] s = new String[values.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = DateTimeValues.formatDateTime(values[k]);
        }
        setString(tag, VR.DT, s);
    }

    /** Sets DT values with their "&ZZXX" offsets. */
    public void setDateTime(int tag, OffsetDateTime... values) {
        String[] s = new String[values.length];
        for (int k = 0; k < s.length; k++) {
            s[k] = DateTimeValues.formatDateTime(values[k]);
        }
        setString(tag, VR.DT, s);
    }
}
