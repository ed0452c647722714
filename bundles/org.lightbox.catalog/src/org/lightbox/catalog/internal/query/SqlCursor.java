package org.lightbox.catalog.internal.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.lightbox.catalog.CatalogCursor;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.internal.db.Database;
import org.lightbox.catalog.internal.db.Sql;

/**
 * Streams the rows of one or more statements through a mapper, one open result set at a time, on a connection
 * borrowed from the pool until the cursor is closed or exhausted.
 *
 * @param <T> the result type
 */
public final class SqlCursor<T> implements CatalogCursor<T> {

    /** Maps the current row; {@code null} skips it (it failed a match done outside SQL). */
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException, CatalogException;
    }

    private final Database db;
    private final List<SqlQuery> statements;
    private final int limit;
    private final RowMapper<T> mapper;
    private Connection connection;
    private PreparedStatement statement;
    private ResultSet rows;
    private int next;
    private int returned;
    private boolean done;

    /** @param limit at most this many results, 0 for all */
    public SqlCursor(Database db, List<SqlQuery> statements, int limit, RowMapper<T> mapper) {
        this.db = db;
        this.statements = statements;
        this.limit = limit;
        this.mapper = mapper;
    }

    @Override
    public T next() throws CatalogException {
        if (done) {
            return null;
        }
        try {
            while (true) {
                if (rows == null) {
                    if (next >= statements.size() || limit > 0 && returned >= limit) {
                        close();
                        return null;
                    }
                    open(statements.get(next++));
                }
                if (!rows.next()) {
                    closeStatement();
                    continue;
                }
                T t = mapper.map(rows);
                if (t != null) {
                    returned++;
                    if (limit > 0 && returned >= limit) {
                        closeStatement();
                        next = statements.size();
                    }
                    return t;
                }
            }
        } catch (SQLException e) {
            boolean broken = Database.isConnectionFailure(e);
            if (broken && connection != null) {
                db.discard(connection);
                connection = null;
            }
            close();
            throw db.failure(e);
        } catch (CatalogException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open(SqlQuery q) throws SQLException, CatalogException {
        if (connection == null) {
            connection = db.borrow();
            if (db.dialect().streamsOnlyInTransaction()) {
                connection.setAutoCommit(false); // read-only; the pool rolls it back when the cursor returns it
            }
        }
        statement = connection.prepareStatement(q.sql());
        statement.setFetchSize(100);
        Sql.bind(statement, q.params());
        rows = statement.executeQuery();
    }

    private void closeStatement() {
        try {
            if (rows != null) {
                rows.close();
            }
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException e) {
            // closing a finished cursor: nothing to recover
        }
        rows = null;
        statement = null;
    }

    @Override
    public void close() {
        closeStatement();
        done = true;
        if (connection != null) {
            db.release(connection);
            connection = null;
        }
    }
}
