package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints rows under named columns: an aligned table (buffered, to size the columns) or JSON lines (streamed, one
 * object per row keyed by the column names). A cell is {@code null} (missing: empty in the table, {@code null} in
 * JSON), a string, a string array (joined by '\' in the table, an array in JSON) or a number or boolean (bare in
 * JSON).
 */
final class TablePrinter {
    private final List<String> columns;
    private final boolean json;
    private final PrintStream out;
    private final List<String[]> rows = new ArrayList<>();

    TablePrinter(List<String> columns, boolean json, PrintStream out) {
        this.columns = List.copyOf(columns);
        this.json = json;
        this.out = out;
    }

    void add(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
        }
        if (json) {
            StringBuilder b = new StringBuilder("{");
            for (int i = 0; i < cells.length; i++) {
                b.append(i == 0 ? "" : ",").append(quote(columns.get(i))).append(':');
                appendJson(b, cells[i]);
            }
            out.println(b.append('}'));
            return;
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < row.length; i++) {
            Object c = cells[i];
            String text = c == null ? "" : c instanceof String[] v ? String.join("\\", v)
                    : c instanceof List<?> l ? String.join("\\", l.stream().map(String::valueOf).toList()) : c.toString();
            row[i] = visible(text);
        }
        rows.add(row);
    }

    private static void appendJson(StringBuilder b, Object cell) {
        if (cell == null) {
            b.append("null");
        } else if (cell instanceof Number || cell instanceof Boolean) {
            b.append(cell);
        } else if (cell instanceof List<?> l) { // always an array, even of one
            b.append('[');
            for (int k = 0; k < l.size(); k++) {
                b.append(k == 0 ? "" : ",").append(quote(String.valueOf(l.get(k))));
            }
            b.append(']');
        } else if (cell instanceof String[] v) {
            if (v.length == 1) {
                b.append(quote(v[0]));
                return;
            }
            b.append('[');
            for (int k = 0; k < v.length; k++) {
                b.append(k == 0 ? "" : ",").append(quote(v[k]));
            }
            b.append(']');
        } else {
            b.append(quote(cell.toString()));
        }
    }

    /** Prints the table (nothing more for JSON lines). */
    void finish() {
        if (json) {
            return;
        }
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = columns.get(i).length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        line(columns.toArray(new String[0]), width);
        for (String[] r : rows) {
            line(r, width);
        }
        rows.clear();
    }

    private void line(String[] cells, int[] width) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                b.append("  ");
            }
            b.append(cells[i]);
            if (i < cells.length - 1) {
                b.append(" ".repeat(width[i] - cells[i].length()));
            }
        }
        out.println(b);
    }

    /** Control characters of a value (an ISO 2022 escape, say) shown as {@code \xNN}, not sent to the terminal. */
    static String visible(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (b == null) {
                    b = new StringBuilder(s.substring(0, i));
                }
                b.append(String.format("\\x%02X", (int) c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * A JSON string in ASCII: characters beyond it as backslash-u escapes, so that the output means the same in any
     * locale (under LANG=C the JVM would print them as '?').
     */
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
