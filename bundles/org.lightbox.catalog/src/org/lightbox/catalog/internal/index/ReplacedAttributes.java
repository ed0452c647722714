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
        try (PreparedStatement ps = c.prepareStatement("UPDATE SERIES SET MODALITY = ?, SERIES_NO = ?, "
                + "SERIES_DESC = ?, BODY_PART = ?, CHARSET = ?, ATTRS = ? WHERE PK = ?")) {
            Sql.setString(ps, 1, v.modality);
            Sql.setInteger(ps, 2, v.seriesNumber);
            Sql.setString(ps, 3, v.seriesDescription);
            Sql.setString(ps, 4, v.bodyPart);
            Sql.setString(ps, 5, v.charset);
            Sql.setBytes(ps, 6, v.seriesAttrs(), dialect);
            ps.setLong(7, seriesPk);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE STUDY SET STUDY_DATE = ?, STUDY_TIME = ?, "
                + "STUDY_TIME_KEY = ?, ACCESSION_NO = ?, STUDY_ID = ?, REF_PHYSICIAN = ?, REF_PHYSICIAN_FOLD = ?, "
                + "STUDY_DESC = ?, MODALITIES = ?, CHARSET = ?, ATTRS = ? WHERE PK = ?")) {
            Sql.setString(ps, 1, v.studyDate);
            Sql.setString(ps, 2, v.studyTime);
            Sql.setString(ps, 3, v.studyTimeKey);
            Sql.setString(ps, 4, v.accession);
            Sql.setString(ps, 5, v.studyId);
            Sql.setString(ps, 6, v.referringPhysician);
            Sql.setString(ps, 7, Values.fold(v.referringPhysician));
            Sql.setString(ps, 8, v.studyDescription);
            Sql.setString(ps, 9, modalities(c, studyPk));
            Sql.setString(ps, 10, v.charset);
            Sql.setBytes(ps, 11, v.studyAttrs(), dialect);
            ps.setLong(12, studyPk);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE PATIENT SET PAT_NAME = ?, PAT_NAME_FOLD = ?, "
                + "PAT_BIRTHDATE = ?, PAT_SEX = ?, CHARSET = ?, ATTRS = ? WHERE PAT_KEY = ? AND PK = "
                + "(SELECT PATIENT_FK FROM STUDY WHERE PK = ?)")) {
            Sql.setString(ps, 1, v.patientName);
            Sql.setString(ps, 2, Values.fold(v.patientName));
            Sql.setString(ps, 3, v.birthDate);
            Sql.setString(ps, 4, v.sex);
            Sql.setString(ps, 5, v.charset);
            Sql.setBytes(ps, 6, v.patientAttrs(), dialect);
            ps.setString(7, v.patientKey);
            ps.setLong(8, studyPk);
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
