package org.lightbox.catalog;

import java.util.Objects;

/**
 * How the catalog behaves.
 *
 * @param duplicatePolicy what indexing does with a SOP Instance UID already stored
 * @param idleConnections database connections kept open for reuse
 */
public record CatalogSettings(DuplicatePolicy duplicatePolicy, int idleConnections) {

    /** The seed's behaviour: keep both copies of a duplicate; 8 idle connections. */
    public static final CatalogSettings DEFAULT = new CatalogSettings(DuplicatePolicy.KEEP_BOTH, 8);

    public CatalogSettings {
        Objects.requireNonNull(duplicatePolicy, "duplicatePolicy");
        if (idleConnections < 1) {
            throw new IllegalArgumentException("idleConnections < 1");
        }
    }

    public CatalogSettings withDuplicatePolicy(DuplicatePolicy policy) {
        return new CatalogSettings(policy, idleConnections);
    }
}
