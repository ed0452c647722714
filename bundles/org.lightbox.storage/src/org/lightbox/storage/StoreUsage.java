package org.lightbox.storage;

import java.io.IOException;
import java.util.Locale;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.FileStore;
import org.lightbox.config.AutoDeleteRules;

/**
 * How much the store holds, how much its disk has left, and whether auto-delete keeps it in bounds: the Node view's
 * store line and {@code lightbox node}'s start-up line, so that a filling disk is seen coming.
 *
 * @param usedBytes  the catalogued size of the store's files
 * @param freeBytes  the space left for the store on its file system
 * @param autoDelete true when an auto-delete rule is set
 */
public record StoreUsage(long usedBytes, long freeBytes, boolean autoDelete) {

    /** Reads the store's size (a catalog query) and its disk's free space. */
    public static StoreUsage of(FileStore store, AutoDeleteRules rules) throws CatalogException, IOException {
        return new StoreUsage(store.usedBytes(), store.usableSpace(), rules.isActive());
    }

    /** {@code 1.2 GB in the store, 98.5 GB free on disk; auto-delete on}. */
    @Override
    public String toString() {
        return size(usedBytes) + " in the store, " + size(freeBytes) + " free on disk"
                + (autoDelete ? "; auto-delete on" : "");
    }

    /** Bytes as a person reads them: kB, MB, GB or TB with one decimal (decimal units, as disks are sold). */
    public static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " bytes";
        }
        String[] units = { "kB", "MB", "GB", "TB" };
        double v = bytes / 1000.0;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
