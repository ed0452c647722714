package org.lightbox.storage.ui.internal.activity;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/** A column of an activity table: its title, width in pixels and the text of a row. */
record LogColumn<T>(String title, int width, Function<T, String> text) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** The cell text, never {@code null}. */
    String of(T row) {
        String s = text.apply(row);
        return s == null ? "" : s;
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static String lower(Enum<?> e) {
        return e == null ? "" : e.name().toLowerCase();
    }
}
