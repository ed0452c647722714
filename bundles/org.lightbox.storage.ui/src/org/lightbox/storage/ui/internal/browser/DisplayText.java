package org.lightbox.storage.ui.internal.browser;

import org.lightbox.storage.ui.PersonNames;

/** DICOM values as staff read them: dates with dashes, times with colons, names "Family, Given Middle". */
final class DisplayText {

    private DisplayText() {
    }

    /** YYYYMMDD as YYYY-MM-DD; anything else as it is. */
    static String date(String da) {
        if (da == null) {
            return "";
        }
        String d = da.strip();
        if (d.length() == 8 && d.chars().allMatch(Character::isDigit)) {
            return d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6);
        }
        return d;
    }

    /** HHMMSS.FFFFFF as HH:MM:SS (fractions dropped; shorter forms as far as given). */
    static String time(String tm) {
        if (tm == null) {
            return "";
        }
        String t = tm.strip();
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        if (whole.contains(":") || !whole.chars().allMatch(Character::isDigit)) {
            return whole; // the retired ACR-NEMA form HH:MM:SS, or something else: as received
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 2 <= whole.length() && i < 6; i += 2) {
            b.append(i == 0 ? "" : ":").append(whole, i, i + 2);
        }
        return b.toString();
    }

    /**
     * The alphabetic group of a PN value as "Family, Given Middle Prefix Suffix"; a name with one component stays
     * as it is.
     */
    static String personName(String pn) {
        return PersonNames.display(pn);
    }

    /** Modalities in Study ("CT\PT") as "CT, PT". */
    static String modalities(String cs) {
        return cs == null ? "" : String.join(", ", cs.split("\\\\"));
    }

    static String text(String s) {
        return s == null ? "" : s;
    }
}
