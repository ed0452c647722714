package org.lightbox.config;

/** The rules for an Application Entity title (PS3.5 VR AE): 1 to 16 characters of the default repertoire. */
public final class AeTitle {

    public static final int MAX_LENGTH = 16;

    private AeTitle() {
    }

    /**
     * Returns {@code title} without leading and trailing spaces (which are not significant) or throws
     * {@link IllegalArgumentException} saying what is wrong with it.
     */
    public static String check(String title) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("an AE title must not be empty");
        }
        String t = title.strip();
        if (t.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("AE title '" + t + "' is longer than 16 characters");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new IllegalArgumentException("AE title '" + t + "' contains '" + printable(c)
                        + "'; only printable ASCII without backslash is allowed");
            }
        }
        return t;
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7E ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
