package org.lightbox.catalog.internal.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One step of the catalog schema: from version {@code version() - 1} to {@code version()}. Runs inside a
 * transaction that also records the new version, so a failed step leaves the previous version intact.
 */
public interface Migration {

    int version();

    String description();

    void apply(Connection c, SqlDialect dialect) throws SQLException;

    /** A migration made of DDL statements (with ${SMALL_BINARY}/${LARGE_BINARY} placeholders). */
    static Migration of(int version, String description, String... statements) {
        return new Migration() {
            @Override
            public int version() {
                return version;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void apply(Connection c, SqlDialect dialect) throws SQLException {
                try (java.sql.Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(dialect.ddl(sql));
                    }
                }
            }
        };
    }
}
