package org.lightbox.catalog;

/** Every test of {@link ReceptionCheckTest}, on PostgreSQL. */
class PostgresReceptionCheckTest extends ReceptionCheckTest implements OnPostgres {
}
