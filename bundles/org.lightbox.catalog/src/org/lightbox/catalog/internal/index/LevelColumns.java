package org.lightbox.catalog.internal.index;

import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.lightbox.catalog.internal.db.Sql;

/**
 * The descriptive columns of the patient, study and series rows, which an instance fills when it creates a row and a
 * replacing copy fills again ({@link ReplacedAttributes}): one list of columns and one binding per level, so that
 * the insert and the update cannot drift apart.
 */
final class LevelColumns {

    static final String PATIENT = "PAT_NAME, PAT_NAME_FOLD, PAT_BIRTHDATE, PAT_SEX";
    static final String STUDY = "STUDY_DATE, STUDY_TIME, STUDY_TIME_KEY, ACCESSION_NO, STUDY_ID, REF_PHYSICIAN, "
            + "REF_PHYSICIAN_FOLD, STUDY_DESC";
    static final String SERIES = "MODALITY, SERIES_NO, SERIES_DESC, BODY_PART";

    private LevelColumns() {
    }

    /** {@code "A = ?, B = ?"} for an UPDATE of {@code columns}. */
    static String assignments(String columns) {
        return String.join(" = ?, ", columns.split(", ")) + " = ?";
    }

    /** {@code "?, ?"}: as many placeholders as {@code columns}. */
    static String placeholders(String columns) {
        return "?" + ", ?".repeat(columns.split(", ").length - 1);
    }

    /** Binds {@link #PATIENT} from parameter {@code i} on; returns the next parameter index. */
    static int bindPatient(PreparedStatement ps, int i, InstanceValues v) throws SQLException {
        Sql.setString(ps, i, v.patientName);
        Sql.setString(ps, i + 1, Values.fold(v.patientName));
        Sql.setString(ps, i + 2, v.birthDate);
        Sql.setString(ps, i + 3, v.sex);
        return i + 4;
    }

    /** Binds {@link #STUDY} from parameter {@code i} on; returns the next parameter index. */
    static int bindStudy(PreparedStatement ps, int i, InstanceValues v) throws SQLException {
        Sql.setString(ps, i, v.studyDate);
        Sql.setString(ps, i + 1, v.studyTime);
        Sql.setString(ps, i + 2, v.studyTimeKey);
        Sql.setString(ps, i + 3, v.accession);
        Sql.setString(ps, i + 4, v.studyId);
        Sql.setString(ps, i + 5, v.referringPhysician);
        Sql.setString(ps, i + 6, Values.fold(v.referringPhysician));
        Sql.setString(ps, i + 7, v.studyDescription);
        return i + 8;
    }

    /** Binds {@link #SERIES} from parameter {@code i} on; returns the next parameter index. */
    static int bindSeries(PreparedStatement ps, int i, InstanceValues v) throws SQLException {
        Sql.setString(ps, i, v.modality);
        Sql.setInteger(ps, i + 1, v.seriesNumber);
        Sql.setString(ps, i + 2, v.seriesDescription);
        Sql.setString(ps, i + 3, v.bodyPart);
        return i + 4;
    }
}
