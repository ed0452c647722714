package org.lightbox.catalog.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The few places where Derby and PostgreSQL SQL or their JDBC drivers differ: binary column types, reading generated
 * keys, streaming result sets and the SQLStates of races. Everything else in the catalog is SQL both accept.
 */
public enum SqlDialect {
    /** Apache Derby: small binary values inline (VARCHAR FOR BIT DATA is much faster than a BLOB locator). */
    DERBY("VARCHAR(32672) FOR BIT DATA", "BLOB", 32672),
    POSTGRESQL("BYTEA", "BYTEA", 1 << 20),
    /** Any other database: standard types, untested. */
    STANDARD("BLOB", "BLOB", 32672);

    private final String smallBinary;
    private final String largeBinary;
    private final int smallBinaryLimit;

    SqlDialect(String smallBinary, String largeBinary, int smallBinaryLimit) {
        this.smallBinary = smallBinary;
        this.largeBinary = largeBinary;
        this.smallBinaryLimit = smallBinaryLimit;
    }

    /** The dialect of a database product name as JDBC metadata reports it. */
    public static SqlDialect ofProduct(String productName) {
        if (productName == null) {
            return STANDARD;
        }
        String p = productName.toLowerCase(java.util.Locale.ROOT);
        return p.contains("derby") ? DERBY : p.contains("postgres") ? POSTGRESQL : STANDARD;
    }

    /** DDL with ${SMALL_BINARY} and ${LARGE_BINARY} replaced by this dialect's types. */
    public String ddl(String template) {
        return template.replace("${SMALL_BINARY}", smallBinary).replace("${LARGE_BINARY}", largeBinary);
    }

    /** The most bytes a ${SMALL_BINARY} column holds. */
    public int smallBinaryLimit() {
        return smallBinaryLimit;
    }

    /**
     * Prepares an INSERT into a table whose first column is the identity column PK, to read that key from
     * {@code getGeneratedKeys()}. PostgreSQL's driver turns RETURN_GENERATED_KEYS into {@code RETURNING *}, which
     * would send every inserted value (blobs included) back; naming the column returns only the key. The driver
     * quotes the names it is given, hence the lower case PostgreSQL folds unquoted PK to.
     */
    public PreparedStatement prepareInsert(Connection c, String sql) throws SQLException {
        return this == POSTGRESQL ? c.prepareStatement(sql, new String[] { "pk" })
                : c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
    }

    /**
     * True when a result set streams in fetch-size chunks only inside a transaction: PostgreSQL's driver reads the
     * whole result into memory in auto-commit mode (it needs a portal, which lives until the transaction ends).
     */
    public boolean streamsOnlyInTransaction() {
        return this == POSTGRESQL;
    }

    /** A unique constraint was violated: another transaction inserted the same key first. */
    public static boolean isDuplicateKey(SQLException e) {
        return "23505".equals(rootState(e));
    }

    /** A referenced row vanished under us (a concurrent delete of an empty parent). */
    public static boolean isForeignKeyViolation(SQLException e) {
        return "23503".equals(rootState(e));
    }

    /** A deadlock, lock timeout or serialization failure: the transaction may succeed when run again. */
    public static boolean isTransient(SQLException e) {
        String s = rootState(e);
        return s != null && (s.equals("40001") || s.equals("40XL1") || s.equals("40XL2") || s.equals("40P01"));
    }

    /**
     * The table already exists (a concurrent first start created it). PostgreSQL reports a CREATE TABLE that lost
     * the race as 42710 (its row type exists) rather than 42P07.
     */
    public static boolean isTableExists(SQLException e) {
        String s = rootState(e);
        return "X0Y32".equals(s) || "42P07".equals(s) || "42710".equals(s);
    }

    private static String rootState(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (x.getSQLState() != null) {
                return x.getSQLState();
            }
        }
        return null;
    }
}
