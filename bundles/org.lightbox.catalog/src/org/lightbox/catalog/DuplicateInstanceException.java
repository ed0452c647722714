package org.lightbox.catalog;

/**
 * The SOP Instance UID is already in the catalog and the policy is {@link DuplicatePolicy#REJECT}, or an import
 * brought a copy identical to a stored one. Nothing was stored: the file store removed the new file.
 */
public class DuplicateInstanceException extends CatalogException {

    private static final long serialVersionUID = 1L;

    private final String sopInstanceUid;

    /** {@code message} says why this copy was not stored. */
    public DuplicateInstanceException(String sopInstanceUid, String message) {
        super(message);
        this.sopInstanceUid = sopInstanceUid;
    }

    public DuplicateInstanceException(String sopInstanceUid) {
        super("SOP Instance UID " + sopInstanceUid + " is already stored and duplicates are rejected");
        this.sopInstanceUid = sopInstanceUid;
    }

    public String sopInstanceUid() {
        return sopInstanceUid;
    }
}
