package org.lightbox.query.ui.internal.remote;

import java.util.List;

import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.storage.ui.PersonNames;

/**
 * A column of the result tree: which key it shows at the study, series and image level (0: nothing at that level).
 * Together they show every key the seed lists for its queries and what a series or instance row needs.
 */
public record ResultColumn(String title, int width, int studyTag, int seriesTag, int imageTag) {

    public static final List<ResultColumn> ALL = List.of(
            new ResultColumn("Patient / Series / Instance", 200, Tag.PatientName, Tag.SeriesNumber,
                    Tag.InstanceNumber),
            new ResultColumn("Patient ID", 90, Tag.PatientID, 0, 0),
            new ResultColumn("Birth Date", 80, Tag.PatientBirthDate, 0, 0),
            new ResultColumn("Sex", 35, Tag.PatientSex, 0, 0),
            new ResultColumn("Study Date", 80, Tag.StudyDate, 0, 0),
            new ResultColumn("Time", 60, Tag.StudyTime, 0, 0),
            new ResultColumn("Accession", 80, Tag.AccessionNumber, 0, 0),
            new ResultColumn("Study ID", 60, Tag.StudyID, 0, 0),
            new ResultColumn("Referring Physician", 120, Tag.ReferringPhysicianName, 0, 0),
            new ResultColumn("Description", 160, Tag.StudyDescription, Tag.SeriesDescription, 0),
            new ResultColumn("Modality", 70, Tag.ModalitiesInStudy, Tag.Modality, 0),
            new ResultColumn("Series", 50, Tag.NumberOfStudyRelatedSeries, 0, 0),
            new ResultColumn("Instances", 60, Tag.NumberOfStudyRelatedInstances, Tag.NumberOfSeriesRelatedInstances,
                    0),
            new ResultColumn("SOP Class", 160, 0, 0, Tag.SOPClassUID),
            new ResultColumn("UID", 220, Tag.StudyInstanceUID, Tag.SeriesInstanceUID, Tag.SOPInstanceUID));

    public int tag(QueryLevel level) {
        return switch (level) {
            case STUDY, PATIENT -> studyTag;
            case SERIES -> seriesTag;
            case IMAGE -> imageTag;
        };
    }

    /** The cell text of {@code row}: values joined with ", ", names with spaces for carets, dates with dashes. */
    public String text(RemoteNode row) {
        int tag = tag(row.level());
        if (tag == 0) {
            return "";
        }
        String text = text(row.match(), tag);
        if (this == ALL.get(0) && row.level() != QueryLevel.STUDY) {
            return (row.level() == QueryLevel.SERIES ? "Series " : "Instance ") + text;
        }
        return text;
    }

    static String text(Attributes a, int tag) {
        String[] v = a.getStrings(tag);
        if (v == null || v.length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String s : v) {
            if (s == null || s.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(", ");
            }
            if (tag == Tag.PatientName || tag == Tag.ReferringPhysicianName) {
                sb.append(PersonNames.display(s));
            } else if ((tag == Tag.StudyDate || tag == Tag.PatientBirthDate) && s.length() == 8) {
                sb.append(s, 0, 4).append('-').append(s, 4, 6).append('-').append(s, 6, 8);
            } else if (tag == Tag.StudyTime && s.length() >= 4) {
                sb.append(s, 0, 2).append(':').append(s, 2, 4);
            } else {
                sb.append(s);
            }
        }
        return sb.toString();
    }
}
