package org.lightbox.catalog.internal.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Binding and reading values the same way everywhere. Timestamps are stored as UTC wall-clock times, so that
 * workstations in different time zones sharing one catalog agree on every instant.
 */
public final class Sql {

    private Sql() {
    }

    /** The last conversion: a batch writes one "now" into many rows, and each conversion goes through a Calendar. */
    private static volatile Converted last = new Converted(Instant.EPOCH, timestampOf(Instant.EPOCH));

    private record Converted(Instant instant, Timestamp timestamp) {
    }

    public static Timestamp timestamp(Instant instant) {
        if (instant == null) {
            return null;
        }
        Converted c = last;
        if (!c.instant.equals(instant)) {
            c = new Converted(instant, timestampOf(instant));
            last = c;
        }
        return (Timestamp) c.timestamp.clone(); // a Timestamp is mutable: every caller gets its own
    }

    private static Timestamp timestampOf(Instant instant) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static Instant instant(Timestamp t) {
        return t == null ? null : t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        return instant(rs.getTimestamp(column));
    }

    public static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setTimestamp(index, timestamp(instant));
        }
    }

    public static void setString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    public static void setInteger(PreparedStatement ps, int index, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    /** Binds a ${SMALL_BINARY} column value. */
    public static void setBytes(PreparedStatement ps, int index, byte[] value, SqlDialect dialect)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, dialect == SqlDialect.POSTGRESQL ? Types.BINARY : Types.VARBINARY);
        } else {
            ps.setBytes(index, value);
        }
    }

    /** Binds a ${LARGE_BINARY} column value. */
    public static void setLargeBytes(PreparedStatement ps, int index, byte[] value, SqlDialect dialect)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, dialect == SqlDialect.POSTGRESQL ? Types.BINARY : Types.BLOB);
        } else {
            ps.setBytes(index, value);
        }
    }

    /** An INTEGER column that may be NULL. */
    public static Integer getInteger(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** Binds every value in order, starting at parameter 1. */
    public static void bind(PreparedStatement ps, Iterable<Object> values) throws SQLException {
        int i = 1;
        for (Object v : values) {
            if (v instanceof String) {
                ps.setString(i++, (String) v);
            } else if (v instanceof Integer) {
                ps.setInt(i++, (Integer) v);
            } else if (v instanceof Long) {
                ps.setLong(i++, (Long) v);
            } else if (v instanceof Instant) {
                ps.setTimestamp(i++, timestamp((Instant) v));
            } else if (v instanceof Boolean) {
                ps.setBoolean(i++, (Boolean) v);
            } else {
                throw new IllegalArgumentException("cannot bind " + v);
            }
        }
    }
}
