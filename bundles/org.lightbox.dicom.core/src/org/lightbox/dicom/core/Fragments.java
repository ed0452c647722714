package org.lightbox.dicom.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encapsulated pixel data (PS3.5 A.4): a list of fragments, each a byte array or a {@link BulkDataReference}. The
 * first fragment is the Basic Offset Table (possibly empty). The Extended Offset Table is not part of this value:
 * it lives in the ordinary attributes (7FE0,0001) and (7FE0,0002).
 */
public final class Fragments {

    private final VR vr;
    private final List<Object> fragments;

    public Fragments(VR vr, int initialCapacity) {
        if (vr != VR.OB && vr != VR.OW && vr != VR.UN) {
            throw new IllegalArgumentException("encapsulated pixel data must be OB or OW, not " + vr);
        }
        this.vr = vr;
        this.fragments = new ArrayList<>(initialCapacity);
    }

    public VR vr() {
        return vr;
    }

    public int size() {
        return fragments.size();
    }

    /** The fragment at {@code index}: a {@code byte[]} or a {@link BulkDataReference}. */
    public Object get(int index) {
        return fragments.get(index);
    }

    /** The length in bytes of the fragment at {@code index}. */
    public long length(int index) {
        Object f = fragments.get(index);
        return f instanceof byte[] ? ((byte[]) f).length : ((BulkDataReference) f).length();
    }

    /** The bytes of the fragment at {@code index}, read from its file when it is a reference. */
    public byte[] bytes(int index) {
        Object f = fragments.get(index);
        if (f instanceof byte[]) {
            return (byte[]) f;
        }
        try {
            return ((BulkDataReference) f).readBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void add(byte[] fragment) {
        fragments.add(checkEven(Objects.requireNonNull(fragment).length, fragment));
    }

    public void add(BulkDataReference fragment) {
        fragments.add(checkEven(Objects.requireNonNull(fragment).length(), fragment));
    }

    private static Object checkEven(long length, Object fragment) {
        if ((length & 1) != 0) {
            throw new IllegalArgumentException("fragment of odd length " + length);
        }
        return fragment;
    }

    /**
     * The Basic Offset Table: the offset of each frame's first fragment, relative to the first byte of the first
     * item after the table; empty when the table is empty (or there are no fragments). The table is always little
     * endian, as every encapsulated transfer syntax is.
     */
    public long[] basicOffsetTable() {
        if (fragments.isEmpty()) {
            return new long[0];
        }
        byte[] t = bytes(0);
        long[] offsets = new long[t.length / 4];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = org.lightbox.dicom.core.internal.Endian.getInt(t, i * 4, false) & 0xFFFFFFFFL;
        }
        return offsets;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Fragments) || ((Fragments) o).vr != vr || ((Fragments) o).size() != size()) {
            return false;
        }
        Fragments other = (Fragments) o;
        for (int i = 0; i < fragments.size(); i++) {
            if (!Attributes.valueEquals(fragments.get(i), other.fragments.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return vr.hashCode() * 31 + fragments.size();
    }

    @Override
    public String toString() {
        return "encapsulated " + vr + " pixel data with " + fragments.size() + " fragment(s)";
    }
}
