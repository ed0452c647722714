package org.lightbox.query.ui.internal.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.QueryLevel;
import org.lightbox.dicom.core.Tag;
import org.lightbox.query.FindRequest;

/**
 * What the query form asks for, as the user typed it: wildcards ({@code *}, {@code ?}) pass through, an empty field
 * is universal matching, dates may be typed {@code 20240105} or {@code 2024-01-05}, and the study date is a range
 * (either end may be open). Turns into the C-FIND identifiers of a study search in either model.
 *
 * @param modalities one or more modalities separated by spaces, commas or backslashes (list matching)
 */
public record QueryCriteria(String patientName, String patientId, String birthDate, String sex,
        String studyDateFrom, String studyDateTo, String studyTime, String accessionNumber, String studyId,
        String studyUid, String referringPhysician, String studyDescription, String modalities) {

    /** Nothing filled in: every study. */
    public static final QueryCriteria ANY = new QueryCriteria("", "", "", "", "", "", "", "", "", "", "", "", "");

    public QueryCriteria {
        patientName = trim(patientName);
        patientId = trim(patientId);
        birthDate = trim(birthDate);
        sex = trim(sex).toUpperCase(Locale.ROOT);
        studyDateFrom = trim(studyDateFrom);
        studyDateTo = trim(studyDateTo);
        studyTime = trim(studyTime);
        accessionNumber = trim(accessionNumber);
        studyId = trim(studyId);
        studyUid = trim(studyUid);
        referringPhysician = trim(referringPhysician);
        studyDescription = trim(studyDescription);
        modalities = trim(modalities).toUpperCase(Locale.ROOT);
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }

    /**
     * The study-level C-FIND of a Study Root search, or (in the patient-rooted models, where a study query needs
     * the patient) the study query of one patient found by {@link #patientRequest()}.
     *
     * @param patientId the patient the study query is for (patient-rooted models), ignored in Study Root
     * @throws IllegalArgumentException naming the field whose value is not a valid date, time or range
     */
    public FindRequest studyRequest(InformationModel model, String patientId) {
        FindRequest r = FindRequest.of(model, QueryLevel.STUDY);
        if (model == InformationModel.STUDY_ROOT) {
            patientKeys(r);
        } else {
            r.match(Tag.PatientID, patientId == null ? "" : patientId);
        }
        String range = dateRange("Study date", studyDateFrom, studyDateTo);
        r.match(Tag.StudyDate, range);
        r.match(Tag.StudyTime, time("Study time", studyTime));
        r.match(Tag.AccessionNumber, accessionNumber);
        r.match(Tag.StudyID, studyId);
        r.match(Tag.StudyInstanceUID, uids(studyUid));
        r.match(Tag.ReferringPhysicianName, referringPhysician);
        r.match(Tag.StudyDescription, studyDescription);
        r.match(Tag.ModalitiesInStudy, list(modalities));
        return r;
    }

    /** The patient-level C-FIND that starts a search in the patient-rooted models. */
    public FindRequest patientRequest(InformationModel model) {
        return patientKeys(FindRequest.of(model, QueryLevel.PATIENT));
    }

    /** True when a patient-rooted search has study-level conditions (else every study of a patient matches). */
    public boolean hasStudyConditions() {
        return !(studyDateFrom + studyDateTo + studyTime + accessionNumber + studyId + studyUid + referringPhysician
                + studyDescription + modalities).isEmpty();
    }

    private FindRequest patientKeys(FindRequest r) {
        r.match(Tag.PatientName, patientName);
        r.match(Tag.PatientID, patientId);
        r.match(Tag.PatientBirthDate, dateOrRange("Birth date", birthDate));
        r.match(Tag.PatientSex, sex);
        return r;
    }

    /** {@code from-to}, {@code from-}, {@code -to}, one date when both ends are equal, "" when both are empty. */
    static String dateRange(String field, String from, String to) {
        String f = date(field + " (from)", from);
        String t = date(field + " (to)", to);
        if (f.isEmpty() && t.isEmpty()) {
            return "";
        }
        if (f.equals(t)) {
            return f;
        }
        if (!f.isEmpty() && !t.isEmpty() && f.compareTo(t) > 0) {
            throw new IllegalArgumentException(field + ": the range starts (" + from + ") after it ends (" + to
                    + ")");
        }
        return f + "-" + t;
    }

    /** A date, or a range typed as {@code from-to} (either end open); wildcards are not allowed in dates. */
    static String dateOrRange(String field, String value) {
        if (value.isEmpty()) {
            return "";
        }
        // the range's dash is the one with a date (or nothing) on either side: not one inside 2024-01-05
        for (int i = value.indexOf('-'); i >= 0; i = value.indexOf('-', i + 1)) {
            String from = value.substring(0, i).strip();
            String to = value.substring(i + 1).strip();
            if ((from.isEmpty() || isDate(from)) && (to.isEmpty() || isDate(to)) && !(from + to).isEmpty()) {
                return dateRange(field, from, to);
            }
        }
        return date(field, value);
    }

    private static boolean isDate(String value) {
        try {
            date("", value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static String date(String field, String value) {
        if (value.isEmpty()) {
            return "";
        }
        String d = value.replace("-", "").replace(".", "").replace("/", "");
        if (d.length() != 8 || !d.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a date (YYYYMMDD or YYYY-MM-DD)");
        }
        int month = Integer.parseInt(d.substring(4, 6));
        int day = Integer.parseInt(d.substring(6, 8));
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw new IllegalArgumentException(field + ": '" + value + "' is not a date (month or day out of range)");
        }
        return d;
    }

    /** A time or time range ({@code 0800-1200}, {@code 08:00-}); colons are dropped. */
    static String time(String field, String value) {
        if (value.isEmpty()) {
            return "";
        }
        String t = value.replace(":", "").replace(" ", "");
        for (String part : t.split("-", -1)) {
            if (!part.isEmpty() && !part.matches("\\d{2,6}(\\.\\d{1,6})?")) {
                throw new IllegalArgumentException(field + ": '" + value + "' is not a time or time range (HHMM, "
                        + "HH:MM:SS, 0800-1200)");
            }
        }
        if (t.chars().filter(c -> c == '-').count() > 1) {
            throw new IllegalArgumentException(field + ": '" + value + "' has more than one '-'");
        }
        return t;
    }

    /** Values separated by backslashes, commas or spaces: several values are list matching. */
    static String[] list(String value) {
        List<String> out = new ArrayList<>();
        for (String v : value.split("[\\\\,\\s]+")) {
            if (!v.isEmpty()) {
                out.add(v);
            }
        }
        return out.toArray(String[]::new);
    }

    private static String[] uids(String value) {
        String[] u = list(value);
        for (String uid : u) {
            if (!uid.matches("[0-9.]{1,64}")) {
                throw new IllegalArgumentException("Study UID: '" + uid + "' is not a UID (digits and dots; no "
                        + "wildcards in UIDs)");
            }
        }
        return u;
    }
}
