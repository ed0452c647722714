package org.lightbox.catalog;

import java.time.Instant;

/**
 * A study as the study browser shows it: the main DICOM attributes and the node's own bookkeeping.
 *
 * @param studyUid          Study Instance UID
 * @param patientId         Patient ID
 * @param issuerOfPatientId Issuer of Patient ID
 * @param patientName       Patient's Name (PN value, trailing empty components removed)
 * @param patientBirthDate  Patient's Birth Date (YYYYMMDD)
 * @param patientSex        Patient's Sex
 * @param studyDate         Study Date (YYYYMMDD)
 * @param studyTime         Study Time as received
 * @param accessionNumber   Accession Number
 * @param studyId           Study ID
 * @param referringPhysician Referring Physician's Name
 * @param description       Study Description
 * @param modalities        Modalities in Study, '\'-separated
 * @param numberOfSeries    Number of Study Related Series
 * @param numberOfInstances Number of Study Related Instances
 * @param sizeOnDisk        bytes of all its files
 * @param state             received, sent or committed
 * @param isProtected       true when auto-delete must never delete it
 * @param received          when its first instance arrived
 * @param updated           when its last instance arrived
 * @param lastAccess        when it was last read, sent or received
 */
public record StudyRecord(String studyUid, String patientId, String issuerOfPatientId, String patientName,
        String patientBirthDate, String patientSex, String studyDate, String studyTime, String accessionNumber,
        String studyId, String referringPhysician, String description, String modalities, int numberOfSeries,
        int numberOfInstances, long sizeOnDisk, StudyState state, boolean isProtected, Instant received,
        Instant updated, Instant lastAccess) {
}
