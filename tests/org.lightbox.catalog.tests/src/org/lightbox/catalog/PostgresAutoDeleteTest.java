package org.lightbox.catalog;

/** Every test of {@link AutoDeleteTest}, on PostgreSQL. */
class PostgresAutoDeleteTest extends AutoDeleteTest implements OnPostgres {
}
