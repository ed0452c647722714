package org.lightbox.dicom.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.util.Arrays;

import org.lightbox.dicom.core.charset.SpecificCharacterSet;
import org.lightbox.dicom.core.internal.Endian;
import org.lightbox.dicom.core.internal.StringValues;

/**
 * The storage half of {@link Attributes}: data elements sorted by tag in parallel arrays, raw value access,
 * structure (sequences, parent links), private blocks and the character set. The typed value accessors are in
 * {@link Attributes}; the split keeps each concern in a file of readable size.
 */
abstract class ElementStore {

    private static final System.Logger LOG = System.getLogger(Attributes.class.getName());
    private static final int SPECIFIC_CHARACTER_SET = 0x00080005;

    int[] tags;
    VR[] vrs;
    Object[] values;
    int size;
    final boolean bigEndian;
    Sequence container;
    boolean undefinedLength = true;
    private SpecificCharacterSet ownCharset; // from this item's own (0008,0005), resolved lazily

    ElementStore(boolean bigEndian, int initialCapacity) {
        int n = Math.max(initialCapacity, 4);
        this.tags = new int[n];
        this.vrs = new VR[n];
        this.values = new Object[n];
        this.bigEndian = bigEndian;
    }

    /** True when binary values are stored big endian (read from, or meant for, Explicit VR Big Endian). */
    public boolean isBigEndian() {
        return bigEndian;
    }

    /** The data set containing the sequence this item belongs to; {@code null} for a top-level data set. */
    public Attributes parent() {
        return container == null ? null : container.parent();
    }

    /** The sequence this item belongs to, or {@code null}. */
    public Sequence parentSequence() {
        return container;
    }

    void attachTo(Sequence sequence) {
        if (sequence != null && container != null && container != sequence) {
            throw new IllegalStateException("item already belongs to sequence " + Tag.toString(container.tag()));
        }
        container = sequence;
    }

    /** As a sequence item: true when encoded with undefined length and an item delimitation item. */
    public boolean isUndefinedLength() {
        return undefinedLength;
    }

    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    // ------------------------------------------------------------------ element access by position

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int tagAt(int index) {
        checkIndex(index);
        return tags[index];
    }

    public VR vrAt(int index) {
        checkIndex(index);
        return vrs[index];
    }

    /** The value at {@code index}: {@code null} (empty), byte[], Sequence, Fragments or BulkDataReference. */
    public Object valueAt(int index) {
        checkIndex(index);
        return values[index];
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
    }

    /** The index of {@code tag}, or {@code -(insertion point) - 1} when absent (tags compare unsigned). */
    public int indexOf(int tag) {
        int lo = 0;
        int hi = size - 1;
        if (hi >= 0 && tags[hi] == tag) {
            return hi;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compareUnsigned(tags[mid], tag);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** True when {@code tag} is present with a non-empty value. */
    public boolean containsValue(int tag) {
        int i = indexOf(tag);
        if (i < 0 || values[i] == null) {
            return false;
        }
        Object v = values[i];
        return !(v instanceof byte[] && ((byte[]) v).length == 0)
                && !(v instanceof Sequence && ((Sequence) v).isEmpty());
    }

    /** The VR of {@code tag}, or {@code null} when absent. */
    public VR getVR(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : vrs[i];
    }

    /** The stored value of {@code tag} (see {@link #valueAt}), or {@code null} when absent or empty. */
    public Object getValue(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : values[i];
    }

    /**
     * The raw value bytes of {@code tag} in this data set's byte order, read from the file for a bulk data
     * reference; {@code null} when absent, empty, a sequence or fragments. The returned array is the stored one:
     * do not modify it.
     */
    public byte[] getBytes(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : bytesOf(values[i]);
    }

    static byte[] bytesOf(Object v) {
        if (v instanceof byte[]) {
            return (byte[]) v;
        }
        if (v instanceof BulkDataReference) {
            try {
                return ((BulkDataReference) v).readBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }

    public BulkDataReference getBulkDataReference(int tag) {
        Object v = getValue(tag);
        return v instanceof BulkDataReference ? (BulkDataReference) v : null;
    }

    public Sequence getSequence(int tag) {
        Object v = getValue(tag);
        return v instanceof Sequence ? (Sequence) v : null;
    }

    /** The first item of sequence {@code tag}, or {@code null}. */
    public Attributes getNestedDataset(int tag) {
        Sequence s = getSequence(tag);
        return s == null || s.isEmpty() ? null : s.get(0);
    }

    public Fragments getFragments(int tag) {
        Object v = getValue(tag);
        return v instanceof Fragments ? (Fragments) v : null;
    }

    // ------------------------------------------------------------------ character set and private elements

    /**
     * The character set for the text values of this item: its own (0008,0005), else the one of the enclosing data
     * set, else the default repertoire. An unknown defined term is logged and the default repertoire used.
     */
    public SpecificCharacterSet specificCharacterSet() {
        if (ownCharset == null) {
            int i = indexOf(SPECIFIC_CHARACTER_SET);
            if (i < 0 || values[i] == null) {
                Attributes p = parent();
                return p == null ? SpecificCharacterSet.DEFAULT : p.specificCharacterSet();
            }
            ownCharset = resolveCharset(bytesOf(values[i]));
        }
        return ownCharset;
    }

    private static SpecificCharacterSet resolveCharset(byte[] value) {
        String[] terms = StringValues.split(StringValues.ascii(value, 0, value.length), VR.CS);
        try {
            return terms.length == 0 ? SpecificCharacterSet.DEFAULT : SpecificCharacterSet.of(terms);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Specific Character Set {0}: {1}; using the default repertoire",
                    String.join("\\", terms), e.getMessage());
            return SpecificCharacterSet.DEFAULT;
        }
    }

    /**
     * The tag of private element {@code tag} in the block reserved by {@code creator}: {@code tag} gives the group
     * and, in its low 8 bits, the element within the block, e.g. {@code privateTag("ACME 1.0", 0x00291001)} finds
     * (0029,xx01) where (0029,00xx) is "ACME 1.0". Returns -1 when no block of that creator exists.
     */
    public int privateTag(String creator, int tag) {
        int group = tag & 0xFFFF0000;
        int i = indexOf(group | 0x10);
        for (i = i < 0 ? -i - 1 : i; i < size && Integer.compareUnsigned(tags[i], group | 0xFF) <= 0; i++) {
            if (creator.equals(stringAt(i))) {
                return group | (tags[i] & 0xFF) << 8 | (tag & 0xFF);
            }
        }
        return -1;
    }

    /** Like {@link #privateTag}, but reserves a block for {@code creator} (adds its creator element) if needed. */
    public int reservePrivateTag(String creator, int tag) {
        if ((tag & 0x10000) == 0) {
            throw new IllegalArgumentException(Tag.toString(tag) + " is not in a private (odd) group");
        }
        int found = privateTag(creator, tag);
        if (found != -1) {
            return found;
        }
        int group = tag & 0xFFFF0000;
        for (int block = 0x10; block <= 0xFF; block++) {
            if (!contains(group | block)) {
                setValue(group | block, VR.LO, StringValues.padToEven(
                        creator.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), ' '));
                return group | block << 8 | (tag & 0xFF);
            }
        }
        throw new IllegalStateException("no free private block in group " + Integer.toHexString(group >>> 16));
    }

    /** The creator of private element {@code tag} ((gggg,00xx) for (gggg,xxee)), or {@code null}. */
    public String privateCreatorOf(int tag) {
        if ((tag & 0x10000) == 0 || (tag & 0xFFFF) < 0x1000) {
            return null;
        }
        int i = indexOf(Tag.privateCreatorOf(tag));
        return i < 0 ? null : stringAt(i);
    }

    /** The first value at {@code index} as a trimmed string (default repertoire only: creators, UIDs, codes). */
    String stringAt(int index) {
        byte[] b = bytesOf(values[index]);
        if (b == null) {
            return null;
        }
        String[] s = StringValues.split(StringValues.ascii(b, 0, b.length), vrs[index]);
        return s.length == 0 ? "" : s[0];
    }

    // ------------------------------------------------------------------ modification

    /**
     * Sets the value of {@code tag}: {@code null} (empty), a byte[] encoded in this data set's byte order, a
     * {@link BulkDataReference}, or {@link Fragments}. Replaces an existing element. Appending in ascending tag
     * order (as a parser does) costs O(1).
     */
    public void setValue(int tag, VR vr, Object value) {
        if (value != null && !(value instanceof byte[]) && !(value instanceof BulkDataReference)
                && !(value instanceof Fragments)) {
            throw new IllegalArgumentException("unsupported value type " + value.getClass().getName()
                    + (value instanceof Sequence ? " (use newSequence)" : ""));
        }
        put(tag, vr, value);
    }

    void put(int tag, VR vr, Object value) {
        if (vr == null) {
            throw new NullPointerException("vr");
        }
        if (tag == SPECIFIC_CHARACTER_SET) {
            ownCharset = null;
        }
        int i;
        if (size == 0 || Integer.compareUnsigned(tag, tags[size - 1]) > 0) {
            i = size;
        } else {
            i = indexOf(tag);
            if (i >= 0) {
                detach(values[i]);
                vrs[i] = vr;
                values[i] = value;
                return;
            }
            i = -i - 1;
        }
        if (size == tags.length) {
            int n = size + (size >> 1) + 4;
            tags = Arrays.copyOf(tags, n);
            vrs = Arrays.copyOf(vrs, n);
            values = Arrays.copyOf(values, n);
        }
        if (i < size) {
            System.arraycopy(tags, i, tags, i + 1, size - i);
            System.arraycopy(vrs, i, vrs, i + 1, size - i);
            System.arraycopy(values, i, values, i + 1, size - i);
        }
        tags[i] = tag;
        vrs[i] = vr;
        values[i] = value;
        size++;
    }

    private static void detach(Object old) {
        if (old instanceof Sequence) {
            for (Attributes item : ((Sequence) old).items()) {
                item.attachTo(null);
            }
        }
    }

    /** Sets an empty value. */
    public void setNull(int tag, VR vr) {
        put(tag, vr, null);
    }

    /** Sets raw value bytes (this data set's byte order); an odd length is padded with the VR's padding byte. */
    public void setBytes(int tag, VR vr, byte[] value) {
        put(tag, vr, StringValues.padToEven(value, vr.paddingByte()));
    }

    /** Creates an empty sequence (VR SQ) at {@code tag}, replacing any value, and returns it. */
    public Sequence newSequence(int tag) {
        return newSequence(tag, VR.SQ, 4);
    }

    /**
     * Creates an empty sequence with VR SQ, or UN for a sequence of unknown VR (encoded with undefined length and
     * implicit VR little endian items, PS3.5 6.2.2).
     */
    public Sequence newSequence(int tag, VR vr, int initialCapacity) {
        if (vr != VR.SQ && vr != VR.UN) {
            throw new IllegalArgumentException("a sequence has VR SQ or UN, not " + vr);
        }
        Sequence s = new Sequence((Attributes) this, tag, initialCapacity);
        put(tag, vr, s);
        return s;
    }

    /** Creates empty encapsulated pixel data at {@code tag} and returns it. */
    public Fragments newFragments(int tag, VR vr, int initialCapacity) {
        Fragments f = new Fragments(vr, initialCapacity);
        put(tag, vr, f);
        return f;
    }

    /** Removes {@code tag}; returns its value, or {@code null} when it was absent or empty. */
    public Object remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        Object old = values[i];
        detach(old);
        System.arraycopy(tags, i + 1, tags, i, size - i - 1);
        System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        values[size] = null;
        if (tag == SPECIFIC_CHARACTER_SET) {
            ownCharset = null;
        }
        return old;
    }

    /**
     * Copies every element of {@code other} into this data set (deep: sequences and arrays are copied), converting
     * binary values to this data set's byte order.
     */
    public void addAll(Attributes other) {
        for (int i = 0; i < other.size; i++) {
            VR vr = other.vrs[i];
            Object v = other.values[i];
            if (v instanceof Sequence) {
                Sequence src = (Sequence) v;
                Sequence dst = newSequence(other.tags[i], vr, src.size());
                dst.setUndefinedLength(src.isUndefinedLength());
                for (Attributes item : src) {
                    // items of a UN sequence are implicit VR little endian whatever the data set's byte order
                    Attributes copy = new Attributes(vr == VR.UN ? item.bigEndian : bigEndian, item.size);
                    copy.undefinedLength = item.undefinedLength;
                    copy.addAll(item);
                    dst.add(copy);
                }
            } else if (v instanceof Fragments) {
                Fragments src = (Fragments) v;
                Fragments dst = newFragments(other.tags[i], vr, src.size());
                for (int k = 0; k < src.size(); k++) {
                    Object f = src.get(k);
                    if (f instanceof byte[]) {
                        dst.add(((byte[]) f).clone());
                    } else {
                        dst.add((BulkDataReference) f);
                    }
                }
            } else if (v instanceof byte[]) {
                byte[] b = ((byte[]) v).clone();
                if (other.bigEndian != bigEndian) {
                    Endian.swap(b, 0, b.length, Endian.swapUnit(vr));
                }
                put(other.tags[i], vr, b);
            } else if (v instanceof BulkDataReference && other.bigEndian != bigEndian && Endian.swapUnit(vr) > 1) {
                byte[] b = bytesOf(v); // a reference cannot change byte order: load it
                Endian.swap(b, 0, b.length, Endian.swapUnit(vr));
                put(other.tags[i], vr, b);
            } else {
                put(other.tags[i], vr, v);
            }
        }
    }

    // ------------------------------------------------------------------ object methods

    /** Equal when both hold the same tags, VRs and encoded values in the same byte order. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ElementStore)) {
            return false;
        }
        ElementStore a = (ElementStore) o;
        if (a.size != size || a.bigEndian != bigEndian) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (tags[i] != a.tags[i] || vrs[i] != a.vrs[i] || !valueEquals(values[i], a.values[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean valueEquals(Object x, Object y) {
        if (x instanceof byte[] && y instanceof byte[]) {
            return Arrays.equals((byte[]) x, (byte[]) y);
        }
        if (x instanceof byte[] && ((byte[]) x).length == 0) {
            return y == null;
        }
        if (y instanceof byte[] && ((byte[]) y).length == 0) {
            return x == null;
        }
        return x == null ? y == null : x.equals(y);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = h * 31 + tags[i];
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int n = Math.min(size, 50);
        for (int i = 0; i < n; i++) {
            sb.append(Tag.toString(tags[i])).append(' ').append(vrs[i]).append(' ');
            Object v = values[i];
            if (v instanceof byte[] && vrs[i].isStringLike()) {
                byte[] b = (byte[]) v;
                sb.append('[').append(StringValues.ascii(b, 0, Math.min(b.length, 64))).append(']');
            } else if (v instanceof byte[]) {
                sb.append(((byte[]) v).length).append(" bytes");
            } else {
                sb.append(v);
            }
            sb.append('\n');
        }
        if (n < size) {
            sb.append("... ").append(size - n).append(" more\n");
        }
        return sb.toString();
    }
}
