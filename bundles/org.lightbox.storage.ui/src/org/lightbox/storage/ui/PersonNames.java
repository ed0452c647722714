package org.lightbox.storage.ui;

/** How Lightbox's views show a Person Name (PN) value, the same in every view. */
public final class PersonNames {

    private PersonNames() {
    }

    /**
     * The alphabetic group of a PN value as "Family, Given Middle Prefix Suffix" (empty components left out); a name
     * with one component stays as it is; {@code null} is the empty string.
     */
    public static String display(String pn) {
        if (pn == null) {
            return "";
        }
        String alphabetic = pn.split("=", -1)[0];
        String[] c = alphabetic.split("\\^", -1);
        String family = c[0].strip();
        StringBuilder rest = new StringBuilder();
        for (int i = 1; i < c.length; i++) {
            String part = c[i].strip(); // given, middle, prefix, suffix, in the order stored
            if (!part.isEmpty()) {
                rest.append(rest.length() == 0 ? "" : " ").append(part);
            }
        }
        if (rest.length() == 0) {
            return family;
        }
        return family.isEmpty() ? rest.toString() : family + ", " + rest;
    }
}
