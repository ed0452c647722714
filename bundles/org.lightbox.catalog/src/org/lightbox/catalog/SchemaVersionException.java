package org.lightbox.catalog;

/** The catalog database was written by a newer Lightbox (a schema version this one does not know). */
public class SchemaVersionException extends CatalogException {

    private static final long serialVersionUID = 1L;

    private final int found;
    private final int supported;

    public SchemaVersionException(String database, int found, int supported) {
        super("the catalog " + database + " has schema version " + found + " but this Lightbox knows versions up to "
                + supported + "; it was written by a newer Lightbox. Upgrade Lightbox, or point it at another catalog.");
        this.found = found;
        this.supported = supported;
    }

    public int found() {
        return found;
    }

    public int supported() {
        return supported;
    }
}
