package org.lightbox.cli.internal;

import java.io.PrintStream;
import java.util.List;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.dict.DataDictionary;

/**
 * Prints C-FIND matches through a {@link TablePrinter}, a column per key named by its keyword: a missing key is
 * {@code null} in JSON, a multi-valued one an array.
 */
final class MatchPrinter {
    private final List<Integer> columns;
    private final TablePrinter table;

    MatchPrinter(List<Integer> columns, boolean json, PrintStream out) {
        this.columns = List.copyOf(columns);
        this.table = new TablePrinter(columns.stream().map(MatchPrinter::name).toList(), json, out);
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
        Object[] cells = new Object[columns.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = values(match, columns.get(i));
        }
        table.add(cells);
    }

    /** Prints the table (nothing more for JSON lines). */
    void finish() {
        table.finish();
    }
}
