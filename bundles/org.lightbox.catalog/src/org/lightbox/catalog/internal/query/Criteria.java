package org.lightbox.catalog.internal.query;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.catalog.InvalidQueryException;
import org.lightbox.catalog.internal.index.Values;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.TemporalRange;
import org.lightbox.dicom.core.VR;

/**
 * The WHERE clause of a query under construction: predicates with '?' placeholders and their values, and at most
 * one long UID list that is split into several statements (a list of thousands of UIDs in one IN clause is more
 * than some databases compile).
 */
final class Criteria {

    static final int LIST_CHUNK = 500;

    private final List<String> predicates = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();
    private String chunkedColumn;
    private List<String> chunkedValues;

    /** Adds the predicates matching {@code values} of key {@code col} (PS3.4 C.2.2.2); empty values add none. */
    void match(KeyColumn col, String[] values, boolean ignoreCase) throws InvalidQueryException {
        List<String> vs = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (!v.isEmpty()) {
                    vs.add(v);
                }
            }
        }
        if (vs.isEmpty() || col.kind() == KeyColumn.Kind.COMPUTED) {
            return;
        }
        if (col.kind() == KeyColumn.Kind.UID) {
            uids(col.match(), vs);
            return;
        }
        for (String v : vs) {
            if (Wildcards.isUniversal(v)) {
                return; // one value matching everything makes the whole key universal
            }
        }
        List<String> alternatives = new ArrayList<>();
        for (String v : vs) {
            String p = predicate(col, v, ignoreCase);
            if (p != null) {
                alternatives.add(p);
            }
        }
        if (alternatives.isEmpty()) {
            predicates.add("1 = 0");
        } else if (alternatives.size() == 1) {
            predicates.add(alternatives.get(0));
        } else {
            predicates.add("(" + String.join(" OR ", alternatives) + ")");
        }
    }

    /** An equality on a unique key given as a single value (a level above the query level). */
    void equal(String column, String value) {
        predicates.add(column + " = ?");
        params.add(value);
    }

    private String predicate(KeyColumn col, String v, boolean ignoreCase) throws InvalidQueryException {
        switch (col.kind()) {
            case STRING:
                return text(col.match(), v);
            case PERSON_NAME: {
                String name = Values.personName(v);
                if (name == null) {
                    return null;
                }
                return ignoreCase ? text(col.folded(), Values.fold(name)) : text(col.match(), name);
            }
            case DATE:
                return dateRange(col, v);
            case TIME:
                return timeRange(col, v);
            case INTEGER:
                try {
                    params.add(Integer.valueOf(v.strip()));
                    return col.match() + " = ?";
                } catch (NumberFormatException e) {
                    return null; // no stored integer equals a non-number
                }
            case MODALITIES:
                // a study matches when any of its modalities does: compare against '\'-delimited values
                params.add("%\\" + Wildcards.like(v) + "\\%");
                return "('\\' || " + col.match() + " || '\\') LIKE ? ESCAPE '" + Wildcards.ESCAPE + "'";
            default:
                throw new IllegalStateException(col.kind().toString());
        }
    }

    private String text(String column, String v) {
        if (Wildcards.has(v)) {
            params.add(Wildcards.like(v));
            return column + " LIKE ? ESCAPE '" + Wildcards.ESCAPE + "'";
        }
        params.add(v);
        return column + " = ?";
    }

    private String dateRange(KeyColumn col, String v) throws InvalidQueryException {
        Attributes a = new Attributes();
        a.setString(col.tag(), VR.DA, v);
        TemporalRange<LocalDate> r = a.getDateRange(col.tag());
        if (r == null) {
            throw new InvalidQueryException(col.tag(), "malformed date or date range \"" + v + "\"");
        }
        return range(col.match(), r.lower() == null ? null : Values.date(r.lower()),
                r.upper() == null ? null : Values.date(r.upper()));
    }

    private String timeRange(KeyColumn col, String v) throws InvalidQueryException {
        Attributes a = new Attributes();
        a.setString(col.tag(), VR.TM, v);
        TemporalRange<LocalTime> r = a.getTimeRange(col.tag());
        if (r == null) {
            throw new InvalidQueryException(col.tag(), "malformed time or time range \"" + v + "\"");
        }
        return range(col.match(), r.lower() == null ? null : Values.timeKey(r.lower()),
                r.upper() == null ? null : Values.timeKey(r.upper()));
    }

    private String range(String column, String lower, String upper) {
        if (lower != null && lower.equals(upper)) {
            params.add(lower);
            return column + " = ?";
        }
        if (lower != null && upper != null) {
            params.add(lower);
            params.add(upper);
            return "(" + column + " >= ? AND " + column + " <= ?)";
        }
        params.add(lower != null ? lower : upper);
        return column + (lower != null ? " >= ?" : " <= ?");
    }

    private void uids(String column, List<String> vs) {
        List<String> unique = new ArrayList<>(new java.util.LinkedHashSet<>(vs));
        if (unique.size() == 1) {
            equal(column, unique.get(0));
        } else if (unique.size() <= LIST_CHUNK || chunkedColumn != null) {
            predicates.add(column + " IN (" + marks(unique.size()) + ")");
            params.addAll(unique);
        } else {
            chunkedColumn = column;
            chunkedValues = unique;
        }
    }

    private static String marks(int n) {
        StringBuilder sb = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "?" : ", ?");
        }
        return sb.toString();
    }

    /** The statements: {@code select + from}, the WHERE clause, then {@code tail}; several for a long UID list. */
    List<SqlQuery> statements(String selectFrom, String tail) {
        List<SqlQuery> out = new ArrayList<>();
        if (chunkedColumn == null) {
            out.add(new SqlQuery(selectFrom + where(predicates) + tail, params));
            return out;
        }
        for (int from = 0; from < chunkedValues.size(); from += LIST_CHUNK) {
            List<String> chunk = chunkedValues.subList(from, Math.min(chunkedValues.size(), from + LIST_CHUNK));
            List<String> preds = new ArrayList<>(predicates);
            preds.add(chunkedColumn + " IN (" + marks(chunk.size()) + ")");
            List<Object> ps = new ArrayList<>(params);
            ps.addAll(chunk);
            out.add(new SqlQuery(selectFrom + where(preds) + tail, ps));
        }
        return out;
    }

    private static String where(List<String> preds) {
        return preds.isEmpty() ? "" : " WHERE " + String.join(" AND ", preds);
    }
}
