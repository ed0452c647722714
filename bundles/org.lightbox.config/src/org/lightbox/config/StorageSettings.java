package org.lightbox.config;

import java.util.Locale;
import java.util.Objects;

/**
 * How the local node keeps what it receives: where the files and the catalog live, what a second copy of a SOP
 * Instance UID does, when files are forced to disk, how names match in C-FIND, and the auto-delete rules.
 *
 * @param storeFolder          the file store folder; empty for {@code <data folder>/store}
 * @param catalogUrl           the catalog's JDBC URL; empty for an embedded Derby database in
 *                             {@code <data folder>/catalog}. A Derby network server
 *                             ({@code jdbc:derby://host:1527/lightbox;create=true}) lets workstations share one
 *                             catalog
 * @param duplicates           what a received SOP Instance UID that is already stored does
 * @param fsync                when received files are forced to disk
 * @param caseInsensitiveNames whether C-FIND matches person names ignoring case
 * @param autoDelete           the retention rules
 */
public record StorageSettings(String storeFolder, String catalogUrl, Duplicates duplicates, Fsync fsync,
        boolean caseInsensitiveNames, AutoDeleteRules autoDelete) {

    /** What storing a SOP Instance UID that is already in the catalog does. */
    public enum Duplicates {
        /** Keep the stored instance and add the new one (the seed's behaviour). */
        KEEP_BOTH,
        /** Refuse the new one with a failure status. */
        REJECT,
        /** Replace the stored instance by the new one. */
        REPLACE
    }

    /** When received files are forced to disk before they are acknowledged. */
    public enum Fsync {
        /** Every file before it is acknowledged: survives power loss. */
        ALWAYS,
        /** In groups, and when an association ends: power loss may lose the latest acknowledged files. */
        BATCH,
        /** Left to the operating system. */
        NEVER
    }

    /** Store in the data folder, embedded catalog, keep duplicates, force every file, exact names, no auto-delete. */
    public static final StorageSettings DEFAULTS = new StorageSettings("", "", Duplicates.KEEP_BOTH, Fsync.ALWAYS,
            false, AutoDeleteRules.NONE);

    public StorageSettings {
        storeFolder = storeFolder == null ? "" : storeFolder.strip();
        catalogUrl = catalogUrl == null ? "" : catalogUrl.strip();
        if (!catalogUrl.isEmpty() && !catalogUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("catalog URL '" + catalogUrl + "' is not a JDBC URL (jdbc:...)");
        }
        Objects.requireNonNull(duplicates, "duplicates");
        Objects.requireNonNull(fsync, "fsync");
        Objects.requireNonNull(autoDelete, "autoDelete");
    }

    public StorageSettings withStoreFolder(String folder) {
        return new StorageSettings(folder, catalogUrl, duplicates, fsync, caseInsensitiveNames, autoDelete);
    }

    public StorageSettings withCatalogUrl(String url) {
        return new StorageSettings(storeFolder, url, duplicates, fsync, caseInsensitiveNames, autoDelete);
    }

    public StorageSettings withDuplicates(Duplicates policy) {
        return new StorageSettings(storeFolder, catalogUrl, policy, fsync, caseInsensitiveNames, autoDelete);
    }

    public StorageSettings withFsync(Fsync policy) {
        return new StorageSettings(storeFolder, catalogUrl, duplicates, policy, caseInsensitiveNames, autoDelete);
    }

    public StorageSettings withCaseInsensitiveNames(boolean b) {
        return new StorageSettings(storeFolder, catalogUrl, duplicates, fsync, b, autoDelete);
    }

    public StorageSettings withAutoDelete(AutoDeleteRules rules) {
        return new StorageSettings(storeFolder, catalogUrl, duplicates, fsync, caseInsensitiveNames, rules);
    }

    /** The XML spelling of an enum constant: lower case with '-' ({@code keep-both}). */
    static String spelling(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Parses an XML spelling (case and '-' or '_' do not matter), naming the allowed values when it fails. */
    static <E extends Enum<E>> E parse(Class<E> type, String attribute, String value) {
        String key = value.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(key)) {
                return e;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(spelling(e));
        }
        throw new IllegalArgumentException(attribute + "=\"" + value + "\" is not one of " + allowed);
    }
}
