package org.lightbox.catalog.internal.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private static final String INSERT_PATIENT = "INSERT INTO PATIENT (PAT_KEY, PAT_ID, PAT_ID_ISSUER, "
            + LevelColumns.PATIENT + ", CHARSET, ATTRS, CREATED) VALUES (?, ?, ?, "
            + LevelColumns.placeholders(LevelColumns.PATIENT) + ", ?, ?, ?)";
    private static final String INSERT_STUDY = "INSERT INTO STUDY (PATIENT_FK, STUDY_UID, " + LevelColumns.STUDY
            + ", STATE, IS_PROTECTED, RECEIVED, UPDATED, LAST_ACCESS, CHARSET, ATTRS) VALUES (?, ?, "
            + LevelColumns.placeholders(LevelColumns.STUDY) + ", ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_SERIES = "INSERT INTO SERIES (STUDY_FK, SERIES_UID, " + LevelColumns.SERIES
            + ", RECEIVED, CHARSET, ATTRS) VALUES (?, ?, " + LevelColumns.placeholders(LevelColumns.SERIES)
            + ", ?, ?, ?)";

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

    /** Adds one instance (a batch of one). */
    public IndexedInstance index(Connection c, InstanceValues v, StoredFile file, DuplicatePolicy policy,
            Instant now) throws SQLException, DuplicateInstanceException {
        return indexAll(c, List.of(v), List.of(file), policy, now).get(0);
    }

    /**
     * Adds several instances in the caller's transaction. Patient, study and series rows are looked up once per
     * batch, each study is locked once, and the counters, size and Modalities in Study are written once per series
     * and study at the end: a burst of one series costs about three statements an instance instead of ten.
     */
    public List<IndexedInstance> indexAll(Connection c, List<InstanceValues> values, List<StoredFile> files,
            DuplicatePolicy policy, Instant now) throws SQLException, DuplicateInstanceException {
        Batch b = new Batch();
        List<IndexedInstance> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(index(c, values.get(i), files.get(i), policy, now, b));
        }
        b.flush(c, now);
        return out;
    }

    /** What one batch has looked up and what it still has to add to the counters. */
    private static final class Batch {
        final Map<String, Long> patients = new HashMap<>();
        final Map<String, Long> studies = new HashMap<>();
        final Map<String, long[]> series = new HashMap<>();
        final Set<Long> locked = new HashSet<>();
        final Map<Long, Integer> seriesInstances = new LinkedHashMap<>();
        final Map<Long, StudyDelta> studyDeltas = new LinkedHashMap<>();

        /** Writes the counters gathered so far. */
        void flush(Connection c, Instant now) throws SQLException {
            for (Map.Entry<Long, Integer> e : seriesInstances.entrySet()) {
                PreparedStatement ps = STATEMENTS.prepare(c,
                        "UPDATE SERIES SET NUM_INSTANCES = NUM_INSTANCES + ? WHERE PK = ?");
                ps.setInt(1, e.getValue());
                ps.setLong(2, e.getKey());
                ps.executeUpdate();
            }
            for (Map.Entry<Long, StudyDelta> e : studyDeltas.entrySet()) {
                StudyDelta d = e.getValue();
                PreparedStatement ps = STATEMENTS.prepare(c, "UPDATE STUDY SET NUM_INSTANCES = NUM_INSTANCES + ?, "
                        + "NUM_SERIES = NUM_SERIES + ?, SIZE_BYTES = SIZE_BYTES + ?, MODALITIES = ?, STATE = ?, "
                        + "UPDATED = ?, LAST_ACCESS = ? WHERE PK = ?");
                ps.setInt(1, d.instances);
                ps.setInt(2, d.series);
                ps.setLong(3, d.bytes);
                Sql.setString(ps, 4, d.modalities);
                ps.setString(5, StudyState.RECEIVED.name());
                Sql.setInstant(ps, 6, now);
                Sql.setInstant(ps, 7, now);
                ps.setLong(8, e.getKey());
                ps.executeUpdate();
            }
            seriesInstances.clear();
            studyDeltas.clear();
        }

        /** Forgets every row looked up (a removal may have deleted some); the study locks are kept. */
        void forgetRows() {
            patients.clear();
            studies.clear();
            series.clear();
        }
    }

    /** The additions to one study's row, and its Modalities in Study as it will be. */
    private static final class StudyDelta {
        int instances;
        int series;
        long bytes;
        String modalities;
    }

    private IndexedInstance index(Connection c, InstanceValues v, StoredFile file, DuplicatePolicy policy,
            Instant now, Batch b) throws SQLException, DuplicateInstanceException {
        Long patientPk = b.patients.get(v.patientKey);
        if (patientPk == null) {
            patientPk = findOrCreatePatient(c, v, now);
            b.patients.put(v.patientKey, patientPk);
        }
        boolean newStudy = false;
        Long knownStudy = b.studies.get(v.studyUid);
        long studyPk;
        if (knownStudy != null) {
            studyPk = knownStudy;
        } else {
            long[] study = findOrCreateStudy(c, v, patientPk, now);
            studyPk = study[0];
            newStudy = study[1] == 1;
            b.studies.put(v.studyUid, studyPk);
        }
        lockOnce(c, studyPk, b);
        long seriesPk;
        boolean newSeries = false;
        long[] found = b.series.get(v.seriesUid);
        if (found == null) {
            found = findSeries(c, v.seriesUid);
        }
        if (found != null) {
            seriesPk = found[0];
            if (found[1] != studyPk) {
                studyPk = found[1]; // the series came with another study before: it stays where it is
                lockOnce(c, studyPk, b);
            }
        } else {
            seriesPk = insertSeries(c, v, studyPk, now);
            newSeries = true;
        }
        b.series.put(v.seriesUid, new long[] { seriesPk, studyPk });
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
        b.seriesInstances.merge(seriesPk, 1, Integer::sum);
        StudyDelta d = b.studyDeltas.get(studyPk);
        if (d == null) {
            d = new StudyDelta();
            d.modalities = currentModalities(c, studyPk);
            b.studyDeltas.put(studyPk, d);
        }
        d.instances++;
        d.bytes += file.size();
        if (newSeries) {
            d.series++;
            if (v.modality != null && !contains(d.modalities, v.modality)) {
                d.modalities = Values.column(d.modalities == null ? v.modality : d.modalities + "\\" + v.modality,
                        256);
            }
        }
        List<StoredFile> replaced = List.of();
        List<Long> ours = !existing.isEmpty() && policy == DuplicatePolicy.REPLACE
                ? inStore(c, existing, file.storeId()) : List.of();
        if (!ours.isEmpty()) {
            b.flush(c, now); // the removal adjusts the same counters and may remove rows that end up empty
            replaced = InstanceRemoval.remove(c, ours, "replaced by a new copy of SOP Instance "
                    + v.sopInstanceUid, now).files();
            b.forgetRows();
            ReplacedAttributes.apply(c, v, studyPk, seriesPk, dialect);
        }
        return new IndexedInstance(v.studyUid, v.seriesUid, v.sopInstanceUid, v.sopClassUid, newStudy, newSeries,
                dupNo, replaced);
    }

    /**
     * The copies among {@code instances} whose files are in {@code storeId}. With a catalog shared by several
     * workstations a copy in another's store is not this node's to replace: it cannot delete that file, and the
     * other node still serves it. Such copies stay, as under keep-both.
     */
    private static List<Long> inStore(Connection c, List<Long> instances, String storeId) throws SQLException {
        List<Long> out = new ArrayList<>();
        PreparedStatement ps = STATEMENTS.prepare(c, "SELECT STORE_ID FROM FILE_REF WHERE INSTANCE_FK = ?");
        for (long pk : instances) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                boolean elsewhere = false;
                while (rs.next()) {
                    elsewhere |= !storeId.equals(rs.getString(1));
                }
                if (!elsewhere) {
                    out.add(pk);
                }
            }
        }
        return out;
    }

    private static void lockOnce(Connection c, long studyPk, Batch b) throws SQLException {
        if (b.locked.add(studyPk)) {
            lockStudy(c, studyPk);
        }
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
            PreparedStatement ps = STATEMENTS.prepareInsert(c, INSERT_PATIENT, dialect);
            ps.setString(1, v.patientKey);
            Sql.setString(ps, 2, v.patientId);
            Sql.setString(ps, 3, v.issuer);
            int i = LevelColumns.bindPatient(ps, 4, v);
            Sql.setString(ps, i, v.charset);
            Sql.setBytes(ps, i + 1, v.patientAttrs(), dialect);
            Sql.setInstant(ps, i + 2, now);
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
            PreparedStatement ps = STATEMENTS.prepareInsert(c, INSERT_STUDY, dialect);
            ps.setLong(1, patientPk);
            ps.setString(2, v.studyUid);
            int i = LevelColumns.bindStudy(ps, 3, v);
            ps.setString(i, StudyState.RECEIVED.name());
            ps.setBoolean(i + 1, false);
            Sql.setInstant(ps, i + 2, now);
            Sql.setInstant(ps, i + 3, now);
            Sql.setInstant(ps, i + 4, now);
            Sql.setString(ps, i + 5, v.charset);
            Sql.setBytes(ps, i + 6, v.studyAttrs(), dialect);
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
            PreparedStatement ps = STATEMENTS.prepareInsert(c, INSERT_SERIES, dialect);
            ps.setLong(1, studyPk);
            ps.setString(2, v.seriesUid);
            int i = LevelColumns.bindSeries(ps, 3, v);
            Sql.setInstant(ps, i, now);
            Sql.setString(ps, i + 1, v.charset);
            Sql.setBytes(ps, i + 2, v.seriesAttrs(), dialect);
            ps.executeUpdate();
            return generatedKey(ps);
        }
    }

    private long insertInstance(Connection c, InstanceValues v, long seriesPk, int dupNo, Instant now)
            throws SQLException {
        {
            PreparedStatement ps = STATEMENTS.prepareInsert(c, "INSERT INTO INSTANCE (SERIES_FK, SOP_IUID, DUP_NO, SOP_CUID, "
                + "INSTANCE_NO, NUM_FRAMES, RECEIVED, CHARSET, ATTRS) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", dialect);
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
