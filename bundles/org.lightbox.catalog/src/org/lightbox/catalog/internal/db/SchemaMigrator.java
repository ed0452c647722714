package org.lightbox.catalog.internal.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.SchemaVersionException;

/**
 * Brings a catalog database to the newest schema version: the SCHEMA_VERSION table records every applied step;
 * the missing steps are applied in order, each in its own transaction holding an exclusive lock on SCHEMA_VERSION
 * (so two workstations starting at once against a shared catalog do not both migrate). A database whose version
 * is newer than the newest known step is refused: writing it could destroy what the newer version relies on.
 */
public final class SchemaMigrator {

    private static final System.Logger LOG = System.getLogger(SchemaMigrator.class.getName());

    private final List<Migration> migrations;

    public SchemaMigrator(List<Migration> migrations) {
        List<Migration> sorted = new ArrayList<>(migrations);
        sorted.sort(Comparator.comparingInt(Migration::version));
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration versions must be 1..n without gaps, found "
                        + sorted.get(i).version() + " at position " + (i + 1));
            }
        }
        this.migrations = List.copyOf(sorted);
    }

    public int latest() {
        return migrations.size();
    }

    /** Migrates and returns the version the database now has. */
    public int migrate(Database db) throws CatalogException {
        createVersionTable(db);
        while (true) {
            Integer applied = db.transaction(c -> step(c, db));
            if (applied == null) {
                return currentVersion(db);
            }
            LOG.log(System.Logger.Level.INFO, "catalog {0}: schema migrated to version {1}", db.describe(), applied);
        }
    }

    /** Applies the next missing step and returns its version, or {@code null} when none is missing. */
    private Integer step(Connection c, Database db) throws SQLException, CatalogException {
        try (Statement s = c.createStatement()) {
            s.execute("LOCK TABLE SCHEMA_VERSION IN EXCLUSIVE MODE");
        }
        int current = version(c);
        if (current > latest()) {
            throw new SchemaVersionException(db.describe(), current, latest());
        }
        if (current == latest()) {
            return null;
        }
        Migration m = migrations.get(current);
        m.apply(c, db.dialect());
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO SCHEMA_VERSION (VERSION, DESCRIPTION, APPLIED) VALUES (?, ?, ?)")) {
            ps.setInt(1, m.version());
            ps.setString(2, m.description());
            ps.setTimestamp(3, Sql.timestamp(Instant.now()));
            ps.executeUpdate();
        }
        return m.version();
    }

    /** The schema version of the database, 0 for an empty one. */
    public static int currentVersion(Database db) throws CatalogException {
        return db.read(c -> tableExists(c, "SCHEMA_VERSION") ? version(c) : 0);
    }

    private static int version(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(VERSION) FROM SCHEMA_VERSION")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void createVersionTable(Database db) throws CatalogException {
        db.transaction(c -> {
            if (!tableExists(c, "SCHEMA_VERSION")) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE SCHEMA_VERSION (VERSION INT NOT NULL PRIMARY KEY, "
                            + "DESCRIPTION VARCHAR(200), APPLIED TIMESTAMP NOT NULL)");
                } catch (SQLException e) {
                    if (!SqlDialect.isTableExists(e)) {
                        throw e;
                    }
                }
            }
            return null;
        }, true); // PostgreSQL reports a concurrent CREATE TABLE as a duplicate key in its catalog: run it again
    }

    /** Whether a table exists in the connection's schema (Derby folds names to upper, PostgreSQL to lower case). */
    static boolean tableExists(Connection c, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        String schema = c.getSchema();
        for (String n : new String[] { name.toUpperCase(java.util.Locale.ROOT), name.toLowerCase(java.util.Locale.ROOT) }) {
            for (String sch : new String[] { schema, schema == null ? null : schema.toUpperCase(java.util.Locale.ROOT),
                    schema == null ? null : schema.toLowerCase(java.util.Locale.ROOT) }) {
                try (ResultSet rs = md.getTables(null, sch, n, new String[] { "TABLE" })) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
