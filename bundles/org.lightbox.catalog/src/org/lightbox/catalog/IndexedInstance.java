package org.lightbox.catalog;

import java.util.List;

/**
 * What indexing one instance did.
 *
 * @param studyUid        Study Instance UID
 * @param seriesUid       Series Instance UID
 * @param sopInstanceUid  SOP Instance UID
 * @param sopClassUid     SOP Class UID
 * @param newStudy        true when the study was created by this instance
 * @param newSeries       true when the series was created by this instance
 * @param duplicateNumber 0 for the first copy of this SOP Instance UID, n for the n-th kept duplicate
 * @param replaced        the files of instances this one replaced ({@link DuplicatePolicy#REPLACE}); the file
 *                        store deletes them after the commit
 */
public record IndexedInstance(String studyUid, String seriesUid, String sopInstanceUid, String sopClassUid,
        boolean newStudy, boolean newSeries, int duplicateNumber, List<StoredFile> replaced) {

    public IndexedInstance {
        replaced = List.copyOf(replaced);
    }
}
