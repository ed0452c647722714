package org.lightbox.catalog;

/** Runs a test class's catalog on a fresh database of the throwaway PostgreSQL server ({@link TestPostgres}). */
interface OnPostgres extends DatabaseUnderTest {

    @Override
    default DriverConnectionSource newDatabase() {
        return TestPostgres.newDatabase();
    }

    @Override
    default void dropDatabase(DriverConnectionSource db) {
        TestPostgres.drop(db);
    }
}
