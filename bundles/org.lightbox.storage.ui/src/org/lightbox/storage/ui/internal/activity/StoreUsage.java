package org.lightbox.storage.ui.internal.activity;

import java.io.IOException;
import java.util.Locale;

import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.FileStore;
import org.lightbox.config.AutoDeleteRules;
import org.lightbox.storage.LocalNode;

/**
 * The Node view's store line: how much the store holds, how much the disk has left, and whether auto-delete keeps
 * it in bounds, so that a full disk is seen coming. Read off the UI thread (a catalog query, and the store may open).
 */
final class StoreUsage {

    private StoreUsage() {
    }

    static String describe(LocalNode local) {
        try {
            FileStore fs = local.fileStore();
            AutoDeleteRules rules = local.configuration().storage().autoDelete();
            return size(fs.usedBytes()) + " in the store, " + size(fs.usableSpace()) + " free on disk"
                    + (rules.isActive() ? "; auto-delete on" : "");
        } catch (IOException | CatalogException | RuntimeException e) {
            return "? (" + e.getMessage() + ")";
        }
    }

    /** Bytes as a person reads them: kB, MB, GB or TB with one decimal (decimal units, as disks are sold). */
    static String size(long bytes) {
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
