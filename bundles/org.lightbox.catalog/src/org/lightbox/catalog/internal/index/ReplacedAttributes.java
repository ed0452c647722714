package org.lightbox.catalog.internal.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.catalog.internal.db.Sql;
import org.lightbox.catalog.internal.db.SqlDialect;

/**
 * Under the REPLACE duplicate policy a new copy corrects the old one, so its patient, study and series attributes
 * take the places of those the rows were created with: a resend that fixes a name, a date or a modality must show
 * in queries, not only in the file. The patient row is corrected only while the copy names the same patient (its
 * Patient ID and issuer, or name and birth date); a study is never moved to another patient by one instance.
 */
final class ReplacedAttributes {

    private ReplacedAttributes() {
    }

    static void apply(Connection c, InstanceValues v, long studyPk, long seriesPk, SqlDialect dialect)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE SERIES SET "
                + LevelColumns.assignments(LevelColumns.SERIES) + ", CHARSET = ?, ATTRS = ? WHERE PK = ?")) {
            int i = LevelColumns.bindSeries(ps, 1, v);
            Sql.setString(ps, i, v.charset);
            Sql.setBytes(ps, i + 1, v.seriesAttrs(), dialect);
            ps.setLong(i + 2, seriesPk);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE STUDY SET "
                + LevelColumns.assignments(LevelColumns.STUDY) + ", MODALITIES = ?, CHARSET = ?, ATTRS = ? "
                + "WHERE PK = ?")) {
            int i = LevelColumns.bindStudy(ps, 1, v);
            Sql.setString(ps, i, modalities(c, studyPk));
            Sql.setString(ps, i + 1, v.charset);
            Sql.setBytes(ps, i + 2, v.studyAttrs(), dialect);
            ps.setLong(i + 3, studyPk);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE PATIENT SET "
                + LevelColumns.assignments(LevelColumns.PATIENT) + ", CHARSET = ?, ATTRS = ? WHERE PAT_KEY = ? AND "
                + "PK = (SELECT PATIENT_FK FROM STUDY WHERE PK = ?)")) {
            int i = LevelColumns.bindPatient(ps, 1, v);
            Sql.setString(ps, i, v.charset);
            Sql.setBytes(ps, i + 1, v.patientAttrs(), dialect);
            ps.setString(i + 2, v.patientKey);
            ps.setLong(i + 3, studyPk);
            ps.executeUpdate();
        }
    }

    /** Modalities in Study as its series now say. */
    private static String modalities(Connection c, long studyPk) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT MODALITY FROM SERIES WHERE STUDY_FK = ? AND MODALITY IS NOT NULL ORDER BY MODALITY")) {
            ps.setLong(1, studyPk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out.isEmpty() ? null : Values.column(String.join("\\", out), 256);
    }
}
