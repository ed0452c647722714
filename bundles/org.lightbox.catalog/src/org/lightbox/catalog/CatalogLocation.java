package org.lightbox.catalog;

import java.nio.file.Path;
import java.sql.Driver;
import java.util.Objects;
import java.util.Properties;

import org.lightbox.config.LightboxHome;

/**
 * Where the catalog database is: a JDBC URL, user and password. The default is an embedded Derby database in
 * {@code <data folder>/catalog}; a Derby network server ({@code jdbc:derby://host:1527/lightbox;create=true}) or
 * PostgreSQL ({@code jdbc:postgresql://host/lightbox}) lets several workstations share one catalog.
 *
 * @param url      the JDBC URL
 * @param user     the database user, or {@code null}
 * @param password the password, or {@code null}
 */
public record CatalogLocation(String url, String user, String password) {

    public static final String DERBY_EMBEDDED_DRIVER = "org.apache.derby.iapi.jdbc.AutoloadedDriver";
    public static final String DERBY_CLIENT_DRIVER = "org.apache.derby.client.ClientAutoloadedDriver";
    public static final String POSTGRESQL_DRIVER = "org.postgresql.Driver";

    public CatalogLocation {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("not a JDBC URL: " + url);
        }
    }

    /** The embedded Derby database in {@code directory}, created on first use. */
    public static CatalogLocation embedded(Path directory) {
        return new CatalogLocation("jdbc:derby:" + directory.toAbsolutePath() + ";create=true", null, null);
    }

    /** The default: embedded Derby in {@code <data folder>/catalog}. */
    public static CatalogLocation defaultFor(LightboxHome home) {
        return embedded(home.root().resolve("catalog"));
    }

    /**
     * The class name of the driver this URL needs, for whoever loads it from the right bundle; {@code null} for an
     * unknown sub-protocol.
     */
    public String driverClassName() {
        if (url.startsWith("jdbc:derby://")) {
            return DERBY_CLIENT_DRIVER;
        }
        if (url.startsWith("jdbc:derby:")) {
            return DERBY_EMBEDDED_DRIVER;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL_DRIVER;
        }
        return null;
    }

    /** Connections to this location through {@code driver}. */
    public ConnectionSource connectionSource(Driver driver) {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return new DriverConnectionSource(driver, url, p);
    }

    @Override
    public String toString() {
        return DriverConnectionSource.masked(url) + (user == null ? "" : " as " + user); // never the password
    }
}
