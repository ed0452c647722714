package org.lightbox.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;

import org.lightbox.catalog.AutoDelete;
import org.lightbox.catalog.AutoDeleteReport;
import org.lightbox.catalog.Catalog;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.JdbcDrivers;
import org.lightbox.catalog.CatalogLocation;
import org.lightbox.catalog.CatalogSettings;
import org.lightbox.catalog.ConnectionSource;
import org.lightbox.catalog.DuplicatePolicy;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.FsyncPolicy;
import org.lightbox.catalog.RecoveryReport;
import org.lightbox.catalog.StoreSettings;
import org.lightbox.config.AutoDeleteRules;
import org.lightbox.config.LightboxHome;
import org.lightbox.config.StorageSettings;
import org.lightbox.storage.internal.AutoDeleteScheduler;

/**
 * The node's catalog and file store, opened from the storage settings in the documented order: catalog (schema
 * migrated), file store (locked for this process), the recovery scan (catalog and files made to agree after a
 * crash); closed in the reverse order, the embedded database shut down last. The {@code lightbox node} and
 * {@code lightbox import} commands use it; the workbench may too.
 */
public final class NodeStorage implements AutoCloseable {

    private final Catalog catalog;
    private final FileStore store;
    private final RecoveryReport recovery;

    private NodeStorage(Catalog catalog, FileStore store, RecoveryReport recovery) {
        this.catalog = catalog;
        this.store = store;
        this.recovery = recovery;
    }

    /** Supplies the JDBC driver of a catalog location (inside OSGi, from the bundle that has it). */
    @FunctionalInterface
    public interface DriverLoader {
        Driver load(CatalogLocation location) throws CatalogException;
    }

    /** Where the catalog is: the configured JDBC URL, else embedded Derby in {@code <data folder>/catalog}. */
    public static CatalogLocation catalogLocation(LightboxHome home, StorageSettings settings) {
        return settings.catalogUrl().isEmpty() ? CatalogLocation.defaultFor(home)
                : new CatalogLocation(settings.catalogUrl(), null, null);
    }

    /** Where the files are: the configured folder, else {@code <data folder>/store}. */
    public static Path storeRoot(LightboxHome home, StorageSettings settings) {
        return settings.storeFolder().isEmpty() ? FileStore.defaultRoot(home) : Path.of(settings.storeFolder());
    }

    /**
     * Opens catalog and store for the data folder with {@code driver} (loaded by the caller from the bundle that
     * has it; see {@link CatalogLocation#driverClassName()}).
     */
    public static NodeStorage open(LightboxHome home, StorageSettings settings, Driver driver)
            throws IOException, CatalogException {
        derbyLogIn(home);
        return open(catalogLocation(home, settings).connectionSource(driver), storeRoot(home, settings), settings);
    }

    /** Opens catalog and store from an explicit connection source and store folder (tests, shared catalogs). */
    public static NodeStorage open(ConnectionSource source, Path storeRoot, StorageSettings settings)
            throws IOException, CatalogException {
        Catalog catalog = Catalog.open(source, CatalogSettings.DEFAULT.withDuplicatePolicy(duplicates(settings)));
        FileStore store = null;
        try {
            store = FileStore.open(storeRoot, catalog, StoreSettings.DEFAULT.withFsync(fsync(settings)));
            RecoveryReport report = store.recover();
            return new NodeStorage(catalog, store, report);
        } catch (IOException | CatalogException | RuntimeException e) {
            if (store != null) {
                store.close();
            }
            catalog.close(); // also shuts an embedded database down
            throw e;
        }
    }

    /**
     * Loads the JDBC driver a catalog location needs by class name, through the thread's context class loader or
     * this bundle's. Inside OSGi the caller may instead load it from the Derby bundle and use
     * {@link #open(LightboxHome, StorageSettings, Driver)}.
     */
    public static Driver loadDriver(CatalogLocation location) throws CatalogException {
        String name = location.driverClassName();
        if (name == null) {
            throw new CatalogException("no JDBC driver is known for " + location.url());
        }
        return JdbcDrivers.load(name);
    }

    /**
     * Sends an embedded Derby's log to {@code <data folder>/logs/derby.log} instead of the working directory,
     * unless the process already chose (the property must be set before Derby boots).
     */
    public static void derbyLogIn(LightboxHome home) throws IOException {
        if (System.getProperty("derby.stream.error.file") == null) {
            Files.createDirectories(home.logs());
            System.setProperty("derby.stream.error.file", home.logs().resolve("derby.log").toString());
        }
    }

    static DuplicatePolicy duplicates(StorageSettings s) {
        return DuplicatePolicy.valueOf(s.duplicates().name());
    }

    static FsyncPolicy fsync(StorageSettings s) {
        return FsyncPolicy.valueOf(s.fsync().name());
    }

    public Catalog catalog() {
        return catalog;
    }

    public FileStore fileStore() {
        return store;
    }

    /** What the start-up recovery scan mended. */
    public RecoveryReport recovery() {
        return recovery;
    }

    /**
     * Applies the auto-delete rules once, now, as the node does on its schedule: protected studies and studies in
     * use are kept, and each deletion goes to the deletion log.
     */
    public AutoDeleteReport autoDelete(AutoDeleteRules rules) throws CatalogException, IOException {
        return new AutoDelete(store, AutoDeleteScheduler.policy(rules)).run();
    }

    /** Closes the store (marking a clean shutdown), then the catalog (which shuts an embedded database down). */
    @Override
    public void close() throws IOException {
        try {
            store.close();
        } finally {
            catalog.close();
        }
    }
}
