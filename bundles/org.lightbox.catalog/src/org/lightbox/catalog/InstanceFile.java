package org.lightbox.catalog;

/**
 * A stored instance and its file, as a retrieve (C-MOVE, C-GET), a storage commitment check or the viewer needs
 * it.
 *
 * @param studyUid          Study Instance UID
 * @param seriesUid         Series Instance UID
 * @param sopInstanceUid    SOP Instance UID
 * @param sopClassUid       SOP Class UID
 * @param instanceNumber    Instance Number, or {@code null}
 * @param file              the file; resolve it with {@link FileStore#resolve(StoredFile)}
 */
public record InstanceFile(String studyUid, String seriesUid, String sopInstanceUid, String sopClassUid,
        Integer instanceNumber, StoredFile file) {
}
