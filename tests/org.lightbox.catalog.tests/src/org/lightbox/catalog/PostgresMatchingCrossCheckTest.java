package org.lightbox.catalog;

/** Every test of {@link MatchingCrossCheckTest}, on PostgreSQL. */
class PostgresMatchingCrossCheckTest extends MatchingCrossCheckTest implements OnPostgres {
}
