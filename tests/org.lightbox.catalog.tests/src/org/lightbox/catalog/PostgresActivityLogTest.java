package org.lightbox.catalog;

/** Every test of {@link ActivityLogTest}, on PostgreSQL. */
class PostgresActivityLogTest extends ActivityLogTest implements OnPostgres {
}
