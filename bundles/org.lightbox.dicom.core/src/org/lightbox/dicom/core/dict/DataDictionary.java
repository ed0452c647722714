package org.lightbox.dicom.core.dict;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

/**
 * The public data dictionary: keyword, name, VR(s), VM and retired flag of every standard data element, loaded
 * once from the generated resource {@code data-dictionary.txt} (see releng/dictgen). Lookups by tag try the exact
 * tags first, then the masked entries of the standard (repeating groups 50xx/60xx/7Fxx, (0028,04x0),
 * (1000,xxx0), ...). Immutable and safe for concurrent use.
 */
public final class DataDictionary {

    private static final String RESOURCE = "data-dictionary.txt";

    /** Lazy, thread-safe loading through class initialisation of the holder. */
    private static final class Standard {
        static final DataDictionary INSTANCE = load();

        private static DataDictionary load() {
            try (InputStream in = DataDictionary.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing next to "
                            + DataDictionary.class.getName());
                }
                return new DataDictionary(DictionaryResourceParser.parse(in.readAllBytes(), RESOURCE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    /** An explicit class, not a lambda: lambda bootstrap would cost milliseconds of the cold load. */
    private static final Comparator<DictionaryEntry> MORE_SPECIFIC_FIRST = new Comparator<>() {
        @Override
        public int compare(DictionaryEntry a, DictionaryEntry b) {
            return Integer.compare(Integer.bitCount(b.mask()), Integer.bitCount(a.mask()));
        }
    };

    private final List<DictionaryEntry> entries;
    private final TagTable exact;
    private final DictionaryEntry[] masked;
    /** {@code masked[i].tag() & masked[i].mask()}, precomputed for the scan. */
    private final int[] maskedPatterns;
    private final Map<String, DictionaryEntry> byKeyword;

    DataDictionary(List<DictionaryEntry> all) {
        this.entries = Collections.unmodifiableList(new ArrayList<>(all));
        this.exact = new TagTable(all.size());
        List<DictionaryEntry> maskedList = new ArrayList<>();
        this.byKeyword = new HashMap<>(all.size() * 2);
        for (DictionaryEntry e : all) {
            if (e.mask() == -1) {
                exact.put(e.tag(), e);
            } else {
                maskedList.add(e);
            }
            if (!e.keyword().isEmpty() && byKeyword.putIfAbsent(e.keyword(), e) != null) {
                throw new IllegalArgumentException("duplicate keyword in dictionary: " + e.keyword());
            }
        }
        // most specific masks first, so an entry never hides a narrower one
        maskedList.sort(MORE_SPECIFIC_FIRST);
        this.masked = maskedList.toArray(new DictionaryEntry[0]);
        this.maskedPatterns = new int[masked.length];
        for (int i = 0; i < masked.length; i++) {
            maskedPatterns[i] = masked[i].tag() & masked[i].mask();
        }
    }

    /** The dictionary of the standard, loaded on first use. */
    public static DataDictionary standard() {
        return Standard.INSTANCE;
    }

    /** Every entry, in tag order. */
    public List<DictionaryEntry> entries() {
        return entries;
    }

    /** The entry of {@code tag}: an exact entry, else a masked entry covering it. */
    public Optional<DictionaryEntry> entry(int tag) {
        return Optional.ofNullable(find(tag));
    }

    /** The entry whose keyword is {@code keyword} ("PatientName"). */
    public Optional<DictionaryEntry> entry(String keyword) {
        return Optional.ofNullable(byKeyword.get(keyword));
    }

    /**
     * The VR to use for {@code tag} when the encoding does not carry one (implicit VR): the entry's first VR; UL for
     * group lengths (gggg,0000); LO for private creators; UN for unknown tags and for items and delimiters (which
     * have no VR). Where the standard allows several VRs (US or SS, OB or OW) the caller refines the choice from
     * the data set (Pixel Representation, Bits Allocated).
     */
    public VR vrOf(int tag) {
        DictionaryEntry e = exact.get(tag);
        if (e == null) {
            if (Tag.isGroupLength(tag)) {
                return VR.UL;
            }
            if (Tag.isPrivate(tag)) {
                return Tag.isPrivateCreator(tag) ? VR.LO : VR.UN;
            }
            e = findMasked(tag);
            if (e == null) {
                return VR.UN;
            }
        }
        VR vr = e.vr();
        return vr == null ? VR.UN : vr;
    }

    /** The keyword of {@code tag}, or "" when the dictionary does not know it. */
    public String keywordOf(int tag) {
        DictionaryEntry e = find(tag);
        return e == null ? "" : e.keyword();
    }

    private DictionaryEntry find(int tag) {
        DictionaryEntry e = exact.get(tag);
        if (e == null && !Tag.isPrivate(tag)) { // all masked entries are in even groups
            e = findMasked(tag);
        }
        return e;
    }

    private DictionaryEntry findMasked(int tag) {
        for (int i = 0; i < masked.length; i++) {
            if ((tag & masked[i].mask()) == maskedPatterns[i]) {
                return masked[i];
            }
        }
        return null;
    }

    /** Open-addressing hash table int tag -> entry; the dictionary's hot path during implicit VR parsing. */
    private static final class TagTable {
        private final int[] keys;
        private final DictionaryEntry[] values;
        private final int shift;

        TagTable(int expected) {
            int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
            keys = new int[capacity];
            values = new DictionaryEntry[capacity];
            shift = 32 - Integer.numberOfTrailingZeros(capacity);
        }

        private int slot(int key) {
            return (key * 0x9E3779B9) >>> shift; // Fibonacci hashing spreads the clustered tag values
        }

        void put(int key, DictionaryEntry value) {
            int mask = keys.length - 1;
            int i = slot(key);
            while (values[i] != null && keys[i] != key) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
        }

        DictionaryEntry get(int key) {
            int mask = keys.length - 1;
            int i = slot(key);
            DictionaryEntry v;
            while ((v = values[i]) != null) {
                if (keys[i] == key) {
                    return v;
                }
                i = (i + 1) & mask;
            }
            return null;
        }
    }
}
