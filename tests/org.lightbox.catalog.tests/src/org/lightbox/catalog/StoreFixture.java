package org.lightbox.catalog;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog on the test's database (Derby, or PostgreSQL for the {@link OnPostgres} subclasses) and a file store in
 * a temporary folder, opened before each test (with the start-up recovery scan unless a test class says not) and
 * closed after it, the database dropped.
 */
abstract class StoreFixture implements DatabaseUnderTest {

    @TempDir
    Path dir;

    final DriverConnectionSource db = newDatabase();
    Catalog catalog;
    FileStore store;

    /** Whether {@link #open()} runs the recovery scan, as a start does. */
    boolean recoverOnOpen() {
        return true;
    }

    @BeforeEach
    void open() throws Exception {
        catalog = Catalog.open(db, CatalogSettings.DEFAULT);
        store = FileStore.open(dir.resolve("store"), catalog, StoreSettings.DEFAULT);
        if (recoverOnOpen()) {
            store.recover();
        }
    }

    @AfterEach
    void close() throws IOException {
        store.close();
        catalog.close();
        dropDatabase(db);
    }
}
