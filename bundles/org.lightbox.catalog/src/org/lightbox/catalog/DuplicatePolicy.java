package org.lightbox.catalog;

/** What indexing does with an instance whose SOP Instance UID is already in the catalog. */
public enum DuplicatePolicy {
    /** Keep the existing instance and add the new one beside it (the seed's behaviour). */
    KEEP_BOTH,
    /** Refuse the new instance ({@link DuplicateInstanceException}); the existing one stays. */
    REJECT,
    /** Replace the existing instance(s) by the new one; their files are deleted after the commit. */
    REPLACE
}
