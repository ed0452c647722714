package org.lightbox.query;

import org.lightbox.dicom.core.Attributes;

/** Receives the matches of a C-FIND as they arrive, on the thread reading the association. */
@FunctionalInterface
public interface FindListener {

    /**
     * One match (the response identifier, decoded with its Specific Character Set).
     *
     * @return {@code false} to stop the query: C-CANCEL is sent and no further match is delivered
     */
    boolean onMatch(Attributes match);
}
