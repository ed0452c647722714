package org.lightbox.catalog;

/**
 * The database engine a test class runs the catalog on: an in-memory Derby database by default. A subclass that
 * also implements {@link OnPostgres} runs every inherited test again on PostgreSQL (the more specific interface's
 * methods win), so both engines pass the same test bodies.
 */
interface DatabaseUnderTest {

    /** A new, empty database for one test (or one test class). */
    default DriverConnectionSource newDatabase() {
        return TestDatabases.inMemory();
    }

    /** Drops a database from {@link #newDatabase()}. */
    default void dropDatabase(DriverConnectionSource db) {
        TestDatabases.drop(db);
    }
}
