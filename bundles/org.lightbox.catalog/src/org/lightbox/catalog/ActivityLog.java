package org.lightbox.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.catalog.internal.db.Database;
import org.lightbox.catalog.internal.db.Sql;
import org.lightbox.catalog.internal.index.Values;

/**
 * The node's activity for the Activity view: associations, receives, sends and deletions, appended as they happen
 * and read back newest first for a time range.
 */
public final class ActivityLog {

    /** Reads one row of a log table. */
    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Database db;

    ActivityLog(Database db) {
        this.db = db;
    }

    /** Appends an association event; returns its key. */
    public long log(AssociationEvent e) throws CatalogException {
        return insert("INSERT INTO ASSOCIATION_LOG (EVENT_TIME, DIRECTION, CALLING_AET, CALLED_AET, REMOTE_HOST, "
                + "REMOTE_PORT, OUTCOME, DETAIL) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    Sql.setInstant(ps, 1, e.time());
                    ps.setString(2, e.direction().name());
                    Sql.setString(ps, 3, Values.column(e.callingAet(), 16));
                    Sql.setString(ps, 4, Values.column(e.calledAet(), 16));
                    Sql.setString(ps, 5, Values.column(e.remoteHost(), 255));
                    ps.setInt(6, e.remotePort());
                    ps.setString(7, e.outcome().name());
                    Sql.setString(ps, 8, Values.column(e.detail(), 1024));
                });
    }

    /** Appends a receive event; returns its key. */
    public long log(ReceiveEvent e) throws CatalogException {
        return insert("INSERT INTO RECEIVE_LOG (EVENT_TIME, CALLING_AET, CALLED_AET, REMOTE_HOST, PAT_ID, PAT_NAME, "
                + "STUDY_UID, NUM_INSTANCES, SIZE_BYTES, OUTCOME, STATUS, DETAIL) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    Sql.setInstant(ps, 1, e.time());
                    Sql.setString(ps, 2, Values.column(e.callingAet(), 16));
                    Sql.setString(ps, 3, Values.column(e.calledAet(), 16));
                    Sql.setString(ps, 4, Values.column(e.remoteHost(), 255));
                    Sql.setString(ps, 5, Values.column(e.patientId(), 64));
                    Sql.setString(ps, 6, Values.column(e.patientName(), 324));
                    Sql.setString(ps, 7, Values.column(e.studyUid(), 64));
                    ps.setInt(8, e.instances());
                    ps.setLong(9, e.bytes());
                    ps.setString(10, e.outcome().name());
                    Sql.setInteger(ps, 11, e.status());
                    Sql.setString(ps, 12, Values.column(e.detail(), 1024));
                });
    }

    /** Appends a send event; returns its key. */
    public long log(SendEvent e) throws CatalogException {
        return insert("INSERT INTO SEND_LOG (EVENT_TIME, CALLING_AET, DESTINATION_AET, REMOTE_HOST, PAT_ID, PAT_NAME, "
                + "STUDY_UID, NUM_INSTANCES, NUM_FAILED, SIZE_BYTES, OUTCOME, STATUS, JOB_FK, DETAIL) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    Sql.setInstant(ps, 1, e.time());
                    Sql.setString(ps, 2, Values.column(e.callingAet(), 16));
                    Sql.setString(ps, 3, Values.column(e.destinationAet(), 16));
                    Sql.setString(ps, 4, Values.column(e.remoteHost(), 255));
                    Sql.setString(ps, 5, Values.column(e.patientId(), 64));
                    Sql.setString(ps, 6, Values.column(e.patientName(), 324));
                    Sql.setString(ps, 7, Values.column(e.studyUid(), 64));
                    ps.setInt(8, e.instances());
                    ps.setInt(9, e.failed());
                    ps.setLong(10, e.bytes());
                    ps.setString(11, e.outcome().name());
                    Sql.setInteger(ps, 12, e.status());
                    if (e.jobId() == null) {
                        ps.setNull(13, Types.BIGINT);
                    } else {
                        ps.setLong(13, e.jobId());
                    }
                    Sql.setString(ps, 14, Values.column(e.detail(), 1024));
                });
    }

    /** Association events with {@code from <= time < to} (a {@code null} bound is open), newest first. */
    public List<AssociationEvent> associations(Instant from, Instant to, int limit) throws CatalogException {
        return select("SELECT * FROM ASSOCIATION_LOG", from, to, limit, rs -> new AssociationEvent(rs.getLong("PK"),
                Sql.instant(rs, "EVENT_TIME"), AssociationEvent.Direction.valueOf(rs.getString("DIRECTION")),
                rs.getString("CALLING_AET"), rs.getString("CALLED_AET"), rs.getString("REMOTE_HOST"),
                rs.getInt("REMOTE_PORT"), AssociationEvent.Outcome.valueOf(rs.getString("OUTCOME")),
                rs.getString("DETAIL")));
    }

    public List<ReceiveEvent> receives(Instant from, Instant to, int limit) throws CatalogException {
        return select("SELECT * FROM RECEIVE_LOG", from, to, limit, rs -> new ReceiveEvent(rs.getLong("PK"),
                Sql.instant(rs, "EVENT_TIME"), rs.getString("CALLING_AET"), rs.getString("CALLED_AET"),
                rs.getString("REMOTE_HOST"), rs.getString("PAT_ID"), rs.getString("PAT_NAME"),
                rs.getString("STUDY_UID"), rs.getInt("NUM_INSTANCES"), rs.getLong("SIZE_BYTES"),
                TransferOutcome.valueOf(rs.getString("OUTCOME")), Sql.getInteger(rs, "STATUS"),
                rs.getString("DETAIL")));
    }

    public List<SendEvent> sends(Instant from, Instant to, int limit) throws CatalogException {
        return select("SELECT * FROM SEND_LOG", from, to, limit, rs -> {
            long job = rs.getLong("JOB_FK");
            Long jobId = rs.wasNull() ? null : job;
            return new SendEvent(rs.getLong("PK"), Sql.instant(rs, "EVENT_TIME"), rs.getString("CALLING_AET"),
                    rs.getString("DESTINATION_AET"), rs.getString("REMOTE_HOST"), rs.getString("PAT_ID"),
                    rs.getString("PAT_NAME"), rs.getString("STUDY_UID"), rs.getInt("NUM_INSTANCES"),
                    rs.getInt("NUM_FAILED"), rs.getLong("SIZE_BYTES"), TransferOutcome.valueOf(rs.getString("OUTCOME")),
                    Sql.getInteger(rs, "STATUS"), jobId, rs.getString("DETAIL"));
        });
    }

    /** Deletions (auto-delete, user, recovery, replaced duplicates), newest first. */
    public List<DeletionEvent> deletions(Instant from, Instant to, int limit) throws CatalogException {
        return select("SELECT * FROM DELETE_LOG", from, to, limit, rs -> new DeletionEvent(rs.getLong("PK"),
                Sql.instant(rs, "EVENT_TIME"), rs.getString("STUDY_UID"), rs.getString("PAT_ID"),
                rs.getString("PAT_NAME"), rs.getString("STUDY_DATE"), rs.getInt("NUM_INSTANCES"),
                rs.getLong("SIZE_BYTES"), rs.getString("REASON")));
    }

    /** Deletes log lines older than {@code before} from every log; returns how many. */
    public int purge(Instant before) throws CatalogException {
        return db.transaction(c -> {
            int n = 0;
            for (String table : new String[] { "ASSOCIATION_LOG", "RECEIVE_LOG", "SEND_LOG", "DELETE_LOG" }) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE EVENT_TIME < ?")) {
                    Sql.setInstant(ps, 1, before);
                    n += ps.executeUpdate();
                }
            }
            return n;
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private long insert(String sql, Binder binder) throws CatalogException {
        return db.transaction(c -> {
            try (PreparedStatement ps = db.dialect().prepareInsert(c, sql)) {
                binder.bind(ps);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    private <T> List<T> select(String base, Instant from, Instant to, int limit, Reader<T> reader)
            throws CatalogException {
        StringBuilder sql = new StringBuilder(base);
        List<Object> params = new ArrayList<>();
        if (from != null) {
            sql.append(" WHERE EVENT_TIME >= ?");
            params.add(from);
        }
        if (to != null) {
            sql.append(from == null ? " WHERE" : " AND").append(" EVENT_TIME < ?");
            params.add(to);
        }
        sql.append(" ORDER BY EVENT_TIME DESC, PK DESC");
        return db.read(c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                if (limit > 0) {
                    ps.setMaxRows(limit);
                }
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(reader.read(rs));
                    }
                }
            }
            return out;
        });
    }
}
