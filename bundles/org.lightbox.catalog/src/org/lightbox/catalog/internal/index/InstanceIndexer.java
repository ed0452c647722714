package org.lightbox.catalog.internal.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.catalog.DuplicateInstanceException;
import org.lightbox.catalog.DuplicatePolicy;
import org.lightbox.catalog.IndexedInstance;
import org.lightbox.catalog.StoredFile;
import org.lightbox.catalog.StudyState;
import org.lightbox.catalog.internal.db.SqlDialect;
import org.lightbox.catalog.internal.db.StatementCache;
import org.lightbox.catalog.internal.db.Sql;

/**
 * Adds one instance to the catalog inside the caller's transaction: finds or creates patient, study and series,
 * inserts the instance and its file row, and updates the counters, size and Modalities in Study of the study.
 * <p>
 * Concurrency: unique constraints on the patient key, the study, series and (SOP Instance UID, duplicate number)
 * make a concurrent insert of the same row fail with a duplicate key; the caller then runs the whole transaction
 * again and finds the row. The study row is locked (updated) before anything below it is read or written, so
 * associations storing into one study at once take turns on the short database part and never deadlock.
 */
public final class InstanceIndexer {
    private static final StatementCache STATEMENTS = new StatementCache();

    /** Thrown inside the transaction when a row found a moment ago is gone: run the transaction again. */
    public static final class RowVanished extends SQLException {
        private static final long serialVersionUID = 1L;

        RowVanished(String what) {
            super(what + " vanished during indexing", "40001");
        }
    }

    private final SqlDialect dialect;

    public InstanceIndexer(SqlDialect dialect) {
        this.dialect = dialect;
    }

    public IndexedInstance index(Connection c, InstanceValues v, StoredFile file, DuplicatePolicy policy,
            Instant now) throws SQLException, DuplicateInstanceException {
        long patientPk = findOrCreatePatient(c, v, now);
        long[] study = findOrCreateStudy(c, v, patientPk, now);
        long studyPk = study[0];
        boolean newStudy = study[1] == 1;
        lockStudy(c, studyPk);
        long seriesPk;
        boolean newSeries = false;
        long[] found = findSeries(c, v.seriesUid);
        if (found != null) {
            seriesPk = found[0];
            if (found[1] != studyPk) {
                studyPk = found[1]; // the series came with another study before: it stays where it is
                lockStudy(c, studyPk);
            }
        } else {
            seriesPk = insertSeries(c, v, studyPk, now);
            newSeries = true;
        }
        List<Long> existing = new ArrayList<>();
        int dupNo = 0;
        {
            PreparedStatement ps = STATEMENTS.prepare(c, "SELECT PK, DUP_NO FROM INSTANCE WHERE SOP_IUID = ?");
            ps.setString(1, v.sopInstanceUid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    existing.add(rs.getLong(1));
                    dupNo = Math.max(dupNo, rs.getInt(2) + 1);
                }
            }
        }
        if (!existing.isEmpty() && policy == DuplicatePolicy.REJECT) {
            throw new DuplicateInstanceException(v.sopInstanceUid);
        }
        long instancePk = insertInstance(c, v, seriesPk, dupNo, now);
        insertFile(c, instancePk, file, now);
        {
            PreparedStatement ps = STATEMENTS.prepare(c,
                "UPDATE SERIES SET NUM_INSTANCES = NUM_INSTANCES + 1 WHERE PK = ?");
            ps.setLong(1, seriesPk);
            ps.executeUpdate();
        }
        String modalities = currentModalities(c, studyPk);
        if (newSeries && v.modality != null && !contains(modalities, v.modality)) {
            modalities = Values.column(modalities == null ? v.modality : modalities + "\\" + v.modality, 256);
        }
        {
            PreparedStatement ps = STATEMENTS.prepare(c, "UPDATE STUDY SET NUM_INSTANCES = NUM_INSTANCES + 1, "
                + "NUM_SERIES = NUM_SERIES + ?, SIZE_BYTES = SIZE_BYTES + ?, MODALITIES = ?, STATE = ?, "
                + "UPDATED = ?, LAST_ACCESS = ? WHERE PK = ?");
            ps.setInt(1, newSeries ? 1 : 0);
            ps.setLong(2, file.size());
            Sql.setString(ps, 3, modalities);
            ps.setString(4, StudyState.RECEIVED.name());
            Sql.setInstant(ps, 5, now);
            Sql.setInstant(ps, 6, now);
            ps.setLong(7, studyPk);
            ps.executeUpdate();
        }
        List<StoredFile> replaced = List.of();
        if (!existing.isEmpty() && policy == DuplicatePolicy.REPLACE) {
            replaced = InstanceRemoval.remove(c, existing, "replaced by a new copy of SOP Instance "
                    + v.sopInstanceUid, now).files();
        }
        return new IndexedInstance(v.studyUid, v.seriesUid, v.sopInstanceUid, v.sopClassUid, newStudy, newSeries,
                dupNo, replaced);
    }

    private static boolean contains(String modalities, String modality) {
        if (modalities == null) {
            return false;
        }
        for (String m : modalities.split("\\\\")) {
            if (m.equals(modality)) {
                return true;
            }
        }
        return false;
    }

    private long findOrCreatePatient(Connection c, InstanceValues v, Instant now) throws SQLException {
        {
            PreparedStatement ps = STATEMENTS.prepare(c, "SELECT PK FROM PATIENT WHERE PAT_KEY = ?");
            ps.setString(1, v.patientKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        {
            PreparedStatement ps = STATEMENTS.prepare(c, "INSERT INTO PATIENT (PAT_KEY, PAT_ID, PAT_ID_ISSUER, "
                + "PAT_NAME, PAT_NAME_FOLD, PAT_BIRTHDATE, PAT_SEX, CHARSET, ATTRS, CREATED) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", true);
            ps.setString(1, v.patientKey);
            Sql.setString(ps, 2, v.patientId);
            Sql.setString(ps, 3, v.issuer);
            Sql.setString(ps, 4, v.patientName);
            Sql.setString(ps, 5, Values.fold(v.patientName));
            Sql.setString(ps, 6, v.birthDate);
            Sql.setString(ps, 7, v.sex);
            Sql.setString(ps, 8, v.charset);
            Sql.setBytes(ps, 9, v.patientAttrs, dialect);
            Sql.setInstant(ps, 10, now);
            ps.executeUpdate();
            return generatedKey(ps);
        }
    }

    /** {pk, 1 if created}. */
    private long[] findOrCreateStudy(Connection c, InstanceValues v, long patientPk, Instant now)
            throws SQLException {
        {
            PreparedStatement ps = STATEMENTS.prepare(c, "SELECT PK FROM STUDY WHERE STUDY_UID = ?");
            ps.setString(1, v.studyUid);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return new long[] { rs.getLong(1), 0 };
                }
            }
        }
        {
            PreparedStatement ps = STATEMENTS.prepare(c, "INSERT INTO STUDY (PATIENT_FK, STUDY_UID, STUDY_DATE, "
                + "STUDY_TIME, STUDY_TIME_KEY, ACCESSION_NO, STUDY_ID, REF_PHYSICIAN, REF_PHYSICIAN_FOLD, STUDY_DESC, "
                + "STATE, IS_PROTECTED, RECEIVED, UPDATED, LAST_ACCESS, CHARSET, ATTRS) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", true);
            ps.setLong(1, patientPk);
            ps.setString(2, v.studyUid);
            Sql.setString(ps, 3, v.studyDate);
            Sql.setString(ps, 4, v.studyTime);
            Sql.setString(ps, 5, v.studyTimeKey);
            Sql.setString(ps, 6, v.accession);
            Sql.setString(ps, 7, v.studyId);
            Sql.setString(ps, 8, v.referringPhysician);
            Sql.setString(ps, 9, Values.fold(v.referringPhysician));
            Sql.setString(ps, 10, v.studyDescription);
            ps.setString(11, StudyState.RECEIVED.name());
            ps.setBoolean(12, false);
            Sql.setInstant(ps, 13, now);
            Sql.setInstant(ps, 14, now);
            Sql.setInstant(ps, 15, now);
            Sql.setString(ps, 16, v.charset);
            Sql.setBytes(ps, 17, v.studyAttrs, dialect);
            ps.executeUpdate();
            return new long[] { generatedKey(ps), 1 };
        }
    }

    /** Takes the study row's write lock: indexing and removal in one study run one after the other. */
    private static void lockStudy(Connection c, long studyPk) throws SQLException {
        {
            PreparedStatement ps = STATEMENTS.prepare(c, "UPDATE STUDY SET UPDATED = UPDATED WHERE PK = ?");
            ps.setLong(1, studyPk);
            if (ps.executeUpdate() == 0) {
                throw new RowVanished("study " + studyPk);
            }
        }
    }

    private static String currentModalities(Connection c, long studyPk) throws SQLException {
        {
            PreparedStatement ps = STATEMENTS.prepare(c, "SELECT MODALITIES FROM STUDY WHERE PK = ?");
            ps.setLong(1, studyPk);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** {pk, study pk} or null. */
    private static long[] findSeries(Connection c, String seriesUid) throws SQLException {
        {
            PreparedStatement ps = STATEMENTS.prepare(c, "SELECT PK, STUDY_FK FROM SERIES WHERE SERIES_UID = ?");
            ps.setString(1, seriesUid);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] { rs.getLong(1), rs.getLong(2) } : null;
            }
        }
    }

    private long insertSeries(Connection c, InstanceValues v, long studyPk, Instant now) throws SQLException {
        {
            PreparedStatement ps = STATEMENTS.prepare(c, "INSERT INTO SERIES (STUDY_FK, SERIES_UID, MODALITY, "
                + "SERIES_NO, SERIES_DESC, BODY_PART, RECEIVED, CHARSET, ATTRS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", true);
            ps.setLong(1, studyPk);
            ps.setString(2, v.seriesUid);
            Sql.setString(ps, 3, v.modality);
            Sql.setInteger(ps, 4, v.seriesNumber);
            Sql.setString(ps, 5, v.seriesDescription);
            Sql.setString(ps, 6, v.bodyPart);
            Sql.setInstant(ps, 7, now);
            Sql.setString(ps, 8, v.charset);
            Sql.setBytes(ps, 9, v.seriesAttrs, dialect);
            ps.executeUpdate();
            return generatedKey(ps);
        }
    }

    private long insertInstance(Connection c, InstanceValues v, long seriesPk, int dupNo, Instant now)
            throws SQLException {
        {
            PreparedStatement ps = STATEMENTS.prepare(c, "INSERT INTO INSTANCE (SERIES_FK, SOP_IUID, DUP_NO, SOP_CUID, "
                + "INSTANCE_NO, NUM_FRAMES, RECEIVED, CHARSET, ATTRS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", true);
            ps.setLong(1, seriesPk);
            ps.setString(2, v.sopInstanceUid);
            ps.setInt(3, dupNo);
            Sql.setString(ps, 4, v.sopClassUid);
            Sql.setInteger(ps, 5, v.instanceNumber);
            Sql.setInteger(ps, 6, v.frames);
            Sql.setInstant(ps, 7, now);
            Sql.setString(ps, 8, v.charset);
            Sql.setBytes(ps, 9, v.instanceAttrs, dialect);
            ps.executeUpdate();
            return generatedKey(ps);
        }
    }

    private static void insertFile(Connection c, long instancePk, StoredFile f, Instant now) throws SQLException {
        {
            PreparedStatement ps = STATEMENTS.prepare(c, "INSERT INTO FILE_REF (INSTANCE_FK, STORE_ID, PATH, "
                + "SIZE_BYTES, TSUID, CHECKSUM, CREATED) VALUES (?, ?, ?, ?, ?, ?, ?)");
            ps.setLong(1, instancePk);
            ps.setString(2, f.storeId());
            ps.setString(3, f.path());
            ps.setLong(4, f.size());
            ps.setString(5, f.transferSyntaxUid());
            Sql.setString(ps, 6, f.checksum());
            Sql.setInstant(ps, 7, now);
            ps.executeUpdate();
        }
    }

    private static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.getGeneratedKeys()) {
            if (!rs.next()) {
                throw new SQLException("the database returned no generated key");
            }
            return rs.getLong(1);
        }
    }
}
