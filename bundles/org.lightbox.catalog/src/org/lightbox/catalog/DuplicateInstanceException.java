package org.lightbox.catalog;

/**
 * The SOP Instance UID is already in the catalog and the policy is {@link DuplicatePolicy#REJECT}, or an import
 * brought a copy identical to a stored one. Nothing was stored: the file store removed the new file.
 */
public class DuplicateInstanceException extends CatalogException {

    private static final long serialVersionUID = 1L;

    private final String sopInstanceUid;
    private final boolean identical;

    private DuplicateInstanceException(String sopInstanceUid, String message, boolean identical) {
        super(message);
        this.sopInstanceUid = sopInstanceUid;
        this.identical = identical;
    }

    /** Refused by the REJECT policy. */
    public DuplicateInstanceException(String sopInstanceUid) {
        this(sopInstanceUid, "SOP Instance UID " + sopInstanceUid + " is already stored and duplicates are rejected",
                false);
    }

    /** An import of a copy identical, byte for byte, to a stored one: nothing new to keep, whatever the policy. */
    public static DuplicateInstanceException identical(String sopInstanceUid) {
        return new DuplicateInstanceException(sopInstanceUid, "SOP Instance UID " + sopInstanceUid
                + " is already stored, byte for byte", true);
    }

    /** True for {@link #identical(String)}: the instance is there as it is, not refused. */
    public boolean isIdentical() {
        return identical;
    }

    public String sopInstanceUid() {
        return sopInstanceUid;
    }
}
