package org.lightbox.storage.ui.internal.browser;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.lightbox.catalog.FindQuery;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.catalog.QueryOptions;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

/**
 * What the browser's search bar asks for, as a study-level C-FIND identifier: the catalog then matches exactly as
 * it answers a peer's C-FIND (wildcards '*' and '?' in names and IDs, a Study Date range, any of the Modalities in
 * Study). Person names match ignoring case, as staff type them in any case. Empty fields match everything.
 *
 * @param patientName Patient's Name, DICOM form with optional wildcards ({@code DOE^J*})
 * @param patientId   Patient ID, optional wildcards
 * @param from        first Study Date, or {@code null}
 * @param to          last Study Date, or {@code null}
 * @param modality    one modality (CT, MR, ...), or empty
 */
public record StudySearch(String patientName, String patientId, LocalDate from, LocalDate to, String modality) {

    /** Everything. */
    public static final StudySearch ALL = new StudySearch("", "", null, null, "");

    private static final DateTimeFormatter DA = DateTimeFormatter.BASIC_ISO_DATE;

    public StudySearch {
        patientName = patientName == null ? "" : patientName.strip();
        patientId = patientId == null ? "" : patientId.strip();
        modality = modality == null ? "" : modality.strip().toUpperCase(Locale.ROOT);
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("the date range starts (" + from + ") after it ends (" + to + ")");
        }
    }

    /** The identifier and options the catalog answers. */
    public FindQuery query() {
        Attributes keys = new Attributes();
        // the typed name may hold any character: UTF-8 carries it to the catalog's matching unchanged
        keys.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        keys.setString(Tag.QueryRetrieveLevel, VR.CS, "STUDY");
        keys.setString(Tag.PatientName, VR.PN, patientName);
        keys.setString(Tag.PatientID, VR.LO, patientId);
        keys.setString(Tag.StudyDate, VR.DA, dateRange());
        keys.setString(Tag.ModalitiesInStudy, VR.CS, modality);
        keys.setString(Tag.StudyInstanceUID, VR.UI, "");
        return new FindQuery(InformationModel.STUDY_ROOT, QueryLevel.STUDY, keys,
                QueryOptions.DEFAULT.withCaseInsensitivePersonNames(true));
    }

    /** The Study Date key: "from-to", "from-", "-to", or empty (PS3.4 C.2.2.2.5 range matching). */
    String dateRange() {
        if (from == null && to == null) {
            return "";
        }
        return (from == null ? "" : DA.format(from)) + "-" + (to == null ? "" : DA.format(to));
    }

    /**
     * A date as typed in the search bar: YYYYMMDD (DICOM) or YYYY-MM-DD; blank is no date.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static LocalDate parseDate(String text, String which) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return t.length() == 8 ? LocalDate.parse(t, DA) : LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the " + which + " date \"" + t + "\" is not a date: use YYYYMMDD or "
                    + "YYYY-MM-DD");
        }
    }
}
