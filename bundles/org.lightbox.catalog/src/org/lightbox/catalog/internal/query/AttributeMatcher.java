package org.lightbox.catalog.internal.query;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import org.lightbox.catalog.internal.index.Values;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.TemporalRange;
import org.lightbox.dicom.core.VR;

/**
 * PS3.4 C.2.2.2 matching of one key against stored attributes, for keys the catalog has no column for: the same
 * rules as the SQL translation (universal, single value, wildcard, range, UID list, any of several values, person
 * names optionally ignoring case) plus sequence matching (C.2.2.2.6: a stored item must match every key of the
 * query item).
 */
public final class AttributeMatcher {

    private AttributeMatcher() {
    }

    /** True when the stored attributes match key {@code tag} of {@code keys}. */
    public static boolean matches(Attributes keys, int tag, Attributes stored, boolean ignoreCase) {
        int i = keys.indexOf(tag);
        if (i < 0 || !QueryPlan.hasMatchingValue(keys, i)) {
            return true;
        }
        Object kv = keys.valueAt(i);
        if (kv instanceof Sequence) {
            return matchesSequence((Sequence) kv, stored.getSequence(tag), ignoreCase);
        }
        String[] storedValues = stored.getStrings(tag);
        if (storedValues == null || storedValues.length == 0) {
            return false; // an empty stored value matches only universal keys
        }
        for (String q : keys.getStrings(tag)) {
            if (q.isEmpty()) {
                continue;
            }
            if (Wildcards.isUniversal(q) || matchesValue(keys.vrAt(i), tag, q, stored, storedValues, ignoreCase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesSequence(Sequence query, Sequence stored, boolean ignoreCase) {
        if (stored == null || stored.isEmpty()) {
            return false;
        }
        Attributes q = query.get(0);
        for (Attributes item : stored) {
            boolean all = true;
            for (int k = 0; k < q.size() && all; k++) {
                all = matches(q, q.tagAt(k), item, ignoreCase);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesValue(VR keyVR, int tag, String q, Attributes stored, String[] values,
            boolean ignoreCase) {
        VR vr = stored.getVR(tag) != null ? stored.getVR(tag) : keyVR;
        switch (vr) {
            case DA: {
                TemporalRange<LocalDate> r = range(tag, VR.DA, q).getDateRange(tag);
                LocalDate d = stored.getDate(tag);
                return r != null && d != null && r.contains(d);
            }
            case TM: {
                TemporalRange<LocalTime> r = range(tag, VR.TM, q).getTimeRange(tag);
                LocalTime t = stored.getTime(tag);
                return r != null && t != null && r.contains(t);
            }
            case DT: {
                TemporalRange<LocalDateTime> r = range(tag, VR.DT, q).getDateTimeRange(tag);
                LocalDateTime t = stored.getDateTime(tag);
                return r != null && t != null && r.contains(t);
            }
            case UI:
                for (String v : values) {
                    if (v.equals(q)) {
                        return true;
                    }
                }
                return false;
            case IS:
            case DS:
            case US:
            case SS:
            case UL:
            case SL:
            case UV:
            case SV:
            case FL:
            case FD:
                for (String v : values) {
                    if (sameNumber(v, q)) {
                        return true;
                    }
                }
                return false;
            case PN: {
                String name = Values.personName(q);
                for (String v : values) {
                    String stored1 = Values.personName(v);
                    if (name != null && stored1 != null && text(stored1, name, ignoreCase)) {
                        return true;
                    }
                }
                return false;
            }
            default:
                for (String v : values) {
                    if (text(v, q, false)) {
                        return true;
                    }
                }
                return false;
        }
    }

    private static Attributes range(int tag, VR vr, String value) {
        Attributes a = new Attributes();
        a.setString(tag, vr, value);
        return a;
    }

    private static boolean text(String stored, String q, boolean ignoreCase) {
        if (Wildcards.has(q)) {
            return Wildcards.regex(q, ignoreCase).matcher(stored).matches();
        }
        return ignoreCase ? Values.fold(stored).equals(Values.fold(q)) : stored.equals(q);
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return Double.parseDouble(a.strip()) == Double.parseDouble(b.strip());
        } catch (NumberFormatException e) {
            return a.strip().equals(b.strip());
        }
    }
}
