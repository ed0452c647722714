package org.lightbox.dicom.core.dict;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The UID registry of PS3.6 table A-1 (SOP classes, transfer syntaxes, well-known instances and frames of
 * reference, ...), loaded once from the generated resource {@code uid-registry.txt}. Immutable and thread-safe.
 */
public final class UidRegistry {

    private static final String RESOURCE = "uid-registry.txt";

    private static final class Standard {
        static final UidRegistry INSTANCE = load();

        private static UidRegistry load() {
            try (InputStream in = UidRegistry.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " missing next to "
                            + UidRegistry.class.getName());
                }
                return new UidRegistry(DictionaryResourceParser.parseUids(in.readAllBytes(), RESOURCE));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + RESOURCE, e);
            }
        }
    }

    private final List<UidEntry> entries;
    private final Map<String, UidEntry> byUid;
    private final Map<String, UidEntry> byKeyword;
    private final Map<UidType, List<UidEntry>> byType = new EnumMap<>(UidType.class);
    private final Set<String> storageSopClasses = new HashSet<>();

    UidRegistry(List<UidEntry> all) {
        entries = List.copyOf(all);
        byUid = new HashMap<>(all.size() * 2);
        byKeyword = new HashMap<>(all.size() * 2);
        Map<UidType, List<UidEntry>> lists = new EnumMap<>(UidType.class);
        for (UidEntry e : all) {
            if (byUid.putIfAbsent(e.uid(), e) != null) {
                throw new IllegalArgumentException("duplicate UID in registry: " + e.uid());
            }
            if (byKeyword.putIfAbsent(e.keyword(), e) != null) {
                throw new IllegalArgumentException("duplicate UID keyword in registry: " + e.keyword());
            }
            List<UidEntry> list = lists.get(e.type()); // no lambda: its bootstrap would slow the cold load
            if (list == null) {
                list = new ArrayList<>();
                lists.put(e.type(), list);
            }
            list.add(e);
            if (isStorage(e)) {
                storageSopClasses.add(e.uid());
            }
        }
        for (UidType t : UidType.values()) {
            byType.put(t, Collections.unmodifiableList(lists.getOrDefault(t, List.of())));
        }
    }

    /**
     * A Storage SOP class is a SOP class whose name says "Storage" (PS3.4 annex B and its relatives: "CT Image
     * Storage", "Digital X-Ray Image Storage - For Presentation", retired and trial ones too), except the Storage
     * Commitment classes, which are a different service.
     */
    private static boolean isStorage(UidEntry e) {
        return e.type() == UidType.SOP_CLASS && e.keyword().contains("Storage")
                && !e.keyword().startsWith("StorageCommitment");
    }

    /** The registry of the standard, loaded on first use. */
    public static UidRegistry standard() {
        return Standard.INSTANCE;
    }

    /** Every entry, in the order of the registry. */
    public List<UidEntry> entries() {
        return entries;
    }

    public Optional<UidEntry> entry(String uid) {
        return Optional.ofNullable(byUid.get(uid));
    }

    /** The entry whose keyword is {@code keyword} ("CTImageStorage"). */
    public Optional<UidEntry> byKeyword(String keyword) {
        return Optional.ofNullable(byKeyword.get(keyword));
    }

    /** The entries of one kind, in registry order. */
    public List<UidEntry> ofType(UidType type) {
        return byType.get(type);
    }

    /** True when {@code uid} is a registered Storage SOP class, retired ones included. */
    public boolean isStorageSopClass(String uid) {
        return storageSopClasses.contains(uid);
    }

    /** All registered Storage SOP classes (including retired ones), in registry order. */
    public List<UidEntry> storageSopClasses() {
        List<UidEntry> result = new ArrayList<>();
        for (UidEntry e : byType.get(UidType.SOP_CLASS)) {
            if (storageSopClasses.contains(e.uid())) {
                result.add(e);
            }
        }
        return result;
    }
}
