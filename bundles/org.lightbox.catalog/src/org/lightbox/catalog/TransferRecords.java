package org.lightbox.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.lightbox.catalog.internal.db.Database;
import org.lightbox.catalog.internal.db.Sql;
import org.lightbox.catalog.internal.index.Values;

/**
 * The transfer queue's records per instance: the outcome of every instance a job sent (one row per job and
 * instance, replaced when a retry sends it again) and the storage commitment asked for each sent instance. The
 * queue decides; this class only stores.
 */
public final class TransferRecords {

    private final Database db;

    TransferRecords(Database db) {
        this.db = db;
    }

    // ------------------------------------------------------------------ instance outcomes

    /** Records (or replaces) the outcome of one instance of a job. */
    public void record(InstanceOutcome o) throws CatalogException {
        db.transaction(c -> {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM TRANSFER_INSTANCE WHERE JOB_FK = ? AND SOP_IUID = ?")) {
                del.setLong(1, o.jobId());
                del.setString(2, Values.column(o.sopInstanceUid(), 64));
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO TRANSFER_INSTANCE (JOB_FK, STUDY_UID, "
                    + "SOP_IUID, SOP_CUID, OUTCOME, SIZE_BYTES, REASON, EVENT_TIME) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, o.jobId());
                Sql.setString(ps, 2, Values.column(o.studyUid(), 64));
                ps.setString(3, Values.column(o.sopInstanceUid(), 64));
                Sql.setString(ps, 4, Values.column(o.sopClassUid(), 64));
                ps.setString(5, o.result().name());
                ps.setLong(6, o.bytes());
                Sql.setString(ps, 7, Values.column(o.reason(), 1024));
                Sql.setInstant(ps, 8, o.time());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Every recorded instance outcome of a job, in the order recorded. */
    public List<InstanceOutcome> outcomes(long jobId) throws CatalogException {
        return outcomes("SELECT * FROM TRANSFER_INSTANCE WHERE JOB_FK = ? ORDER BY PK", jobId);
    }

    /** The instances of a job that failed (in its latest attempt of each), with their reasons. */
    public List<InstanceOutcome> failures(long jobId) throws CatalogException {
        return outcomes("SELECT * FROM TRANSFER_INSTANCE WHERE JOB_FK = ? AND OUTCOME = 'FAILED' ORDER BY PK", jobId);
    }

    private List<InstanceOutcome> outcomes(String sql, long jobId) throws CatalogException {
        return db.read(c -> {
            List<InstanceOutcome> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, jobId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new InstanceOutcome(rs.getLong("JOB_FK"), rs.getString("STUDY_UID"),
                                rs.getString("SOP_IUID"), rs.getString("SOP_CUID"),
                                InstanceOutcome.Result.valueOf(rs.getString("OUTCOME")), rs.getLong("SIZE_BYTES"),
                                rs.getString("REASON"), Sql.instant(rs, "EVENT_TIME")));
                    }
                }
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ storage commitment

    /** One instance in a commitment request. */
    public record CommitmentItem(String studyUid, String sopClassUid, String sopInstanceUid) {
    }

    /** Records that commitment of {@code items} was requested from {@code remoteAet} in one transaction. */
    public void commitmentRequested(String transactionUid, Long jobId, String remoteAet,
            Collection<CommitmentItem> items) throws CatalogException {
        Instant now = Instant.now();
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO COMMITMENT (TRANSACTION_UID, JOB_FK, "
                    + "REMOTE_AET, STUDY_UID, SOP_IUID, SOP_CUID, STATE, REQUESTED, UPDATED) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (CommitmentItem i : items) {
                    ps.setString(1, Values.column(transactionUid, 64));
                    if (jobId == null) {
                        ps.setNull(2, Types.BIGINT);
                    } else {
                        ps.setLong(2, jobId);
                    }
                    Sql.setString(ps, 3, Values.column(remoteAet, 16));
                    Sql.setString(ps, 4, Values.column(i.studyUid(), 64));
                    ps.setString(5, Values.column(i.sopInstanceUid(), 64));
                    Sql.setString(ps, 6, Values.column(i.sopClassUid(), 64));
                    ps.setString(7, CommitmentRecord.State.REQUESTED.name());
                    Sql.setInstant(ps, 8, now);
                    Sql.setInstant(ps, 9, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Records the answer for one instance of a transaction ({@code failureReason} null: committed). Returns false
     * when the transaction did not ask for that instance (a report must not invent commitments).
     */
    public boolean commitmentResult(String transactionUid, String sopInstanceUid, Integer failureReason)
            throws CatalogException {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE COMMITMENT SET STATE = ?, FAILURE_REASON = ?, "
                    + "UPDATED = ? WHERE TRANSACTION_UID = ? AND SOP_IUID = ?")) {
                ps.setString(1, (failureReason == null ? CommitmentRecord.State.COMMITTED
                        : CommitmentRecord.State.FAILED).name());
                Sql.setInteger(ps, 2, failureReason);
                Sql.setInstant(ps, 3, Instant.now());
                ps.setString(4, Values.column(transactionUid, 64));
                ps.setString(5, Values.column(sopInstanceUid, 64));
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** The instances of a commitment transaction, as requested and answered. */
    public List<CommitmentRecord> commitments(String transactionUid) throws CatalogException {
        return commitments("SELECT * FROM COMMITMENT WHERE TRANSACTION_UID = ? ORDER BY PK", transactionUid);
    }

    /** Every commitment record of a job. */
    public List<CommitmentRecord> commitmentsOfJob(long jobId) throws CatalogException {
        return commitments("SELECT * FROM COMMITMENT WHERE JOB_FK = ? ORDER BY PK", jobId);
    }

    /** The SOP Instance UIDs of a study some node has committed. */
    public Set<String> committedInstances(String studyUid) throws CatalogException {
        Set<String> out = new LinkedHashSet<>();
        for (CommitmentRecord r : commitments("SELECT * FROM COMMITMENT WHERE STUDY_UID = ? AND STATE = 'COMMITTED' "
                + "ORDER BY PK", studyUid)) {
            out.add(r.sopInstanceUid());
        }
        return out;
    }

    private List<CommitmentRecord> commitments(String sql, Object key) throws CatalogException {
        return db.read(c -> {
            List<CommitmentRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, List.of(key));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(commitment(rs));
                    }
                }
            }
            return out;
        });
    }

    private static CommitmentRecord commitment(ResultSet rs) throws SQLException {
        long job = rs.getLong("JOB_FK");
        Long jobId = rs.wasNull() ? null : job;
        return new CommitmentRecord(rs.getString("TRANSACTION_UID"), jobId, rs.getString("REMOTE_AET"),
                rs.getString("STUDY_UID"), rs.getString("SOP_IUID"), rs.getString("SOP_CUID"),
                CommitmentRecord.State.valueOf(rs.getString("STATE")), Sql.getInteger(rs, "FAILURE_REASON"),
                Sql.instant(rs, "REQUESTED"), Sql.instant(rs, "UPDATED"));
    }
}
