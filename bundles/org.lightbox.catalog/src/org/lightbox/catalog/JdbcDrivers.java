package org.lightbox.catalog;

import java.sql.Driver;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Creates a JDBC driver by class name: first from this bundle (which embeds Derby's network client), then, inside
 * OSGi, through the installed bundle that holds it (the Derby bundles do not export their driver packages and
 * {@code DriverManager} refuses drivers its caller cannot see); outside OSGi (tests, benchmarks) through the class
 * path.
 */
public final class JdbcDrivers {

    private JdbcDrivers() {
    }

    public static Driver load(String className) throws CatalogException {
        try {
            // the network client is embedded in this bundle (with the derbyshared it needs for its messages)
            return (Driver) Class.forName(className, true, JdbcDrivers.class.getClassLoader()).getConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            // not here: an installed driver bundle, or the class path
        }
        try {
            Driver d = fromBundles(className);
            if (d != null) {
                return d;
            }
        } catch (LinkageError notInOsgi) {
            // no OSGi framework classes: plain class path
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader cl : new ClassLoader[] { context, JdbcDrivers.class.getClassLoader() }) {
            if (cl != null) {
                try {
                    return (Driver) Class.forName(className, true, cl).getConstructor().newInstance();
                } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                    // try the next loader
                }
            }
        }
        throw new CatalogException("the JDBC driver " + className
                + " is not available: install the Derby (or PostgreSQL) driver bundle or put its jar on the class path");
    }

    private static Driver fromBundles(String className) {
        Bundle self = FrameworkUtil.getBundle(JdbcDrivers.class);
        if (self == null || self.getBundleContext() == null) {
            return null;
        }
        for (Bundle b : self.getBundleContext().getBundles()) {
            String name = b.getSymbolicName();
            if (name == null || !(name.startsWith("derby") || name.startsWith("org.postgresql"))) {
                continue;
            }
            try {
                return (Driver) b.loadClass(className).getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
                // not in this bundle
            }
        }
        return null;
    }
}
