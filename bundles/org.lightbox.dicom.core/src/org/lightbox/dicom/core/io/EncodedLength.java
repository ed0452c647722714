package org.lightbox.dicom.core.io;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.BulkDataReference;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.VR;

/**
 * Encoded lengths of elements, items and sequences in explicit or implicit VR, as {@link DicomWriter} writes them:
 * what defined-length sequences, items and group lengths need, and what the dump prints.
 */
final class EncodedLength {

    private EncodedLength() {
    }

    /** The length of the value of element {@code i} (for a sequence: its items, without its delimiter). */
    static long valueLength(Attributes a, int i, boolean explicitVR) {
        Object value = a.valueAt(i);
        if (value instanceof Sequence) {
            return itemsLength((Sequence) value, a.vrAt(i) == VR.UN ? false : explicitVR);
        }
        if (value instanceof Fragments) {
            Fragments f = (Fragments) value;
            long length = 8;
            for (int k = 0; k < f.size(); k++) {
                length += 8 + f.length(k);
            }
            return length;
        }
        return plainLength(value);
    }

    static long plainLength(Object value) {
        return value == null ? 0
                : value instanceof byte[] ? ((byte[]) value).length : ((BulkDataReference) value).length();
    }

    /** Header plus value of element {@code i}, delimiters included. */
    static long elementLength(Attributes a, int i, boolean explicitVR) {
        VR vr = a.vrAt(i);
        Object value = a.valueAt(i);
        if (value instanceof Sequence) {
            Sequence seq = (Sequence) value;
            boolean un = vr == VR.UN;
            return (explicitVR ? 12 : 8) + itemsLength(seq, !un && explicitVR)
                    + (un || seq.isUndefinedLength() ? 8 : 0);
        }
        if (value instanceof Fragments) {
            return (explicitVR ? 12 : 8) + valueLength(a, i, explicitVR);
        }
        long len = plainLength(value);
        return (explicitVR && (vr.hasLongHeader() || len > 0xFFFF) ? 12 : 8) + len;
    }

    static long elementsLength(Attributes a, boolean explicitVR) {
        long length = 0;
        for (int i = 0, n = a.size(); i < n; i++) {
            length += elementLength(a, i, explicitVR);
        }
        return length;
    }

    /** The items of {@code seq} with their headers and the delimiters of undefined-length items. */
    static long itemsLength(Sequence seq, boolean explicitVR) {
        long length = 0;
        for (Attributes item : seq) {
            length += 8 + elementsLength(item, explicitVR) + (item.isUndefinedLength() ? 8 : 0);
        }
        return length;
    }

    /** The length of the elements after index {@code i} in the same group: the value of group length (gggg,0000). */
    static long groupLength(Attributes a, int i, boolean explicitVR) {
        int group = a.tagAt(i) >>> 16;
        long length = 0;
        for (int k = i + 1; k < a.size() && a.tagAt(k) >>> 16 == group; k++) {
            length += elementLength(a, k, explicitVR);
        }
        return length;
    }
}
