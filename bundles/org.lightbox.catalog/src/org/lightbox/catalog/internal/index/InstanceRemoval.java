package org.lightbox.catalog.internal.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.lightbox.catalog.StoredFile;
import org.lightbox.catalog.internal.db.Sql;

/**
 * Removes instance rows (with their file rows) inside the caller's transaction and keeps the hierarchy right:
 * series and study counters, Modalities in Study, and series, studies and patients left empty are deleted. Every
 * study touched gets a DELETE_LOG row naming the reason. Study rows are locked in ascending key order, the order
 * indexing also follows for a single study, so that removal and indexing never deadlock on one study.
 */
public final class InstanceRemoval {

    /** What was removed from one study. */
    public record StudyRemoval(String studyUid, String patientId, String patientName, String studyDate,
            int instances, long bytes, boolean studyDeleted) {
    }

    /** What a removal did: the file rows removed (the caller deletes the files) and the studies touched. */
    public record Result(List<StoredFile> files, List<StudyRemoval> studies) {
    }

    private InstanceRemoval() {
    }

    private static final class Row {
        long seriesPk;
        long studyPk;
        long pk;
        StoredFile file;
    }

    public static Result remove(Connection c, Collection<Long> instancePks, String reason, Instant now)
            throws SQLException {
        Map<Long, List<Row>> byStudy = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.SERIES_FK, se.STUDY_FK, f.STORE_ID, f.PATH, "
                + "f.SIZE_BYTES, f.TSUID, f.CHECKSUM FROM INSTANCE i JOIN SERIES se ON se.PK = i.SERIES_FK "
                + "LEFT JOIN FILE_REF f ON f.INSTANCE_FK = i.PK WHERE i.PK = ?")) {
            for (long pk : instancePks) {
                ps.setLong(1, pk);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Row r = new Row();
                        r.pk = pk;
                        r.seriesPk = rs.getLong(1);
                        r.studyPk = rs.getLong(2);
                        String store = rs.getString(3);
                        r.file = store == null ? null
                                : new StoredFile(store, rs.getString(4), rs.getLong(5), rs.getString(6), rs.getString(7));
                        byStudy.computeIfAbsent(r.studyPk, k -> new ArrayList<>()).add(r);
                    }
                }
            }
        }
        List<StoredFile> files = new ArrayList<>();
        List<StudyRemoval> studies = new ArrayList<>();
        for (Map.Entry<Long, List<Row>> e : byStudy.entrySet()) {
            studies.add(removeFromStudy(c, e.getKey(), e.getValue(), reason, now, files));
        }
        return new Result(files, studies);
    }

    private static StudyRemoval removeFromStudy(Connection c, long studyPk, List<Row> rows, String reason,
            Instant now, List<StoredFile> files) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE STUDY SET UPDATED = UPDATED WHERE PK = ?")) {
            ps.setLong(1, studyPk); // the study lock
            ps.executeUpdate();
        }
        Map<Long, Integer> perSeries = new TreeMap<>();
        long bytes = 0;
        try (PreparedStatement delFile = c.prepareStatement("DELETE FROM FILE_REF WHERE INSTANCE_FK = ?");
                PreparedStatement delInstance = c.prepareStatement("DELETE FROM INSTANCE WHERE PK = ?")) {
            for (Row r : rows) {
                delFile.setLong(1, r.pk);
                delFile.executeUpdate();
                delInstance.setLong(1, r.pk);
                if (delInstance.executeUpdate() == 0) {
                    continue; // removed by someone else meanwhile
                }
                perSeries.merge(r.seriesPk, 1, Integer::sum);
                if (r.file != null) {
                    files.add(r.file);
                    bytes += r.file.size();
                }
            }
        }
        int removedSeries = 0;
        int instances = 0;
        try (PreparedStatement dec = c.prepareStatement(
                "UPDATE SERIES SET NUM_INSTANCES = NUM_INSTANCES - ? WHERE PK = ?");
                PreparedStatement del = c.prepareStatement("DELETE FROM SERIES WHERE PK = ? AND NOT EXISTS "
                        + "(SELECT 1 FROM INSTANCE WHERE SERIES_FK = ?)")) {
            for (Map.Entry<Long, Integer> s : perSeries.entrySet()) {
                dec.setInt(1, s.getValue());
                dec.setLong(2, s.getKey());
                dec.executeUpdate();
                del.setLong(1, s.getKey());
                del.setLong(2, s.getKey());
                removedSeries += del.executeUpdate();
                instances += s.getValue();
            }
        }
        String studyUid = null;
        String patientId = null;
        String patientName = null;
        String studyDate = null;
        long patientPk = -1;
        try (PreparedStatement ps = c.prepareStatement("SELECT s.STUDY_UID, s.STUDY_DATE, p.PAT_ID, p.PAT_NAME, p.PK "
                + "FROM STUDY s JOIN PATIENT p ON p.PK = s.PATIENT_FK WHERE s.PK = ?")) {
            ps.setLong(1, studyPk);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    studyUid = rs.getString(1);
                    studyDate = rs.getString(2);
                    patientId = rs.getString(3);
                    patientName = rs.getString(4);
                    patientPk = rs.getLong(5);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE STUDY SET NUM_INSTANCES = NUM_INSTANCES - ?, "
                + "NUM_SERIES = NUM_SERIES - ?, SIZE_BYTES = SIZE_BYTES - ?, MODALITIES = ? WHERE PK = ?")) {
            ps.setInt(1, instances);
            ps.setInt(2, removedSeries);
            ps.setLong(3, bytes);
            Sql.setString(ps, 4, removedSeries > 0 ? modalities(c, studyPk) : currentModalities(c, studyPk));
            ps.setLong(5, studyPk);
            ps.executeUpdate();
        }
        boolean studyDeleted = false;
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM STUDY WHERE PK = ? AND NOT EXISTS (SELECT 1 FROM SERIES WHERE STUDY_FK = ?)")) {
            ps.setLong(1, studyPk);
            ps.setLong(2, studyPk);
            studyDeleted = ps.executeUpdate() > 0;
        }
        if (studyDeleted && patientPk >= 0) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM PATIENT WHERE PK = ? AND NOT EXISTS (SELECT 1 FROM STUDY WHERE PATIENT_FK = ?)")) {
                ps.setLong(1, patientPk);
                ps.setLong(2, patientPk);
                ps.executeUpdate();
            }
        }
        StudyRemoval removal = new StudyRemoval(studyUid, patientId, patientName, studyDate, instances, bytes,
                studyDeleted);
        if (reason != null && instances > 0) {
            log(c, removal, reason, now);
        }
        return removal;
    }

    private static String currentModalities(Connection c, long studyPk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MODALITIES FROM STUDY WHERE PK = ?")) {
            ps.setLong(1, studyPk);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Modalities in Study recomputed from the remaining series. */
    static String modalities(Connection c, long studyPk) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT MODALITY FROM SERIES WHERE STUDY_FK = ? AND MODALITY IS NOT NULL ORDER BY MODALITY")) {
            ps.setLong(1, studyPk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (sb.length() > 0) {
                        sb.append('\\');
                    }
                    sb.append(rs.getString(1));
                }
            }
        }
        return sb.length() == 0 ? null : Values.column(sb.toString(), 256);
    }

    static void log(Connection c, StudyRemoval r, String reason, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO DELETE_LOG (EVENT_TIME, STUDY_UID, PAT_ID, "
                + "PAT_NAME, STUDY_DATE, NUM_INSTANCES, SIZE_BYTES, REASON) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            Sql.setInstant(ps, 1, now);
            Sql.setString(ps, 2, r.studyUid());
            Sql.setString(ps, 3, r.patientId());
            Sql.setString(ps, 4, r.patientName());
            Sql.setString(ps, 5, r.studyDate());
            ps.setInt(6, r.instances());
            ps.setLong(7, r.bytes());
            ps.setString(8, Values.column(reason, 1024));
            ps.executeUpdate();
        }
    }
}
