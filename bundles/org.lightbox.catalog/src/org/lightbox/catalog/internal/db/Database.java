package org.lightbox.catalog.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.ConnectionSource;

/**
 * The catalog's connections and transactions: a small pool over a {@link ConnectionSource} (connections are kept
 * idle for reuse; more are opened on demand, so a slow C-FIND cursor never blocks indexing) and a transaction
 * runner that retries work that lost a race (deadlock, lock timeout, and on request a duplicate key).
 */
public final class Database implements AutoCloseable {

    /** Work on one connection; inside {@link #transaction} it runs with auto-commit off. */
    public interface Work<T> {
        T run(Connection c) throws SQLException, CatalogException;
    }

    private static final System.Logger LOG = System.getLogger(Database.class.getName());
    private static final int MAX_ATTEMPTS = 10;

    private final ConnectionSource source;
    private final SqlDialect dialect;
    private final int maxIdle;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    public Database(ConnectionSource source, int maxIdle) throws CatalogException {
        this.source = source;
        this.maxIdle = maxIdle;
        Connection c = open();
        try {
            this.dialect = SqlDialect.ofProduct(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            close(c);
            throw new CatalogException("cannot read the metadata of the catalog " + source.describe(), e);
        }
        release(c);
    }

    public SqlDialect dialect() {
        return dialect;
    }

    public String describe() {
        return source.describe();
    }

    private Connection open() throws CatalogException {
        try {
            Connection c = source.open();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            return c;
        } catch (SQLException e) {
            if (bootedElsewhere(e)) {
                throw new CatalogException("the catalog " + source.describe() + " is in use by another Lightbox"
                        + " process (a running node or workbench holds the embedded database): stop it first, or send"
                        + " the files to its node with 'lightbox store', or share the catalog through a Derby network"
                        + " server (storage catalog-url)", e);
            }
            throw new CatalogException("cannot connect to the catalog " + source.describe() + ": " + e.getMessage(),
                    e);
        }
    }

    /** Derby's "another instance may have already booted the database" (XSDB6), however deeply it is wrapped. */
    private static boolean bootedElsewhere(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                for (SQLException n = s; n != null; n = n.getNextException()) {
                    if ("XSDB6".equals(n.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A connection with auto-commit on; give it back with {@link #release} or {@link #discard}. */
    public Connection borrow() throws CatalogException {
        synchronized (idle) {
            if (closed) {
                throw new CatalogException("the catalog " + source.describe() + " is closed");
            }
            Connection c = idle.pollLast();
            if (c != null) {
                return c;
            }
        }
        return open();
    }

    /** Returns a healthy connection to the pool (rolling back what its user left open). */
    public void release(Connection c) {
        try {
            if (c.isClosed()) {
                return;
            }
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            discard(c);
            return;
        }
        synchronized (idle) {
            if (!closed && idle.size() < maxIdle) {
                idle.addLast(c);
                return;
            }
        }
        close(c);
    }

    /** Closes a connection that failed in a way that may have broken it. */
    public void discard(Connection c) {
        close(c);
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a catalog connection: {0}", e.getMessage());
        }
    }

    /** Runs {@code work} with auto-commit on (reads, single statements). */
    public <T> T read(Work<T> work) throws CatalogException {
        Connection c = borrow();
        boolean healthy = false;
        try {
            T result = work.run(c);
            healthy = true;
            return result;
        } catch (SQLException e) {
            healthy = !isConnectionFailure(e);
            throw failure(e);
        } finally {
            if (healthy) {
                release(c);
            } else {
                discard(c);
            }
        }
    }

    /** Runs {@code work} in one transaction, again after a deadlock or lock timeout. */
    public <T> T transaction(Work<T> work) throws CatalogException {
        return transaction(work, false);
    }

    /**
     * Runs {@code work} in one transaction, committed at the end; on a deadlock or lock timeout, and when
     * {@code retryRaces} also on a duplicate key or a vanished parent row (another transaction inserted or deleted
     * the same row first), rolls back and runs it again. The work must hence have no effects outside the
     * transaction until it returns.
     */
    public <T> T transaction(Work<T> work, boolean retryRaces) throws CatalogException {
        for (int attempt = 1;; attempt++) {
            Connection c = borrow();
            boolean healthy = true;
            try {
                c.setAutoCommit(false);
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollback(c);
                healthy = !isConnectionFailure(e);
                boolean race = SqlDialect.isTransient(e)
                        || retryRaces && (SqlDialect.isDuplicateKey(e) || SqlDialect.isForeignKeyViolation(e));
                if (!race || attempt >= MAX_ATTEMPTS) {
                    throw failure(e);
                }
                LOG.log(System.Logger.Level.DEBUG, "catalog transaction lost a race ({0}), attempt {1}",
                        e.getSQLState(), attempt);
                pause(attempt);
            } catch (CatalogException | RuntimeException | Error e) {
                rollback(c);
                throw e;
            } finally {
                if (healthy) {
                    release(c);
                } else {
                    discard(c);
                }
            }
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.DEBUG, "rollback failed: {0}", e.getMessage());
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 5 * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SQLState class 08 (connection exception) or a closed connection: do not pool it again. */
    public static boolean isConnectionFailure(SQLException e) {
        String s = e.getSQLState();
        return s != null && (s.startsWith("08") || s.equals("40XD0") || s.startsWith("XJ"));
    }

    /** A catalog exception naming the database and the SQL error. */
    public CatalogException failure(SQLException e) {
        return new CatalogException("catalog " + source.describe() + ": " + e.getMessage() + " (SQLState "
                + e.getSQLState() + ")", e);
    }

    /** Closes the idle connections and then lets the source shut the engine down. */
    @Override
    public void close() {
        synchronized (idle) {
            if (closed) {
                return;
            }
            closed = true;
            while (!idle.isEmpty()) {
                close(idle.pollLast());
            }
        }
        source.shutdown();
    }
}
