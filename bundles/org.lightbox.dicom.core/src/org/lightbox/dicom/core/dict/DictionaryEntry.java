package org.lightbox.dicom.core.dict;

import java.util.List;

import org.lightbox.dicom.core.VR;

/**
 * One data element of the PS3.6 data dictionary. {@code mask} has a 1 bit for every tag bit that must match:
 * {@code 0xFFFFFFFF} for an ordinary tag, {@code 0xFF01FFFF} for the even groups of a repeating group such as 60xx,
 * {@code 0xFFFFFF0F} for (0028,04x0). For a masked element {@code tag} is its first instance ((6000,0010),
 * (0028,0410)), the value of the {@code Tag} constant.
 *
 * @param vrs the VRs the standard allows, in its order ("US or SS"); empty for items and delimiters
 * @param vm the value multiplicity as the standard writes it ("1", "1-n", "2-2n")
 */
public record DictionaryEntry(int tag, int mask, String keyword, String name, List<VR> vrs, String vm,
        boolean retired) {

    public DictionaryEntry {
        vrs = List.copyOf(vrs);
    }

    /** True when {@code t} is covered by this entry. */
    public boolean matches(int t) {
        return (t & mask) == (tag & mask);
    }

    /** The first VR, or {@code null} for items and delimiters, which have no VR. */
    public VR vr() {
        return vrs.isEmpty() ? null : vrs.get(0);
    }
}
