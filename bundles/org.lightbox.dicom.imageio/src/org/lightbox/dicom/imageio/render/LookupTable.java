package org.lightbox.dicom.imageio.render;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;

/**
 * A LUT of the Modality LUT, VOI LUT or palette kind (PS3.3 C.11.1, C.11.2, C.7.6.3.1.5): a descriptor (number of
 * entries, first input value mapped, bits per entry) and the entries. Inputs below the first mapped value take the
 * first entry, inputs past the end take the last.
 */
public final class LookupTable {

    private final int firstMapped;
    private final int bits;
    private final int[] entries;

    public LookupTable(int firstMapped, int bits, int[] entries) {
        if (entries.length == 0) {
            throw new IllegalArgumentException("a LUT needs at least one entry");
        }
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("LUT entries of " + bits + " bits");
        }
        this.firstMapped = firstMapped;
        this.bits = bits;
        this.entries = entries.clone();
    }

    /**
     * The LUT of an item of the Modality or VOI LUT Sequence, or of a data set with palette descriptors:
     * {@code descriptorTag} and {@code dataTag} name where they are. {@code signedInput} says whether the first
     * mapped value is signed (it follows Pixel Representation of the image).
     */
    public static LookupTable of(Attributes item, int descriptorTag, int dataTag, boolean signedInput) {
        int[] d = item.getInts(descriptorTag);
        if (d == null || d.length < 3) {
            throw new IllegalArgumentException("LUT descriptor " + Tag.toString(descriptorTag) + " missing or short");
        }
        int count = d[0] == 0 ? 65536 : d[0] & 0xFFFF;
        int first = signedInput ? (short) d[1] : d[1] & 0xFFFF;
        int bits = d[2];
        int[] data = item.getInts(dataTag);
        if (data == null) {
            throw new IllegalArgumentException("LUT data " + Tag.toString(dataTag) + " missing");
        }
        if (bits <= 8 && data.length * 2 >= count && data.length < count) {
            data = unpackBytes(data, count); // 8-bit entries packed two to a 16-bit word (OW data)
        }
        if (data.length < count) {
            throw new IllegalArgumentException("LUT data " + Tag.toString(dataTag) + " has " + data.length
                    + " entries, the descriptor says " + count);
        }
        int[] entries = new int[count];
        for (int i = 0; i < count; i++) {
            entries[i] = data[i] & 0xFFFF;
        }
        if (bits < 1 || bits > 16) {
            throw new IllegalArgumentException("LUT descriptor " + Tag.toString(descriptorTag) + " gives " + bits
                    + " bits per entry");
        }
        return new LookupTable(first, bits, entries);
    }

    private static int[] unpackBytes(int[] words, int count) {
        int[] bytes = new int[count];
        for (int i = 0; i < count; i++) {
            int w = words[i / 2];
            bytes[i] = (i % 2 == 0 ? w : w >> 8) & 0xFF;
        }
        return bytes;
    }

    /** The entry for input {@code x}. */
    public int lookup(int x) {
        int i = x - firstMapped;
        if (i <= 0) {
            return entries[0];
        }
        return i >= entries.length ? entries[entries.length - 1] : entries[i];
    }

    /** The largest value an entry can hold: {@code 2^bits - 1}. */
    public int maxOutput() {
        return (1 << bits) - 1;
    }

    public int size() {
        return entries.length;
    }
}
