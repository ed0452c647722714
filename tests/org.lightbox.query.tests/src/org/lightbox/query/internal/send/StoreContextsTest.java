package org.lightbox.query.internal.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.lightbox.catalog.InstanceFile;
import org.lightbox.catalog.StoredFile;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.pdu.AAssociateRq;
import org.lightbox.dicom.net.pdu.PresentationContext;

class StoreContextsTest {

    private static InstanceFile f(String cuid, String iuid, String ts) {
        return new InstanceFile("1.2", "1.2.1", iuid, cuid, 1, new StoredFile("s", iuid, 10, ts, null));
    }

    @Test
    void eachStoredSyntaxAloneAndTheUncompressedPairPerClass() {
        List<InstanceFile> in = List.of(f(UID.CTImageStorage, "1", UID.ExplicitVRLittleEndian),
                f(UID.CTImageStorage, "2", UID.JPEGLosslessSV1), f(UID.CTImageStorage, "3", UID.JPEGLosslessSV1),
                f(UID.MRImageStorage, "4", UID.ImplicitVRLittleEndian));
        List<StoreContexts.Batch> batches = StoreContexts.plan(in);
        assertEquals(1, batches.size());
        AAssociateRq rq = batches.get(0).request("PEER", "ME");
        List<String> proposed = new ArrayList<>();
        for (PresentationContext pc : rq.presentationContexts()) {
            proposed.add(pc.abstractSyntax() + " " + pc.transferSyntaxes());
        }
        assertEquals(List.of(UID.CTImageStorage + " [" + UID.JPEGLosslessSV1 + "]",
                UID.CTImageStorage + " [" + UID.ExplicitVRLittleEndian + ", " + UID.ImplicitVRLittleEndian + "]",
                UID.MRImageStorage + " [" + UID.ExplicitVRLittleEndian + ", " + UID.ImplicitVRLittleEndian + "]"),
                proposed);
    }

    @Test
    void manySopClassesAreSplitIntoAssociationsOf128Contexts() {
        List<InstanceFile> in = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            in.add(f("1.2.840.10008.5.1.4.1.1.99." + i, "i" + i, UID.JPEGBaseline8Bit));
        }
        List<StoreContexts.Batch> batches = StoreContexts.plan(in);
        assertEquals(2, batches.size(), "200 contexts do not fit one association");
        int instances = 0;
        for (StoreContexts.Batch b : batches) {
            assertTrue(b.request("P", "M").presentationContexts().size() <= 128);
            instances += b.instances().size();
        }
        assertEquals(100, instances);
    }
}
