package org.lightbox.catalog;

/**
 * A study (or the part of it in one file store) deleted.
 *
 * @param studyUid     Study Instance UID
 * @param instances    instances removed
 * @param bytes        bytes freed
 * @param studyRemoved true when the study row is gone (no instance left in any store)
 * @param reason       why, as logged
 */
public record DeletedStudy(String studyUid, int instances, long bytes, boolean studyRemoved, String reason) {
}
