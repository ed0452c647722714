package org.lightbox.catalog.internal.query;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.catalog.internal.index.AttributeBlob;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.io.DicomFormatException;

/** Turns the rows of a C-FIND plan into response identifiers, applying the matches SQL could not do. */
public final class FindRows implements SqlCursor.RowMapper<Attributes> {

    private static final String[] BLOB_ALIAS = { "P_ATTRS", "S_ATTRS", "SE_ATTRS", "I_ATTRS" };

    private final QueryPlan plan;
    private String[] labels;

    public FindRows(QueryPlan plan) {
        this.plan = plan;
    }

    @Override
    public Attributes map(ResultSet rs) throws SQLException, CatalogException {
        Map<QueryLevel, Attributes> blobs = new EnumMap<>(QueryLevel.class);
        for (QueryLevel l : plan.blobs()) {
            try {
                blobs.put(l, AttributeBlob.decode(rs.getBytes(BLOB_ALIAS[l.ordinal()])));
            } catch (DicomFormatException e) {
                throw new CatalogException("the catalog holds corrupt " + l + "-level attributes: " + e.getMessage(), e);
            }
        }
        boolean ignoreCase = plan.query().options().caseInsensitivePersonNames();
        for (int tag : plan.postFilter()) {
            Attributes stored = blobs.get(org.lightbox.catalog.internal.index.LevelAttributes.levelOf(tag));
            if (stored == null || !AttributeMatcher.matches(plan.query().keys(), tag, stored, ignoreCase)) {
                return null;
            }
        }
        if (labels == null) {
            ResultSetMetaData md = rs.getMetaData();
            labels = new String[md.getColumnCount()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = md.getColumnLabel(i + 1).toUpperCase(java.util.Locale.ROOT);
            }
        }
        Map<String, String> row = new HashMap<>(labels.length * 2);
        for (int i = 0; i < labels.length; i++) {
            if (!labels[i].endsWith("_ATTRS")) {
                row.put(labels[i], rs.getString(i + 1));
            }
        }
        return ResultAssembler.assemble(plan.query(), row, blobs);
    }
}
