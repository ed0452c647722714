package org.lightbox.catalog;

/** Every test of {@link SchemaTest}, on PostgreSQL. */
class PostgresSchemaTest extends SchemaTest implements OnPostgres {
}
