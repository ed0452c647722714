package org.lightbox.catalog;

/** The Query/Retrieve Level (0008,0052) of a query, from the top of the hierarchy down. */
public enum QueryLevel {
    PATIENT, STUDY, SERIES, IMAGE;

    /** The level named by a (0008,0052) value ("STUDY"), or {@code null} when it is not one. */
    public static QueryLevel of(String value) {
        if (value == null) {
            return null;
        }
        switch (value.strip()) {
            case "PATIENT":
                return PATIENT;
            case "STUDY":
                return STUDY;
            case "SERIES":
                return SERIES;
            case "IMAGE":
                return IMAGE;
            default:
                return null;
        }
    }
}
