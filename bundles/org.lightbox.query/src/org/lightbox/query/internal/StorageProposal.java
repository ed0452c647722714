package org.lightbox.query.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.net.pdu.AAssociateRq;

/**
 * The storage presentation contexts a C-GET requestor offers, with SCP role selection (PS3.4 C.4.3.1: the C-GET
 * SCU is the storage SCP of the sub-operations on the same association, which the default roles do not allow).
 * <p>
 * Each SOP class gets one context per uncompressed transfer syntax, so the peer can send every file in the syntax
 * it holds it in (a context offering several lets the peer's acceptor choose, and it may then convert), plus one
 * offering the common compressed syntaxes. At most 128 contexts fit an association: without a hint the common
 * classes below are offered; with the classes a query reported, exactly those.
 */
public final class StorageProposal {

    /** Proposed once per SOP class, each alone: the peer keeps the file's own encoding. */
    static final List<String> UNCOMPRESSED = List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian);

    /** Offered together in one context per image class. */
    static final List<String> COMPRESSED = List.of(UID.JPEGLosslessSV1, UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit,
            UID.JPEGLossless, UID.JPEGLSLossless, UID.JPEGLSNearLossless, UID.JPEG2000Lossless, UID.JPEG2000,
            UID.RLELossless);

    /** The storage classes offered when the caller knows nothing better: the common modalities and documents. */
    static final List<String> COMMON = List.of(UID.CTImageStorage, UID.MRImageStorage,
            UID.ComputedRadiographyImageStorage, UID.DigitalXRayImageStorageForPresentation,
            UID.DigitalXRayImageStorageForProcessing, UID.DigitalMammographyXRayImageStorageForPresentation,
            UID.DigitalMammographyXRayImageStorageForProcessing, UID.DigitalIntraOralXRayImageStorageForPresentation,
            UID.UltrasoundImageStorage, UID.UltrasoundMultiFrameImageStorage, UID.SecondaryCaptureImageStorage,
            UID.MultiFrameSingleBitSecondaryCaptureImageStorage,
            UID.MultiFrameGrayscaleByteSecondaryCaptureImageStorage,
            UID.MultiFrameGrayscaleWordSecondaryCaptureImageStorage,
            UID.MultiFrameTrueColorSecondaryCaptureImageStorage, UID.XRayAngiographicImageStorage,
            UID.XRayRadiofluoroscopicImageStorage, UID.NuclearMedicineImageStorage,
            UID.PositronEmissionTomographyImageStorage, UID.EnhancedCTImageStorage, UID.EnhancedMRImageStorage,
            UID.EnhancedPETImageStorage, UID.BreastTomosynthesisImageStorage, UID.VLEndoscopicImageStorage,
            UID.VLPhotographicImageStorage, UID.OphthalmicPhotography8BitImageStorage, UID.RTImageStorage,
            UID.RTDoseStorage, UID.RTStructureSetStorage, UID.RTPlanStorage, UID.RTIonPlanStorage,
            UID.RTBeamsTreatmentRecordStorage, UID.GrayscaleSoftcopyPresentationStateStorage,
            UID.BasicTextSRStorage, UID.EnhancedSRStorage, UID.ComprehensiveSRStorage,
            UID.KeyObjectSelectionDocumentStorage, UID.EncapsulatedPDFStorage, UID.SegmentationStorage,
            UID.RawDataStorage, UID.TwelveLeadECGWaveformStorage, UID.GeneralECGWaveformStorage,
            UID.BasicVoiceAudioWaveformStorage, UID.MRSpectroscopyStorage);

    /** Image classes worth a compressed context in the default set. */
    static final Set<String> COMMON_COMPRESSED = Set.of(UID.CTImageStorage, UID.MRImageStorage,
            UID.ComputedRadiographyImageStorage, UID.DigitalXRayImageStorageForPresentation,
            UID.DigitalMammographyXRayImageStorageForPresentation, UID.UltrasoundImageStorage,
            UID.UltrasoundMultiFrameImageStorage, UID.SecondaryCaptureImageStorage,
            UID.XRayAngiographicImageStorage, UID.XRayRadiofluoroscopicImageStorage, UID.NuclearMedicineImageStorage,
            UID.PositronEmissionTomographyImageStorage, UID.VLPhotographicImageStorage,
            UID.VLEndoscopicImageStorage);

    private static final int MAX_CONTEXTS = 128;

    private StorageProposal() {
    }

    /**
     * Adds the storage contexts and SCP role selections to {@code rq} (which already holds the C-GET context) and
     * returns the SOP classes offered.
     *
     * @param expected the SOP classes the caller expects, or empty for the default set
     * @throws IllegalArgumentException when the expected classes do not fit one association
     */
    public static Set<String> addTo(AAssociateRq rq, Collection<String> expected) {
        Set<String> classes = new LinkedHashSet<>(expected.isEmpty() ? COMMON : expected);
        int room = MAX_CONTEXTS - rq.presentationContexts().size();
        int needed = classes.size() * UNCOMPRESSED.size();
        if (needed > room) {
            throw new IllegalArgumentException(classes.size() + " SOP classes need " + needed
                    + " presentation contexts; one association has room for " + room
                    + ": retrieve the series or instances separately");
        }
        List<String> compressedFor = new ArrayList<>();
        for (String cuid : classes) {
            for (String ts : UNCOMPRESSED) {
                rq.addPresentationContext(cuid, ts);
            }
            if (expected.isEmpty() ? COMMON_COMPRESSED.contains(cuid) : true) {
                compressedFor.add(cuid);
            }
            rq.addRoleSelection(cuid, false, true);
        }
        // compressed contexts only while room is left: uncompressed ones come first as every peer can send those
        for (String cuid : compressedFor) {
            if (rq.presentationContexts().size() >= MAX_CONTEXTS) {
                break;
            }
            rq.addPresentationContext(cuid, COMPRESSED.toArray(String[]::new));
        }
        return classes;
    }
}
