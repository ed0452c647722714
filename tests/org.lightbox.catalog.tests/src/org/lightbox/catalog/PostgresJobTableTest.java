package org.lightbox.catalog;

/** Every test of {@link JobTableTest}, on PostgreSQL. */
class PostgresJobTableTest extends JobTableTest implements OnPostgres {
}
