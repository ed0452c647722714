package org.lightbox.catalog.internal.index;


import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.BulkDataReference;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

/**
 * Which level of the query hierarchy an attribute belongs to (PS3.4 C.6 and the modules of PS3.3: patient
 * module, general study and patient study modules, general series and equipment modules, the rest is the
 * instance), and the per-level subsets of a data set the catalog keeps to answer return keys that are not
 * columns. Bulk data, private elements, file meta information and large values are left in the file.
 */
public final class LevelAttributes {

    /** Study-level attributes (patient study module included); group 0010 attributes not here are patient level. */
    private static final int[] STUDY = sorted(Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber,
            Tag.IssuerOfAccessionNumberSequence, Tag.ReferringPhysicianName,
            Tag.ReferringPhysicianIdentificationSequence, Tag.StudyDescription, Tag.ProcedureCodeSequence,
            Tag.PhysiciansOfRecord, Tag.NameOfPhysiciansReadingStudy, Tag.AdmittingDiagnosesDescription,
            Tag.ReferencedStudySequence, Tag.StudyInstanceUID, Tag.StudyID, Tag.StudyStatusID, Tag.PatientAge,
            Tag.PatientSize, Tag.PatientWeight, Tag.Occupation, Tag.AdditionalPatientHistory,
            Tag.TimezoneOffsetFromUTC, Tag.ModalitiesInStudy, Tag.SOPClassesInStudy, Tag.NumberOfStudyRelatedSeries,
            Tag.NumberOfStudyRelatedInstances);

    private static final int[] SERIES = sorted(Tag.Modality, Tag.SeriesDate, Tag.SeriesTime,
            Tag.SeriesDescription, Tag.SeriesDescriptionCodeSequence, Tag.PerformingPhysicianName, Tag.OperatorsName,
            Tag.ReferencedPerformedProcedureStepSequence, Tag.InstitutionName, Tag.InstitutionAddress,
            Tag.StationName, Tag.InstitutionalDepartmentName, Tag.Manufacturer, Tag.ManufacturerModelName,
            Tag.SeriesInstanceUID, Tag.SeriesNumber, Tag.Laterality, Tag.BodyPartExamined, Tag.ProtocolName,
            Tag.PatientPosition, Tag.PerformedProcedureStepStartDate, Tag.PerformedProcedureStepStartTime,
            Tag.PerformedProcedureStepID, Tag.PerformedProcedureStepDescription, Tag.RequestAttributesSequence,
            Tag.FrameOfReferenceUID, Tag.NumberOfSeriesRelatedInstances);

    /** Computed by the catalog, never copied from an instance. */
    private static final int[] COMPUTED = sorted(Tag.ModalitiesInStudy, Tag.SOPClassesInStudy,
            Tag.NumberOfStudyRelatedSeries,
            Tag.NumberOfStudyRelatedInstances, Tag.NumberOfSeriesRelatedInstances, Tag.NumberOfPatientRelatedStudies,
            Tag.NumberOfPatientRelatedSeries, Tag.NumberOfPatientRelatedInstances, Tag.QueryRetrieveLevel,
            Tag.RetrieveAETitle, Tag.InstanceAvailability);

    private static final int MAX_VALUE_BYTES = 1024;
    private static final int MAX_SEQUENCE_BYTES = 8192;

    private LevelAttributes() {
    }

    /** Tag sets as sorted arrays: asked for every element of every instance indexed, without boxing. */
    private static int[] sorted(int... tags) {
        int[] t = tags.clone();
        java.util.Arrays.sort(t);
        return t;
    }

    private static boolean has(int[] sortedTags, int tag) {
        return java.util.Arrays.binarySearch(sortedTags, tag) >= 0;
    }

    /** The level {@code tag} belongs to; IMAGE for everything not at a higher level. */
    public static QueryLevel levelOf(int tag) {
        if (tag == Tag.NumberOfPatientRelatedStudies || tag == Tag.NumberOfPatientRelatedSeries
                || tag == Tag.NumberOfPatientRelatedInstances) {
            return QueryLevel.PATIENT;
        }
        if (has(STUDY, tag)) {
            return QueryLevel.STUDY;
        }
        if (Tag.group(tag) == 0x0010) {
            return QueryLevel.PATIENT;
        }
        return has(SERIES, tag) ? QueryLevel.SERIES : QueryLevel.IMAGE;
    }

    /** The elements of {@code dataset} kept at {@code level}, with its Specific Character Set. */
    public static Attributes extract(Attributes dataset, QueryLevel level) {
        Attributes out = new Attributes(dataset.isBigEndian(), 32);
        for (int i = 0; i < dataset.size(); i++) {
            int tag = dataset.tagAt(i);
            if (tag == Tag.SpecificCharacterSet || keep(dataset, i, tag, level)) {
                copy(dataset, i, out);
            }
        }
        return out;
    }

    private static boolean keep(Attributes a, int i, int tag, QueryLevel level) {
        if (Tag.group(tag) <= 0x0002 || (Tag.group(tag) & 1) == 1 || has(COMPUTED, tag)
                || levelOf(tag) != level) {
            return false;
        }
        VR vr = a.vrAt(i);
        Object v = a.valueAt(i);
        if (vr.kind() == VR.Kind.BULK || v instanceof BulkDataReference || v instanceof Fragments) {
            return false;
        }
        if (v instanceof byte[]) {
            return ((byte[]) v).length <= MAX_VALUE_BYTES;
        }
        if (v instanceof Sequence) {
            return size((Sequence) v, 0) <= MAX_SEQUENCE_BYTES;
        }
        return true;
    }

    /** Roughly the encoded size of a sequence; "too large" for bulk data or deep nesting. */
    private static long size(Sequence s, int depth) {
        if (depth > 4) {
            return Long.MAX_VALUE / 4;
        }
        long n = 8;
        for (Attributes item : s) {
            n += 8;
            for (int i = 0; i < item.size(); i++) {
                Object v = item.valueAt(i);
                if (v instanceof byte[]) {
                    n += 8 + ((byte[]) v).length;
                } else if (v instanceof Sequence) {
                    n += size((Sequence) v, depth + 1);
                } else if (v != null) {
                    return Long.MAX_VALUE / 4;
                }
                if (n > MAX_SEQUENCE_BYTES) {
                    return n;
                }
            }
        }
        return n;
    }

    /** Copies element {@code i} of {@code from} into {@code to} (same byte order), sequences deeply. */
    public static void copy(Attributes from, int i, Attributes to) {
        int tag = from.tagAt(i);
        VR vr = from.vrAt(i);
        Object v = from.valueAt(i);
        if (v instanceof Sequence) {
            Sequence src = (Sequence) v;
            Sequence dst = to.newSequence(tag, vr, src.size());
            dst.setUndefinedLength(src.isUndefinedLength());
            for (Attributes item : src) {
                Attributes copy = new Attributes(item.isBigEndian(), item.size());
                copy.addAll(item);
                dst.add(copy);
            }
        } else if (v instanceof byte[]) {
            to.setValue(tag, vr, ((byte[]) v).clone());
        } else {
            to.setValue(tag, vr, v);
        }
    }
}
