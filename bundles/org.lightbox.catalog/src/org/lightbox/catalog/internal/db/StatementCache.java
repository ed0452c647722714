package org.lightbox.catalog.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Keeps the prepared statements of a hot path open per pooled connection. Preparing is cheap for the database's
 * plan cache but not for the driver (Derby builds a new activation each time): the indexer runs about ten
 * statements per received instance, so reusing them is a real part of the ingest rate. A connection is used by
 * one thread at a time (see {@link Database}); a statement closed with its connection is prepared again.
 */
public final class StatementCache {
    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new WeakHashMap<>();

    /** The statement for {@code sql} on {@code c}; do not close it. */
    public PreparedStatement prepare(Connection c, String sql) throws SQLException {
        return prepare(c, sql, null);
    }

    /** As {@link #prepare(Connection, String)}, for an INSERT returning its generated PK. */
    public PreparedStatement prepareInsert(Connection c, String sql, SqlDialect dialect) throws SQLException {
        return prepare(c, sql, dialect);
    }

    /** {@code generatedKeysOf}: the dialect preparing an INSERT that returns its key, or {@code null}. */
    private PreparedStatement prepare(Connection c, String sql, SqlDialect generatedKeysOf) throws SQLException {
        Map<String, PreparedStatement> statements;
        synchronized (byConnection) {
            statements = byConnection.computeIfAbsent(c, k -> new HashMap<>());
        }
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = generatedKeysOf != null ? generatedKeysOf.prepareInsert(c, sql) : c.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }
}
