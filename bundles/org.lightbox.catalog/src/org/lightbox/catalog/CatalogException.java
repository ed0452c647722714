package org.lightbox.catalog;

/** A catalog operation failed: the database refused or failed, or the input cannot be catalogued. */
public class CatalogException extends Exception {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
