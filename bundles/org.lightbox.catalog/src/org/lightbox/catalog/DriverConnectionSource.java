package org.lightbox.catalog;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

import org.lightbox.catalog.internal.db.DerbyCompilation;

/**
 * Connections from a {@link Driver} instance, a JDBC URL and connection properties ({@code user},
 * {@code password}, ...). For an embedded Derby URL ({@code jdbc:derby:<path>...}, not {@code jdbc:derby://})
 * {@link #shutdown()} shuts that database down.
 */
public final class DriverConnectionSource implements ConnectionSource {

    private static final System.Logger LOG = System.getLogger(DriverConnectionSource.class.getName());
    private static final java.util.regex.Pattern PASSWORD = java.util.regex.Pattern
            .compile("(?i)([?&;]password=)[^&;]*");

    private final Driver driver;
    private final String url;
    private final Properties properties;

    public DriverConnectionSource(Driver driver, String url, Properties properties) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.url = Objects.requireNonNull(url, "url");
        this.properties = new Properties();
        if (properties != null) {
            this.properties.putAll(properties);
        }
        if (isEmbeddedDerby()) {
            DerbyCompilation.apply(); // the engine runs in this process: keep it away from C2 (see there)
        }
    }

    @Override
    public Connection open() throws SQLException {
        Connection c = driver.connect(url, properties);
        if (c == null) {
            throw new SQLException("driver " + driver.getClass().getName() + " does not accept the URL " + url);
        }
        return c;
    }

    /** The URL for messages and logs, a password in it ({@code ?password=} or {@code ;password=}) masked. */
    @Override
    public String describe() {
        return masked(url);
    }

    /** {@code url} with a password in it replaced by {@code ***}. */
    static String masked(String url) {
        return PASSWORD.matcher(url).replaceAll("$1***");
    }

    /** True for an embedded Derby URL: the database lives in this process. */
    public boolean isEmbeddedDerby() {
        return url.startsWith("jdbc:derby:") && !url.startsWith("jdbc:derby://");
    }

    @Override
    public void shutdown() {
        if (!isEmbeddedDerby()) {
            return;
        }
        int attributes = url.indexOf(';');
        String database = attributes < 0 ? url : url.substring(0, attributes);
        try {
            driver.connect(database + ";shutdown=true", properties).close();
        } catch (SQLException e) {
            // Derby reports a successful database shutdown as SQLState 08006
            if (!"08006".equals(e.getSQLState())) {
                LOG.log(System.Logger.Level.WARNING, "shutting down " + database + ": " + e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return describe();
    }
}
