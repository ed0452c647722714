package org.lightbox.catalog;

/** Every test of {@link FindTest}, on PostgreSQL. */
class PostgresFindTest extends FindTest implements OnPostgres {
}
