package org.lightbox.catalog.internal.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.catalog.internal.index.AttributeBlob;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.io.DicomFormatException;

/** Turns the rows of a C-FIND plan into response identifiers, applying the matches SQL could not do. */
public final class FindRows implements SqlCursor.RowMapper<Attributes> {

    private static final String[] BLOB_ALIAS = { "P_ATTRS", "S_ATTRS", "SE_ATTRS", "I_ATTRS" };
    /** The row value of SOP Classes in Study (0008,0062), '\\'-separated. */
    static final String SOP_CLASSES = "S_SOP_CLASSES";

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
        if (plan.query().level() == QueryLevel.STUDY && plan.query().keys().contains(Tag.SOPClassesInStudy)) {
            row.put(SOP_CLASSES, sopClasses(rs.getStatement().getConnection(), row.get("STUDY_UID")));
        }
        return ResultAssembler.assemble(plan.query(), row, blobs);
    }

    /** The distinct SOP Classes of a study's instances, or null for none; a query per study, only when asked. */
    private static String sopClasses(Connection c, String studyUid) throws SQLException {
        Set<String> classes = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT i.SOP_CUID FROM INSTANCE i JOIN SERIES se "
                + "ON se.PK = i.SERIES_FK JOIN STUDY s ON s.PK = se.STUDY_FK WHERE s.STUDY_UID = ?")) {
            ps.setString(1, studyUid);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    if (r.getString(1) != null) {
                        classes.add(r.getString(1));
                    }
                }
            }
        }
        return classes.isEmpty() ? null : String.join("\\", classes);
    }
}
