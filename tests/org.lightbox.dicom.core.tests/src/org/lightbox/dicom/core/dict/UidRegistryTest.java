package org.lightbox.dicom.core.dict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.core.UID;

class UidRegistryTest {

    private final UidRegistry registry = UidRegistry.standard();

    @Test
    void transferSyntaxEntries() {
        UidEntry e = registry.entry("1.2.840.10008.1.2.1").orElseThrow();
        assertEquals("ExplicitVRLittleEndian", e.keyword());
        assertEquals("Explicit VR Little Endian", e.name());
        assertEquals(UidType.TRANSFER_SYNTAX, e.type());
        assertFalse(e.retired());
        assertTrue(registry.entry(UID.ExplicitVRBigEndian).orElseThrow().retired());
        int ts = registry.ofType(UidType.TRANSFER_SYNTAX).size();
        assertTrue(ts >= 47 && ts < 100, "transfer syntaxes: " + ts);
        assertEquals(UidType.TRANSFER_SYNTAX, registry.byKeyword("HTJ2KLossless").orElseThrow().type());
    }

    @Test
    void storageSopClasses() {
        assertTrue(registry.isStorageSopClass(UID.CTImageStorage));
        assertEquals("CT Image Storage", UID.nameOf("1.2.840.10008.5.1.4.1.1.2"));
        assertTrue(registry.isStorageSopClass(UID.DigitalXRayImageStorageForPresentation));
        assertTrue(registry.isStorageSopClass(UID.SecondaryCaptureImageStorage));
        assertTrue(registry.isStorageSopClass(UID.EncapsulatedPDFStorage));
        // retired storage classes are still storage classes
        UidEntry nm = registry.entry("1.2.840.10008.5.1.4.1.1.5").orElseThrow();
        assertTrue(nm.retired());
        assertTrue(registry.isStorageSopClass(nm.uid()));
        assertTrue(registry.isStorageSopClass(UID.UltrasoundImageStorageRetired));
        // not storage: verification, storage commitment, query models, transfer syntaxes, unknown
        assertFalse(registry.isStorageSopClass(UID.Verification));
        assertFalse(registry.isStorageSopClass(UID.StorageCommitmentPushModel));
        assertFalse(registry.isStorageSopClass(UID.StudyRootQueryRetrieveInformationModelFind));
        assertFalse(registry.isStorageSopClass(UID.ExplicitVRLittleEndian));
        assertFalse(registry.isStorageSopClass(UID.Storage)); // the service class itself
        assertFalse(registry.isStorageSopClass("1.2.3.4"));
        // storage classes of supplements after the generator's main source come from its supplement table
        for (String later : List.of(UID.PhotoacousticImageStorage, UID.LabelMapSegmentationStorage,
                UID.HeightMapSegmentationStorage, UID.ConfocalMicroscopyImageStorage,
                UID.ConfocalMicroscopyTiledPyramidalImageStorage, UID.InventoryStorage, UID.EnhancedRTImageStorage,
                UID.EnhancedContinuousRTImageStorage)) {
            assertTrue(registry.isStorageSopClass(later), later);
        }
        int storage = registry.storageSopClasses().size();
        assertTrue(storage > 150 && storage < 400, "storage classes: " + storage);
    }

    @Test
    void kindsAndCounts() {
        assertTrue(registry.entries().size() > 400, "uids: " + registry.entries().size());
        assertTrue(registry.ofType(UidType.SOP_CLASS).size() > 250);
        assertEquals(UidType.APPLICATION_CONTEXT, registry.entry("1.2.840.10008.3.1.1.1").orElseThrow().type());
        assertEquals(UidType.META_SOP_CLASS, registry.entry(UID.BasicGrayscalePrintManagementMeta).orElseThrow()
                .type());
        assertEquals(UidType.WELL_KNOWN_FRAME_OF_REFERENCE,
                registry.entry("1.2.840.10008.1.4.1.1").orElseThrow().type());
        assertEquals(UidType.SERVICE_CLASS, registry.entry(UID.Storage).orElseThrow().type());
        assertEquals(UidType.LDAP_OID, registry.entry("1.2.840.10008.15.0.3.1").orElseThrow().type());
        assertEquals(UidType.CODING_SCHEME, registry.entry("1.2.840.10008.2.16.4").orElseThrow().type());
        assertEquals(UidType.WELL_KNOWN_INSTANCE, registry.entry("1.2.840.10008.1.20.1.1").orElseThrow().type());
        assertTrue(registry.entry("1.2.3.4").isEmpty());
        assertEquals("1.2.3.4", UID.nameOf("1.2.3.4"));
    }

    @Test
    void generatedConstantsMatchTheRegistry() throws IllegalAccessException {
        Set<String> uids = new HashSet<>();
        int constants = 0;
        for (Field f : UID.class.getFields()) {
            if (f.getType() != String.class || !Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            String uid = (String) f.get(null);
            assertTrue(uid.matches("[0-9]+(\\.[0-9]+)*") && uid.length() <= 64, uid);
            assertTrue(uids.add(uid), "duplicate " + uid);
            UidEntry e = registry.byKeyword(f.getName()).orElseThrow(() -> new AssertionError(f.getName()));
            assertEquals(uid, e.uid());
            constants++;
        }
        assertEquals(registry.entries().size(), constants);
    }
}
