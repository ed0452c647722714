package org.lightbox.catalog;

/** Every test of {@link IndexingTest}, on PostgreSQL. */
class PostgresIndexingTest extends IndexingTest implements OnPostgres {
}
