package org.lightbox.catalog.internal.query;

import java.util.regex.Pattern;

/** DICOM wildcard matching ('*' any run of characters, '?' one character) as SQL LIKE patterns and as regexes. */
public final class Wildcards {

    /** The LIKE escape character the catalog's SQL declares ({@code ESCAPE '!'}). */
    public static final char ESCAPE = '!';

    private Wildcards() {
    }

    public static boolean has(String value) {
        return value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
    }

    /** True for a value that matches everything: only '*'s. */
    public static boolean isUniversal(String value) {
        return !value.isEmpty() && value.chars().allMatch(ch -> ch == '*');
    }

    /** The LIKE pattern of a DICOM value: '%' and '_' (and the escape) in the value are escaped. */
    public static String like(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 4);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '*':
                    sb.append('%');
                    break;
                case '?':
                    sb.append('_');
                    break;
                case '%':
                case '_':
                case ESCAPE:
                    sb.append(ESCAPE).append(ch);
                    break;
                default:
                    sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** The regex of a DICOM value with wildcards, everything else literal. */
    public static Pattern regex(String value, boolean ignoreCase) {
        StringBuilder sb = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '*' || ch == '?') {
                if (literal.length() > 0) {
                    sb.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                sb.append(ch == '*' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (literal.length() > 0) {
            sb.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(sb.toString(),
                Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }
}
