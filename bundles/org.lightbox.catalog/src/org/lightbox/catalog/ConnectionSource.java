package org.lightbox.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the catalog gets its JDBC connections. In OSGi {@code DriverManager} refuses drivers the caller's class
 * loader cannot see, so the catalog never uses it: whoever starts the catalog supplies connections, typically a
 * {@link DriverConnectionSource} holding a {@link java.sql.Driver} instance loaded from the Derby (or PostgreSQL)
 * bundle.
 */
public interface ConnectionSource {

    /** A new connection (auto-commit on); the catalog pools and closes it. */
    Connection open() throws SQLException;

    /** A description for messages: the JDBC URL without credentials. */
    String describe();

    /**
     * Releases what the database engine holds for this source once the catalog has closed all its connections:
     * an embedded Derby database is shut down so that the next start needs no log recovery. Default: nothing.
     */
    default void shutdown() {
    }
}
