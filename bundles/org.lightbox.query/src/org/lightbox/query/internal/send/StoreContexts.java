package org.lightbox.query.internal.send;

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
 * The presentation contexts of a send, per SOP class: one context per stored transfer syntax, each alone (so the
 * peer's answer says exactly whether the data can go as stored), plus one offering the seed's uncompressed pair
 * Explicit and Implicit VR Little Endian for decompression. The seed's lossy JPEG syntaxes (baseline, extended)
 * and JPEG lossless SV1 are thus proposed exactly for instances stored in them: proposing them for other data
 * would oblige us to compress, lossily for the first two. Instances of more SOP classes than 128 contexts hold are
 * split into batches, one association each.
 */
final class StoreContexts {
    static final int MAX_CONTEXTS = 128;

    /** The uncompressed fallback, in the seed's preference order for the sender. */
    static final String[] UNCOMPRESSED = { UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian };

    /** One association's worth of instances and what it proposes. */
    record Batch(List<InstanceFile> instances, Map<String, Set<String>> syntaxesByClass) {

        AAssociateRq request(String calledAet, String callingAet) {
            AAssociateRq rq = new AAssociateRq().calledAeTitle(calledAet).callingAeTitle(callingAet);
            for (Map.Entry<String, Set<String>> e : syntaxesByClass.entrySet()) {
                for (String ts : e.getValue()) {
                    if (!isUncompressedLittleEndian(ts)) {
                        rq.addPresentationContext(e.getKey(), ts);
                    }
                }
                rq.addPresentationContext(e.getKey(), UNCOMPRESSED);
            }
            return rq;
        }
    }

    private StoreContexts() {
    }

    static boolean isUncompressedLittleEndian(String ts) {
        return UID.ExplicitVRLittleEndian.equals(ts) || UID.ImplicitVRLittleEndian.equals(ts);
    }

    static boolean isNative(String ts) {
        TransferSyntax t = TransferSyntax.of(ts);
        return !t.encapsulated() && !t.deflated();
    }

    /** Splits the instances, in order, into batches whose contexts fit one association. */
    static List<Batch> plan(List<InstanceFile> instances) {
        Map<String, Set<String>> all = new LinkedHashMap<>();
        for (InstanceFile f : instances) {
            all.computeIfAbsent(f.sopClassUid(), k -> new LinkedHashSet<>()).add(f.file().transferSyntaxUid());
        }
        // group SOP classes greedily into batches of at most MAX_CONTEXTS contexts
        List<Map<String, Set<String>>> groups = new ArrayList<>();
        Map<String, Set<String>> current = new LinkedHashMap<>();
        int used = 0;
        for (Map.Entry<String, Set<String>> e : all.entrySet()) {
            int need = contexts(e.getValue());
            if (need > MAX_CONTEXTS) {
                throw new IllegalArgumentException(e.getKey() + " is stored in " + e.getValue().size()
                        + " transfer syntaxes: more contexts than one association holds");
            }
            if (used + need > MAX_CONTEXTS) {
                groups.add(current);
                current = new LinkedHashMap<>();
                used = 0;
            }
            current.put(e.getKey(), e.getValue());
            used += need;
        }
        if (!current.isEmpty()) {
            groups.add(current);
        }
        List<Batch> out = new ArrayList<>();
        for (Map<String, Set<String>> g : groups) {
            List<InstanceFile> members = new ArrayList<>();
            for (InstanceFile f : instances) {
                if (g.containsKey(f.sopClassUid())) {
                    members.add(f);
                }
            }
            out.add(new Batch(members, g));
        }
        return out;
    }

    private static int contexts(Set<String> syntaxes) {
        int n = 1;
        for (String ts : syntaxes) {
            if (!isUncompressedLittleEndian(ts)) {
                n++;
            }
        }
        return n;
    }
}
