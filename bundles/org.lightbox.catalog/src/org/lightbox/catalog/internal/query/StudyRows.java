package org.lightbox.catalog.internal.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.catalog.StudyRecord;
import org.lightbox.catalog.StudyState;
import org.lightbox.catalog.internal.db.Sql;
import org.lightbox.catalog.internal.index.AttributeBlob;
import org.lightbox.catalog.internal.index.LevelAttributes;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.io.DicomFormatException;

/** Maps study rows (the {@link #COLUMNS}) to {@link StudyRecord}s, applying matches SQL could not do. */
public final class StudyRows implements SqlCursor.RowMapper<StudyRecord> {

    public static final String COLUMNS = "s.STUDY_UID, p.PAT_ID, p.PAT_ID_ISSUER, p.PAT_NAME, p.PAT_BIRTHDATE, "
            + "p.PAT_SEX, s.STUDY_DATE, s.STUDY_TIME, s.ACCESSION_NO, s.STUDY_ID, s.REF_PHYSICIAN, s.STUDY_DESC, "
            + "s.MODALITIES, s.NUM_SERIES, s.NUM_INSTANCES, s.SIZE_BYTES, s.STATE, s.IS_PROTECTED, s.RECEIVED, "
            + "s.UPDATED, s.LAST_ACCESS";

    private final QueryPlan plan;

    /** @param plan the plan whose post-filter applies, or {@code null} for none */
    public StudyRows(QueryPlan plan) {
        this.plan = plan;
    }

    @Override
    public StudyRecord map(ResultSet rs) throws SQLException, CatalogException {
        if (plan != null && !plan.postFilter().isEmpty()) {
            Map<QueryLevel, Attributes> blobs = new EnumMap<>(QueryLevel.class);
            for (QueryLevel l : plan.blobs()) {
                try {
                    blobs.put(l, AttributeBlob.decode(rs.getBytes(l == QueryLevel.PATIENT ? "P_ATTRS" : "S_ATTRS")));
                } catch (DicomFormatException e) {
                    throw new CatalogException("the catalog holds corrupt attributes: " + e.getMessage(), e);
                }
            }
            for (int tag : plan.postFilter()) {
                Attributes stored = blobs.get(LevelAttributes.levelOf(tag));
                if (stored == null || !AttributeMatcher.matches(plan.query().keys(), tag, stored,
                        plan.query().options().caseInsensitivePersonNames())) {
                    return null;
                }
            }
        }
        return record(rs);
    }

    public static StudyRecord record(ResultSet rs) throws SQLException {
        return new StudyRecord(rs.getString("STUDY_UID"), rs.getString("PAT_ID"), rs.getString("PAT_ID_ISSUER"),
                rs.getString("PAT_NAME"), rs.getString("PAT_BIRTHDATE"), rs.getString("PAT_SEX"),
                rs.getString("STUDY_DATE"), rs.getString("STUDY_TIME"), rs.getString("ACCESSION_NO"),
                rs.getString("STUDY_ID"), rs.getString("REF_PHYSICIAN"), rs.getString("STUDY_DESC"),
                rs.getString("MODALITIES"), rs.getInt("NUM_SERIES"), rs.getInt("NUM_INSTANCES"),
                rs.getLong("SIZE_BYTES"), StudyState.valueOf(rs.getString("STATE")), rs.getBoolean("IS_PROTECTED"),
                Sql.instant(rs, "RECEIVED"), Sql.instant(rs, "UPDATED"), Sql.instant(rs, "LAST_ACCESS"));
    }
}
