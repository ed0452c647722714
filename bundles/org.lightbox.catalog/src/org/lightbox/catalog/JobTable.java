package org.lightbox.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.lightbox.catalog.internal.db.Database;
import org.lightbox.catalog.internal.db.Sql;
import org.lightbox.catalog.internal.index.Values;

/**
 * The durable table behind the transfer queue: jobs survive a restart, are claimed by one worker at a time (also
 * when several workstations share the catalog: a claim is a conditional update that only one can win), and keep
 * their attempts, next attempt time, progress and last error. Scheduling policy (backoff, priorities) belongs to
 * the queue; this class only stores.
 */
public final class JobTable {

    private final Database db;

    JobTable(Database db) {
        this.db = db;
    }

    /** Adds a pending job that may run from {@code notBefore} ({@code null}: now); returns its key. */
    public long submit(String type, String description, byte[] payload, Instant notBefore) throws CatalogException {
        Instant now = Instant.now();
        return db.transaction(c -> {
            try (PreparedStatement ps = db.dialect().prepareInsert(c, "INSERT INTO JOB (JOB_TYPE, STATE, DESCRIPTION, PAYLOAD, "
                    + "NEXT_ATTEMPT, CREATED, UPDATED) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, Values.column(type, 32));
                ps.setString(2, JobState.PENDING.name());
                Sql.setString(ps, 3, Values.column(description, 256));
                Sql.setLargeBytes(ps, 4, payload, db.dialect());
                Sql.setInstant(ps, 5, notBefore == null ? now : notBefore);
                Sql.setInstant(ps, 6, now);
                Sql.setInstant(ps, 7, now);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Claims the pending job due first (of one of {@code types}, or any type when empty) for {@code owner}: it
     * becomes RUNNING and its attempt count grows by one.
     */
    public Optional<Job> claimNext(String owner, Collection<String> types, Instant now) throws CatalogException {
        StringBuilder sql = new StringBuilder("SELECT PK FROM JOB WHERE STATE = ? AND NEXT_ATTEMPT <= ?");
        List<Object> params = new ArrayList<>(List.of(JobState.PENDING.name(), now));
        if (!types.isEmpty()) {
            sql.append(" AND JOB_TYPE IN (").append("?, ".repeat(types.size() - 1)).append("?)");
            params.addAll(types);
        }
        sql.append(" ORDER BY NEXT_ATTEMPT, PK");
        List<Long> candidates = db.read(c -> {
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                ps.setMaxRows(16);
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
        for (long id : candidates) {
            boolean won = update("UPDATE JOB SET STATE = ?, OWNER = ?, ATTEMPTS = ATTEMPTS + 1, UPDATED = ? "
                    + "WHERE PK = ? AND STATE = ?", JobState.RUNNING.name(), Values.column(owner, 64), now, id,
                    JobState.PENDING.name());
            if (won) {
                return get(id);
            }
        }
        return Optional.empty();
    }

    /** Records progress of a running job. */
    public void progress(long id, int done, int total) throws CatalogException {
        update("UPDATE JOB SET PROGRESS_DONE = ?, PROGRESS_TOTAL = ?, UPDATED = ? WHERE PK = ?", done, total,
                Instant.now(), id);
    }

    /** Records progress of a running job, with the bytes transferred so far. */
    public void progress(long id, int done, int total, long bytes) throws CatalogException {
        update("UPDATE JOB SET PROGRESS_DONE = ?, PROGRESS_TOTAL = ?, PROGRESS_BYTES = ?, UPDATED = ? WHERE PK = ?",
                done, total, bytes, Instant.now(), id);
    }

    /** A running job finished. */
    public boolean complete(long id) throws CatalogException {
        return update("UPDATE JOB SET STATE = ?, ERROR = NULL, UPDATED = ? WHERE PK = ? AND STATE = ?",
                JobState.COMPLETED.name(), Instant.now(), id, JobState.RUNNING.name());
    }

    /**
     * A running job failed: pending again from {@code retryAt}, or FAILED for good when {@code retryAt} is
     * {@code null}. A job canceled meanwhile stays canceled.
     */
    public boolean fail(long id, String error, Instant retryAt) throws CatalogException {
        String err = Values.column(error == null ? "failed" : error, 1024);
        if (retryAt == null) {
            return update("UPDATE JOB SET STATE = ?, ERROR = ?, UPDATED = ? WHERE PK = ? AND STATE = ?",
                    JobState.FAILED.name(), err, Instant.now(), id, JobState.RUNNING.name());
        }
        return update("UPDATE JOB SET STATE = ?, ERROR = ?, NEXT_ATTEMPT = ?, OWNER = NULL, UPDATED = ? "
                + "WHERE PK = ? AND STATE = ?", JobState.PENDING.name(), err, retryAt, Instant.now(), id,
                JobState.RUNNING.name());
    }

    /**
     * Cancels a pending, running or paused job (a running worker sees it via {@link #get}); false when already
     * final.
     */
    public boolean cancel(long id) throws CatalogException {
        return update("UPDATE JOB SET STATE = ?, UPDATED = ? WHERE PK = ? AND STATE IN (?, ?, ?)",
                JobState.CANCELED.name(), Instant.now(), id, JobState.PENDING.name(), JobState.RUNNING.name(),
                JobState.PAUSED.name());
    }

    /**
     * Makes a failed or canceled job pending again, due now, with a fresh count of attempts (the user asked for
     * it: the automatic retries start over).
     */
    public boolean retry(long id) throws CatalogException {
        Instant now = Instant.now();
        return update("UPDATE JOB SET STATE = ?, NEXT_ATTEMPT = ?, OWNER = NULL, ATTEMPTS = 0, UPDATED = ? "
                + "WHERE PK = ? AND (STATE = ? OR STATE = ?)", JobState.PENDING.name(), now, now, id,
                JobState.FAILED.name(), JobState.CANCELED.name());
    }

    /** Holds a pending or running job (a running worker sees it via {@link #get} and stops); false otherwise. */
    public boolean pause(long id) throws CatalogException {
        return update("UPDATE JOB SET STATE = ?, UPDATED = ? WHERE PK = ? AND (STATE = ? OR STATE = ?)",
                JobState.PAUSED.name(), Instant.now(), id, JobState.PENDING.name(), JobState.RUNNING.name());
    }

    /** Makes a paused job pending again, due now; false when it is not paused. */
    public boolean resume(long id) throws CatalogException {
        Instant now = Instant.now();
        return update("UPDATE JOB SET STATE = ?, NEXT_ATTEMPT = ?, OWNER = NULL, UPDATED = ? WHERE PK = ? "
                + "AND STATE = ?", JobState.PENDING.name(), now, now, id, JobState.PAUSED.name());
    }

    /** After a restart: the jobs {@code owner} was running are pending again (they did not finish). */
    public int requeue(String owner) throws CatalogException {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE JOB SET STATE = ?, OWNER = NULL, UPDATED = ? WHERE STATE = ? AND OWNER = ?")) {
                Sql.bind(ps, List.of(JobState.PENDING.name(), Instant.now(), JobState.RUNNING.name(),
                        Values.column(owner, 64)));
                return ps.executeUpdate();
            }
        });
    }

    /** Removes finished jobs last changed before {@code before}. */
    public int purge(Instant before) throws CatalogException {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM JOB WHERE UPDATED < ? AND STATE IN (?, ?, ?)")) {
                Sql.bind(ps, List.of(before, JobState.COMPLETED.name(), JobState.FAILED.name(),
                        JobState.CANCELED.name()));
                return ps.executeUpdate();
            }
        });
    }

    public Optional<Job> get(long id) throws CatalogException {
        List<Job> l = select("SELECT * FROM JOB WHERE PK = ?", List.of(id), 1);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** Jobs in one of {@code states} (all when empty), newest first. */
    public List<Job> list(Set<JobState> states, int limit) throws CatalogException {
        StringBuilder sql = new StringBuilder("SELECT * FROM JOB");
        List<Object> params = new ArrayList<>();
        if (!states.isEmpty()) {
            sql.append(" WHERE STATE IN (").append("?, ".repeat(states.size() - 1)).append("?)");
            for (JobState s : states) {
                params.add(s.name());
            }
        }
        sql.append(" ORDER BY CREATED DESC, PK DESC");
        return select(sql.toString(), params, limit);
    }

    private List<Job> select(String sql, List<Object> params, int limit) throws CatalogException {
        return db.read(c -> {
            List<Job> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (limit > 0) {
                    ps.setMaxRows(limit);
                }
                Sql.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(job(rs));
                    }
                }
            }
            return out;
        });
    }

    private static Job job(ResultSet rs) throws SQLException {
        return new Job(rs.getLong("PK"), rs.getString("JOB_TYPE"), JobState.valueOf(rs.getString("STATE")),
                rs.getString("DESCRIPTION"), rs.getBytes("PAYLOAD"), rs.getInt("ATTEMPTS"),
                Sql.instant(rs, "NEXT_ATTEMPT"), rs.getInt("PROGRESS_DONE"), rs.getInt("PROGRESS_TOTAL"),
                rs.getLong("PROGRESS_BYTES"), rs.getString("ERROR"), rs.getString("OWNER"), Sql.instant(rs, "CREATED"), Sql.instant(rs, "UPDATED"));
    }

    private boolean update(String sql, Object... params) throws CatalogException {
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Sql.bind(ps, List.of(params));
                return ps.executeUpdate() > 0;
            }
        });
    }
}
