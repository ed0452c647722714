package org.lightbox.catalog.internal.index;

import org.lightbox.catalog.InvalidInstanceException;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;

/**
 * The column values and per-level attribute blobs of one instance. The columns are computed once before the indexing
 * transaction (which may run more than once when it loses a race). The patient, study and series blobs are encoded
 * on first use: only the instance that creates such a row needs them, and in a burst of one series that is one
 * instance in hundreds.
 */
public final class InstanceValues {

    final String patientKey;
    final String patientId;
    final String issuer;
    final String patientName;
    final String birthDate;
    final String sex;
    final String studyUid;
    final String studyDate;
    final String studyTime;
    final String studyTimeKey;
    final String accession;
    final String studyId;
    final String referringPhysician;
    final String studyDescription;
    final String seriesUid;
    final String modality;
    final Integer seriesNumber;
    final String seriesDescription;
    final String bodyPart;
    final String sopInstanceUid;
    final String sopClassUid;
    final Integer instanceNumber;
    final Integer frames;
    final String charset;
    final byte[] instanceAttrs;
    private final Attributes dataset;
    private final int blobLimit;
    private byte[] patientAttrs;
    private byte[] studyAttrs;
    private byte[] seriesAttrs;

    /** The three UIDs that place an instance in the catalog and the store. */
    public record Identity(String studyUid, String seriesUid, String sopInstanceUid) {
    }

    /**
     * Whether the catalog can take {@code ds}, checked before its reception is acknowledged: what would make
     * indexing fail whatever the catalog holds. Everything else the catalog keeps is cut to fit or left out, so this
     * is the one place that refuses a data set; the constructor asks it too.
     *
     * @return the instance's Study, Series and SOP Instance UID
     * @throws InvalidInstanceException when one of them is missing, longer than the 64 characters of its column, or
     *                                  holds a control character (NUL, which PostgreSQL refuses in text, or another
     *                                  that no UID can hold; NUL and space padding is removed before)
     */
    public static Identity check(Attributes ds) throws InvalidInstanceException {
        return new Identity(required(ds, Tag.StudyInstanceUID, "Study Instance UID"),
                required(ds, Tag.SeriesInstanceUID, "Series Instance UID"),
                required(ds, Tag.SOPInstanceUID, "SOP Instance UID"));
    }

    public InstanceValues(Attributes ds, int blobLimit) throws InvalidInstanceException {
        Identity id = check(ds);
        studyUid = id.studyUid();
        seriesUid = id.seriesUid();
        sopInstanceUid = id.sopInstanceUid();
        sopClassUid = Values.column(Values.text(ds, Tag.SOPClassUID), 64);
        patientId = Values.column(Values.text(ds, Tag.PatientID), 64);
        issuer = Values.column(Values.text(ds, Tag.IssuerOfPatientID), 64);
        patientName = Values.column(Values.personName(Values.text(ds, Tag.PatientName)), 324);
        birthDate = Values.date(ds, Tag.PatientBirthDate);
        sex = Values.column(Values.text(ds, Tag.PatientSex), 16);
        patientKey = patientKey(patientId, issuer, patientName, birthDate);
        studyDate = Values.date(ds, Tag.StudyDate);
        studyTime = Values.column(Values.text(ds, Tag.StudyTime), 16);
        studyTimeKey = Values.timeKey(ds, Tag.StudyTime);
        accession = Values.column(Values.text(ds, Tag.AccessionNumber), 64);
        studyId = Values.column(Values.text(ds, Tag.StudyID), 64);
        referringPhysician = Values.column(Values.personName(Values.text(ds, Tag.ReferringPhysicianName)), 324);
        studyDescription = Values.column(Values.text(ds, Tag.StudyDescription), 64);
        modality = Values.column(Values.text(ds, Tag.Modality), 16);
        seriesNumber = Values.integer(ds, Tag.SeriesNumber);
        seriesDescription = Values.column(Values.text(ds, Tag.SeriesDescription), 64);
        bodyPart = Values.column(Values.text(ds, Tag.BodyPartExamined), 16);
        instanceNumber = Values.integer(ds, Tag.InstanceNumber);
        frames = Values.integer(ds, Tag.NumberOfFrames);
        charset = Values.column(Values.charset(ds), 128);
        dataset = ds;
        this.blobLimit = blobLimit;
        instanceAttrs = blob(QueryLevel.IMAGE);
    }

    byte[] patientAttrs() {
        if (patientAttrs == null) {
            patientAttrs = blob(QueryLevel.PATIENT);
        }
        return patientAttrs;
    }

    byte[] studyAttrs() {
        if (studyAttrs == null) {
            studyAttrs = blob(QueryLevel.STUDY);
        }
        return studyAttrs;
    }

    byte[] seriesAttrs() {
        if (seriesAttrs == null) {
            seriesAttrs = blob(QueryLevel.SERIES);
        }
        return seriesAttrs;
    }

    /** The attributes the catalog keeps at {@code level}, encoded. */
    private byte[] blob(QueryLevel level) {
        return AttributeBlob.encode(LevelAttributes.extract(dataset, level), blobLimit);
    }

    private static String required(Attributes ds, int tag, String name) throws InvalidInstanceException {
        String v = Values.text(ds, tag);
        if (v == null) {
            throw new InvalidInstanceException("the data set has no " + name + " " + Tag.toString(tag));
        }
        if (v.length() > 64) {
            throw new InvalidInstanceException(name + " " + Tag.toString(tag) + " is longer than 64 characters");
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < 0x20) {
                throw new InvalidInstanceException(name + " " + Tag.toString(tag) + " holds control character "
                        + String.format("0x%02X", (int) v.charAt(i)) + " at position " + (i + 1));
            }
        }
        return v;
    }

    /**
     * Who the patient is: Patient ID and issuer; without an ID, name and birth date (two backslashes keep the two
     * kinds of key apart: a backslash cannot occur in a value).
     */
    static String patientKey(String id, String issuer, String name, String birthDate) {
        if (id != null) {
            return id + "\\" + (issuer == null ? "" : issuer);
        }
        return "\\\\" + (name == null ? "" : name) + "\\" + (birthDate == null ? "" : birthDate);
    }

    public String studyUid() {
        return studyUid;
    }

    public String sopInstanceUid() {
        return sopInstanceUid;
    }
}
