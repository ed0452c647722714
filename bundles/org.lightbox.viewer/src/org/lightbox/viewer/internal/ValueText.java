package org.lightbox.viewer.internal;

import java.util.Locale;

/** How the viewer prints numbers: whole values bare, others with one decimal, always with a '.' separator. */
public final class ValueText {

    private ValueText() {
    }

    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Math.abs(v - Math.rint(v)) < 1e-6) {
            return Long.toString(Math.round(v));
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
