package org.lightbox.catalog;

import java.time.Instant;

/**
 * One line of the deletion log: instances of a study removed from the node, and why (auto-delete rule, user,
 * recovery scan, duplicate replaced).
 *
 * @param id          the log key
 * @param time        when
 * @param studyUid    Study Instance UID
 * @param patientId   Patient ID
 * @param patientName Patient's Name
 * @param studyDate   Study Date
 * @param instances   instances removed
 * @param bytes       bytes freed
 * @param reason      why
 */
public record DeletionEvent(long id, Instant time, String studyUid, String patientId, String patientName,
        String studyDate, int instances, long bytes, String reason) {
}
