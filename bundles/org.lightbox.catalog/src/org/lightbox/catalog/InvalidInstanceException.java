package org.lightbox.catalog;

/**
 * An instance the catalog cannot index: a missing Study, Series or SOP Instance UID, or a file that is not a
 * readable Part 10 file. The storage service answers C-STORE with a "cannot understand" failure (C000).
 */
public class InvalidInstanceException extends CatalogException {

    private static final long serialVersionUID = 1L;

    public InvalidInstanceException(String message) {
        super(message);
    }

    public InvalidInstanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
