/**
 * The node's catalog and file store (issue 5).
 * <ul>
 * <li>{@link org.lightbox.catalog.Catalog}: patients, studies, series, instances and files in a JDBC database
 * (embedded Derby by default, a Derby network server or PostgreSQL when shared); C-FIND matching translated to SQL
 * ({@link org.lightbox.catalog.Catalog#find}), retrieve look-ups ({@link org.lightbox.catalog.Catalog#locate}),
 * the study browser's records, study flags and pins, the activity logs and the transfer queue's job table.</li>
 * <li>{@link org.lightbox.catalog.FileStore}: one file per instance, stored as received, with the write order that
 * makes an acknowledged instance durable (see its class comment for the storage service's contract), deletion and
 * the start-up recovery scan.</li>
 * <li>{@link org.lightbox.catalog.AutoDelete}: the retention rules.</li>
 * </ul>
 * Start-up order: {@code Catalog.open}, {@code FileStore.open}, {@code FileStore.recover()}, then accept
 * associations. Shutdown: {@code FileStore.close()}, then {@code Catalog.close()}.
 * <p>
 * Drivers: the catalog never uses {@code DriverManager}. Give it a {@link org.lightbox.catalog.ConnectionSource},
 * usually {@link org.lightbox.catalog.CatalogLocation#connectionSource(java.sql.Driver)} with a driver instance
 * loaded from the Derby bundle ({@link org.lightbox.catalog.CatalogLocation#driverClassName()} names the class).
 */
package org.lightbox.catalog;
