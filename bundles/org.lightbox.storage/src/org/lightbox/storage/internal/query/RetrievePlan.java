package org.lightbox.storage.internal.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.lightbox.catalog.InstanceFile;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * The presentation contexts a C-MOVE's association to the destination proposes, so that every instance can go
 * as stored (see {@link #contextsFor}). More than 128 contexts do not fit one association: the instances are then
 * split, by SOP class, over as many associations as needed.
 */
final class RetrievePlan {
    static final int MAX_CONTEXTS = 128;

    /** The instances of one association and the contexts it proposes. */
    record Batch(List<InstanceFile> instances, Map<String, Set<String>> contexts) {

        int contextCount() {
            int n = 0;
            for (Set<String> ts : contexts.values()) {
                n += contextsFor(ts).size();
            }
            return n;
        }

        /** Adds the contexts to a request (AE titles are the caller's). */
        void propose(AAssociateRq rq) {
            for (Map.Entry<String, Set<String>> e : contexts.entrySet()) {
                for (List<String> tss : contextsFor(e.getValue())) {
                    rq.addPresentationContext(e.getKey(), tss.toArray(new String[0]));
                }
            }
        }
    }

    private RetrievePlan() {
    }

    /**
     * The contexts for one SOP class whose instances are stored in {@code stored}: one per stored syntax, so each
     * instance can go exactly as stored, and one offering both little endian native syntaxes as the fallback
     * native data can be converted to when the destination refuses its own syntax.
     */
    static List<List<String>> contextsFor(Set<String> stored) {
        List<List<String>> out = new ArrayList<>();
        boolean nativeData = false;
        for (String ts : stored) {
            out.add(List.of(ts));
            nativeData |= !TransferSyntax.of(ts).encapsulated();
        }
        if (nativeData) {
            out.add(List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
        }
        return out;
    }

    static List<Batch> batches(List<InstanceFile> instances) {
        Map<String, List<InstanceFile>> byClass = new LinkedHashMap<>();
        Map<String, Set<String>> syntaxes = new LinkedHashMap<>();
        for (InstanceFile f : instances) {
            byClass.computeIfAbsent(f.sopClassUid(), k -> new ArrayList<>()).add(f);
            syntaxes.computeIfAbsent(f.sopClassUid(), k -> new LinkedHashSet<>()).add(f.file().transferSyntaxUid());
        }
        List<Batch> out = new ArrayList<>();
        List<InstanceFile> current = new ArrayList<>();
        Map<String, Set<String>> contexts = new LinkedHashMap<>();
        int used = 0;
        for (Map.Entry<String, List<InstanceFile>> e : byClass.entrySet()) {
            Set<String> ts = syntaxes.get(e.getKey());
            int need = Math.min(contextsFor(ts).size(), MAX_CONTEXTS);
            if (used + need > MAX_CONTEXTS && !current.isEmpty()) {
                out.add(new Batch(current, contexts));
                current = new ArrayList<>();
                contexts = new LinkedHashMap<>();
                used = 0;
            }
            current.addAll(e.getValue());
            contexts.put(e.getKey(), ts);
            used += need;
        }
        if (!current.isEmpty()) {
            out.add(new Batch(current, contexts));
        }
        return out;
    }
}
