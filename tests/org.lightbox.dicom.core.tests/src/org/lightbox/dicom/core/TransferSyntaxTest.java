package org.lightbox.dicom.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.core.dict.UidEntry;
import org.lightbox.dicom.core.dict.UidRegistry;
import org.lightbox.dicom.core.dict.UidType;

class TransferSyntaxTest {

    @Test
    void uncompressedSyntaxes() {
        TransferSyntax implicit = TransferSyntax.of("1.2.840.10008.1.2");
        assertSame(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, implicit);
        assertFalse(implicit.explicitVR());
        assertFalse(implicit.bigEndian());
        assertFalse(implicit.encapsulated());
        assertFalse(implicit.deflated());

        TransferSyntax explicit = TransferSyntax.of(UID.ExplicitVRLittleEndian);
        assertTrue(explicit.explicitVR());
        assertFalse(explicit.bigEndian() || explicit.encapsulated() || explicit.deflated() || explicit.lossy());

        TransferSyntax big = TransferSyntax.of(UID.ExplicitVRBigEndian);
        assertTrue(big.explicitVR() && big.bigEndian() && big.retired());
        assertFalse(big.encapsulated());

        TransferSyntax deflated = TransferSyntax.of(UID.DeflatedExplicitVRLittleEndian);
        assertTrue(deflated.explicitVR() && deflated.deflated());
        assertFalse(deflated.bigEndian() || deflated.encapsulated());
        assertEquals("Deflated Explicit VR Little Endian", deflated.name());
    }

    @Test
    void compressedSyntaxes() {
        TransferSyntax jpeg = TransferSyntax.of("1.2.840.10008.1.2.4.50");
        assertTrue(jpeg.explicitVR() && jpeg.encapsulated() && jpeg.lossy());
        assertFalse(jpeg.bigEndian() || jpeg.deflated());
        assertEquals("JPEG Baseline (Process 1)", jpeg.name());

        assertFalse(TransferSyntax.of(UID.JPEGLosslessSV1).lossy());
        assertTrue(TransferSyntax.of(UID.JPEGLosslessSV1).encapsulated());
        assertFalse(TransferSyntax.of(UID.RLELossless).lossy());
        assertFalse(TransferSyntax.of(UID.JPEG2000Lossless).lossy());
        assertTrue(TransferSyntax.of(UID.JPEG2000).lossy());
        assertTrue(TransferSyntax.of(UID.JPEGLSNearLossless).lossy());
        assertFalse(TransferSyntax.of(UID.JPEGLSLossless).lossy());
        assertTrue(TransferSyntax.of(UID.MPEG4HP41).lossy());
        assertTrue(TransferSyntax.of(UID.EncapsulatedUncompressedExplicitVRLittleEndian).encapsulated());
        assertFalse(TransferSyntax.of(UID.EncapsulatedUncompressedExplicitVRLittleEndian).lossy());
        assertFalse(TransferSyntax.of(UID.HTJ2KLossless).lossy());
        assertTrue(TransferSyntax.of(UID.HTJ2K).lossy());
        // JPIP: pixel data referenced, not encapsulated; the Deflate variant deflates the data set
        assertFalse(TransferSyntax.of(UID.JPIPReferenced).encapsulated());
        assertTrue(TransferSyntax.of(UID.JPIPReferencedDeflate).deflated());
        // the retired Papyrus 3 syntax is implicit VR
        assertFalse(TransferSyntax.of(UID.Papyrus3ImplicitVRLittleEndian).explicitVR());
    }

    @Test
    void unknownSyntaxIsExplicitLittleEndianEncapsulated() {
        TransferSyntax ts = TransferSyntax.of("1.2.3.4.5.6");
        assertEquals("1.2.3.4.5.6", ts.uid());
        assertTrue(ts.explicitVR() && ts.encapsulated());
        assertFalse(ts.bigEndian() || ts.deflated() || ts.lossy());
        assertFalse(TransferSyntax.isRegistered("1.2.3.4.5.6"));
    }

    @Test
    void everyRegisteredSyntaxIsKnown() {
        int n = 0;
        for (UidEntry e : UidRegistry.standard().ofType(UidType.TRANSFER_SYNTAX)) {
            TransferSyntax ts = TransferSyntax.of(e.uid());
            assertEquals(e.name(), ts.name());
            assertEquals(e.retired(), ts.retired(), e.uid());
            assertTrue(TransferSyntax.isRegistered(e.uid()));
            // only the uncompressed native encodings may be implicit VR or big endian
            if (ts.encapsulated()) {
                assertTrue(ts.explicitVR() && !ts.bigEndian(), e.uid());
            }
            n++;
        }
        assertTrue(n > 40);
    }
}
