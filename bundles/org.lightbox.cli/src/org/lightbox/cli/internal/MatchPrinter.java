package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.dict.DataDictionary;

/**
 * Prints C-FIND matches: an aligned table (buffered, to size the columns) or JSON lines (streamed, one object per
 * match, keyed by keyword; a missing key is {@code null}, a multi-valued one an array).
 */
final class MatchPrinter {
    private final List<Integer> columns;
    private final boolean json;
    private final PrintStream out;
    private final List<String[]> rows = new ArrayList<>();

    MatchPrinter(List<Integer> columns, boolean json, PrintStream out) {
        this.columns = columns;
        this.json = json;
        this.out = out;
    }

    static String name(int tag) {
        String k = DataDictionary.standard().keywordOf(tag);
        return k.isEmpty() ? String.format("%04X,%04X", Tag.group(tag), Tag.element(tag)) : k;
    }

    private static String[] values(Attributes m, int tag) {
        try {
            return m.contains(tag) ? m.getStrings(tag) : null;
        } catch (RuntimeException e) {
            return new String[] { "<" + e.getMessage() + ">" }; // an undecodable value is shown, not fatal
        }
    }

    void add(Attributes match) {
        if (json) {
            StringBuilder b = new StringBuilder("{");
            for (int i = 0; i < columns.size(); i++) {
                int tag = columns.get(i);
                b.append(i == 0 ? "" : ",").append(quote(name(tag))).append(':');
                String[] v = values(match, tag);
                if (v == null) {
                    b.append("null");
                } else if (v.length == 1) {
                    b.append(quote(v[0]));
                } else {
                    b.append('[');
                    for (int k = 0; k < v.length; k++) {
                        b.append(k == 0 ? "" : ",").append(quote(v[k]));
                    }
                    b.append(']');
                }
            }
            out.println(b.append('}'));
            return;
        }
        String[] row = new String[columns.size()];
        for (int i = 0; i < row.length; i++) {
            String[] v = values(match, columns.get(i));
            row[i] = v == null ? "" : String.join("\\", v);
        }
        rows.add(row);
    }

    /** Prints the table (nothing more for JSON lines). */
    void finish() {
        if (json) {
            return;
        }
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = name(columns.get(i)).length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        String[] header = new String[width.length];
        for (int i = 0; i < header.length; i++) {
            header[i] = name(columns.get(i));
        }
        line(header, width);
        for (String[] r : rows) {
            line(r, width);
        }
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
                    if (c < 0x20) {
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
