package org.lightbox.catalog;

/** Every test of {@link RecoveryTest}, on PostgreSQL. */
class PostgresRecoveryTest extends RecoveryTest implements OnPostgres {
}
