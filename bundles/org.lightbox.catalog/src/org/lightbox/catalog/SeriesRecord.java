package org.lightbox.catalog;

/**
 * A series as the study browser shows it.
 *
 * @param studyUid          Study Instance UID
 * @param seriesUid         Series Instance UID
 * @param modality          Modality
 * @param seriesNumber      Series Number, or {@code null}
 * @param description       Series Description
 * @param bodyPart          Body Part Examined
 * @param numberOfInstances Number of Series Related Instances
 */
public record SeriesRecord(String studyUid, String seriesUid, String modality, Integer seriesNumber,
        String description, String bodyPart, int numberOfInstances) {
}
