package org.lightbox.dicom.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The value of a sequence element: an ordered list of items, each an {@link Attributes} whose parent is the data
 * set that holds this sequence (so nested items inherit its Specific Character Set). Remembers whether it was
 * encoded with undefined length, so that writing it back reproduces the original bytes.
 */
public final class Sequence implements Iterable<Attributes> {

    private final Attributes parent;
    private final int tag;
    private final ArrayList<Attributes> items;
    private boolean undefinedLength = true;

    Sequence(Attributes parent, int tag, int initialCapacity) {
        this.parent = parent;
        this.tag = tag;
        this.items = new ArrayList<>(initialCapacity);
    }

    /** The data set (or item) that contains this sequence. */
    public Attributes parent() {
        return parent;
    }

    public int tag() {
        return tag;
    }

    public int size() {
        return items.size();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public Attributes get(int index) {
        return items.get(index);
    }

    /** The items, unmodifiable. */
    public List<Attributes> items() {
        return Collections.unmodifiableList(items);
    }

    @Override
    public Iterator<Attributes> iterator() {
        return items().iterator();
    }

    /** Appends a new empty item in the byte order of the parent data set and returns it. */
    public Attributes addItem() {
        Attributes item = new Attributes(parent.isBigEndian(), 8);
        add(item);
        return item;
    }

    /** Appends {@code item}, which must not belong to another sequence. */
    public void add(Attributes item) {
        item.attachTo(this);
        items.add(item);
    }

    /** Removes and detaches the item at {@code index}. */
    public Attributes remove(int index) {
        Attributes item = items.remove(index);
        item.attachTo(null);
        return item;
    }

    /** True when the sequence was (or will be) encoded with undefined length and a delimitation item. */
    public boolean isUndefinedLength() {
        return undefinedLength;
    }

    public void setUndefinedLength(boolean undefinedLength) {
        this.undefinedLength = undefinedLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sequence && ((Sequence) o).tag == tag && ((Sequence) o).items.equals(items);
    }

    @Override
    public int hashCode() {
        return tag * 31 + items.hashCode();
    }

    @Override
    public String toString() {
        return Tag.toString(tag) + " sequence of " + items.size() + " item(s)";
    }
}
