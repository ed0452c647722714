package org.lightbox.catalog;

/** Every test of {@link FileStoreTest}, on PostgreSQL. */
class PostgresFileStoreTest extends FileStoreTest implements OnPostgres {
}
