package org.lightbox.dicom.core;

/**
 * A closed interval of dates, times or date-times as DICOM query matching uses them (PS3.4 C.2.2.2.5); a
 * {@code null} bound is open. A single partial value ("2020" in a DT) is the range of every instant it denotes.
 */
public record TemporalRange<T extends Comparable<? super T>>(T lower, T upper) {

    /** True when {@code value} lies within the range, bounds included. */
    public boolean contains(T value) {
        return (lower == null || lower.compareTo(value) <= 0) && (upper == null || upper.compareTo(value) >= 0);
    }
}
