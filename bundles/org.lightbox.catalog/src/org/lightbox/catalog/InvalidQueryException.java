package org.lightbox.catalog;

import org.lightbox.dicom.core.Tag;

/**
 * A query identifier the catalog cannot answer: a missing or multi-valued unique key of a level above the query
 * level, a level the information model does not have, or a malformed range. The storage service answers C-FIND /
 * C-MOVE / C-GET with an "identifier does not match SOP class" failure (A900) and {@link #tag()} as Offending
 * Element.
 */
public class InvalidQueryException extends CatalogException {

    private static final long serialVersionUID = 1L;

    private final int tag;

    public InvalidQueryException(int tag, String message) {
        super(Tag.toString(tag) + ": " + message);
        this.tag = tag;
    }

    /** The offending element. */
    public int tag() {
        return tag;
    }
}
