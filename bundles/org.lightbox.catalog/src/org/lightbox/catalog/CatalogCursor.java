package org.lightbox.catalog;

/**
 * Results read one at a time from an open database cursor, so that a C-FIND over thousands of matches never
 * holds them all in memory. Holds a database connection until closed: always close it (try-with-resources), also
 * when a C-CANCEL stops the query early.
 *
 * @param <T> the result type
 */
public interface CatalogCursor<T> extends AutoCloseable {

    /** The next result, or {@code null} when there are no more. */
    T next() throws CatalogException;

    @Override
    void close();
}
