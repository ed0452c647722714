package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lightbox.catalog.internal.db.CatalogSchema;
import org.lightbox.catalog.internal.db.Migration;

class SchemaTest implements DatabaseUnderTest {

    private final DriverConnectionSource db = newDatabase();

    @AfterEach
    void dropDatabase() {
        dropDatabase(db);
    }

    private static final Migration V1 = Migration.of(1, "a table", "CREATE TABLE WIDGET (ID INT NOT NULL)");
    private static final Migration V2 = Migration.of(2, "a column",
            "ALTER TABLE WIDGET ADD COLUMN NAME VARCHAR(20)", "CREATE INDEX WIDGET_NAME_IX ON WIDGET (NAME)");
    private static final Migration V3_BROKEN = Migration.of(3, "broken",
            "ALTER TABLE WIDGET ADD COLUMN COLOUR VARCHAR(20)", "CREATE TABLE NO SUCH SYNTAX");

    @Test
    void createsTheCurrentSchemaAndEveryTable() throws Exception {
        try (Catalog c = Catalog.open(db, CatalogSettings.DEFAULT)) {
            assertEquals(CatalogSchema.MIGRATIONS.size(), c.schemaVersion());
            List<String> tables = c.read(conn -> {
                List<String> names = new ArrayList<>();
                try (ResultSet rs = conn.getMetaData().getTables(null, null, "%", new String[] { "TABLE" })) {
                    while (rs.next()) {
                        // the engine's case: Derby folds unquoted names to upper case, PostgreSQL to lower case
                        names.add(rs.getString("TABLE_NAME").toUpperCase(java.util.Locale.ROOT));
                    }
                }
                return names;
            });
            for (String t : List.of("SCHEMA_VERSION", "PATIENT", "STUDY", "SERIES", "INSTANCE", "FILE_REF",
                    "ASSOCIATION_LOG", "RECEIVE_LOG", "SEND_LOG", "DELETE_LOG", "JOB")) {
                assertTrue(tables.contains(t), t + " missing from " + tables);
            }
        }
        try (Catalog again = Catalog.open(db, CatalogSettings.DEFAULT)) {
            assertEquals(CatalogSchema.MIGRATIONS.size(), again.schemaVersion(), "reopening changes nothing");
        }
    }

    @Test
    void migratesAnOlderSchemaForwardKeepingItsData() throws Exception {
        try (Catalog c = Catalog.open(db, CatalogSettings.DEFAULT, List.of(V1))) {
            assertEquals(1, c.schemaVersion());
            c.read(conn -> conn.createStatement().executeUpdate("INSERT INTO WIDGET (ID) VALUES (7)"));
        }
        try (Catalog c = Catalog.open(db, CatalogSettings.DEFAULT, List.of(V1, V2))) {
            assertEquals(2, c.schemaVersion());
            String name = c.read(conn -> {
                conn.createStatement().executeUpdate("UPDATE WIDGET SET NAME = 'seven' WHERE ID = 7");
                try (PreparedStatement ps = conn.prepareStatement("SELECT NAME FROM WIDGET WHERE ID = 7");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertEquals("seven", name);
            int rows = c.read(conn -> {
                try (ResultSet rs = conn.createStatement().executeQuery("SELECT COUNT(*) FROM SCHEMA_VERSION")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(2, rows, "one SCHEMA_VERSION row per applied step");
        }
    }

    @Test
    void aFailingStepLeavesThePreviousVersionIntact() throws Exception {
        try (Catalog c = Catalog.open(db, CatalogSettings.DEFAULT, List.of(V1, V2))) {
            assertEquals(2, c.schemaVersion());
        }
        assertThrows(CatalogException.class, () -> Catalog.open(db, CatalogSettings.DEFAULT, List.of(V1, V2, V3_BROKEN)));
        try (Catalog c = Catalog.open(db, CatalogSettings.DEFAULT, List.of(V1, V2))) {
            assertEquals(2, c.schemaVersion());
            // the half-applied step was rolled back: COLOUR does not exist
            assertThrows(CatalogException.class,
                    () -> c.read(conn -> conn.createStatement().executeQuery("SELECT COLOUR FROM WIDGET")));
        }
    }

    @Test
    void refusesACatalogWrittenByANewerSchema() throws Exception {
        try (Catalog c = Catalog.open(db, CatalogSettings.DEFAULT, List.of(V1, V2))) {
            assertEquals(2, c.schemaVersion());
        }
        SchemaVersionException e = assertThrows(SchemaVersionException.class,
                () -> Catalog.open(db, CatalogSettings.DEFAULT, List.of(V1)));
        assertEquals(2, e.found());
        assertEquals(1, e.supported());
        assertTrue(e.getMessage().contains("newer Lightbox"), e.getMessage());
    }

    @Test
    void workstationsStartingAtOnceMigrateOnce() throws Exception {
        int n = 4;
        CyclicBarrier start = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<Catalog>> opened = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                opened.add(pool.submit(() -> {
                    start.await(30, TimeUnit.SECONDS);
                    return Catalog.open(db, CatalogSettings.DEFAULT);
                }));
            }
            for (Future<Catalog> f : opened) {
                assertEquals(CatalogSchema.MIGRATIONS.size(), f.get(60, TimeUnit.SECONDS).schemaVersion());
            }
            int rows = opened.get(0).get().read(conn -> {
                try (ResultSet rs = conn.createStatement().executeQuery("SELECT COUNT(*) FROM SCHEMA_VERSION")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(CatalogSchema.MIGRATIONS.size(), rows, "every step applied exactly once");
        } finally {
            pool.shutdownNow();
            // closed only now: closing an embedded Derby catalog shuts its database down under the others
            for (Future<Catalog> f : opened) {
                if (f.isDone() && !f.isCancelled()) {
                    try {
                        f.get().close();
                    } catch (java.util.concurrent.ExecutionException e) {
                        // failed to open: reported above
                    }
                }
            }
        }
    }

    @Test
    void migrationVersionsMustBeContiguous() {
        assertThrows(IllegalArgumentException.class,
                () -> new org.lightbox.catalog.internal.db.SchemaMigrator(List.of(V2)));
    }
}
