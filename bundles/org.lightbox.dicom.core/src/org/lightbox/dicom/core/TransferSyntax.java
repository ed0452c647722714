package org.lightbox.dicom.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.lightbox.dicom.core.dict.UidEntry;
import org.lightbox.dicom.core.dict.UidRegistry;
import org.lightbox.dicom.core.dict.UidType;

/**
 * How a transfer syntax encodes a data set (PS3.5 section 10 and annex A): VR form, byte order, deflate, and
 * whether pixel data are encapsulated and possibly lossy.
 *
 * @param uid the transfer syntax UID
 * @param name the registry name, or the UID for unregistered syntaxes
 * @param explicitVR true for explicit VR encodings (all but the implicit VR little endian ones)
 * @param bigEndian true only for Explicit VR Big Endian
 * @param deflated true when the data set after the file meta information is deflate-compressed (RFC 1951)
 * @param encapsulated true when Pixel Data is encapsulated (fragments, undefined length)
 * @param lossy true when the syntax may carry irreversibly compressed pixel data
 * @param retired true when the standard retired the syntax
 */
public record TransferSyntax(String uid, String name, boolean explicitVR, boolean bigEndian, boolean deflated,
        boolean encapsulated, boolean lossy, boolean retired) {

    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax(UID.ImplicitVRLittleEndian,
            "Implicit VR Little Endian", false, false, false, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax(UID.ExplicitVRLittleEndian,
            "Explicit VR Little Endian", true, false, false, false, false, false);
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN = new TransferSyntax(UID.ExplicitVRBigEndian,
            "Explicit VR Big Endian", true, true, false, false, false, true);
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax(
            UID.DeflatedExplicitVRLittleEndian, "Deflated Explicit VR Little Endian", true, false, true, false, false,
            false);

    private static final Set<String> IMPLICIT_VR = Set.of(UID.ImplicitVRLittleEndian,
            UID.Papyrus3ImplicitVRLittleEndian);

    private static final Set<String> DEFLATED = Set.of(UID.DeflatedExplicitVRLittleEndian,
            UID.JPIPReferencedDeflate, UID.JPIPHTJ2KReferencedDeflate);

    /** Syntaxes whose pixel data (if any) is native or referenced, not encapsulated. */
    private static final Set<String> NOT_ENCAPSULATED = Set.of(UID.ImplicitVRLittleEndian,
            UID.ExplicitVRLittleEndian, UID.DeflatedExplicitVRLittleEndian, UID.ExplicitVRBigEndian,
            UID.Papyrus3ImplicitVRLittleEndian, UID.JPIPReferenced, UID.JPIPReferencedDeflate,
            UID.JPIPHTJ2KReferenced, UID.JPIPHTJ2KReferencedDeflate, UID.RFC2557MIMEEncapsulation,
            UID.XMLEncoding, UID.SMPTEST211020UncompressedProgressiveActiveVideo,
            UID.SMPTEST211020UncompressedInterlacedActiveVideo, UID.SMPTEST211030PCMDigitalAudio);

    /** Syntaxes that allow irreversible compression (JPEG lossy processes, JPEG-LS near-lossless, ...). */
    private static final Set<String> LOSSY = Set.of(UID.JPEGBaseline8Bit, UID.JPEGExtended12Bit,
            UID.JPEGExtended35, UID.JPEGSpectralSelectionNonHierarchical68,
            UID.JPEGSpectralSelectionNonHierarchical79, UID.JPEGFullProgressionNonHierarchical1012,
            UID.JPEGFullProgressionNonHierarchical1113, UID.JPEGExtendedHierarchical1618,
            UID.JPEGExtendedHierarchical1719, UID.JPEGSpectralSelectionHierarchical2022,
            UID.JPEGSpectralSelectionHierarchical2123, UID.JPEGFullProgressionHierarchical2426,
            UID.JPEGFullProgressionHierarchical2527, UID.JPEGLSNearLossless, UID.JPEG2000,
            UID.JPEG2000MC, UID.MPEG2MPML, UID.MPEG2MPHL, UID.MPEG4HP41, UID.MPEG4HP41BD, UID.MPEG4HP422D,
            UID.MPEG4HP423D, UID.MPEG4HP42STEREO, UID.HEVCMP51, UID.HEVCM10P51, UID.MPEG2MPMLF, UID.MPEG2MPHLF,
            UID.MPEG4HP41F, UID.MPEG4HP41BDF, UID.MPEG4HP422DF, UID.MPEG4HP423DF, UID.MPEG4HP42STEREOF,
            UID.JPEGXLJPEGRecompression, UID.JPEGXL, UID.HTJ2K);

    /** Registered transfer syntaxes, built on first use of {@link #of}. */
    private static final class Known {
        static final Map<String, TransferSyntax> BY_UID = build();

        private static Map<String, TransferSyntax> build() {
            Map<String, TransferSyntax> map = new HashMap<>();
            for (UidEntry e : UidRegistry.standard().ofType(UidType.TRANSFER_SYNTAX)) {
                String u = e.uid();
                map.put(u, new TransferSyntax(u, e.name(), !IMPLICIT_VR.contains(u), u.equals(UID.ExplicitVRBigEndian),
                        DEFLATED.contains(u), !NOT_ENCAPSULATED.contains(u), LOSSY.contains(u), e.retired()));
            }
            return map;
        }
    }

    /**
     * The transfer syntax {@code uid}. An unregistered UID is taken as explicit VR little endian with encapsulated
     * pixel data, which PS3.5 (annex A.4) requires of every compressed syntax; its {@code lossy} is false because
     * nothing is known about it.
     */
    public static TransferSyntax of(String uid) {
        switch (uid) {
            case UID.ImplicitVRLittleEndian:
                return IMPLICIT_VR_LITTLE_ENDIAN;
            case UID.ExplicitVRLittleEndian:
                return EXPLICIT_VR_LITTLE_ENDIAN;
            case UID.ExplicitVRBigEndian:
                return EXPLICIT_VR_BIG_ENDIAN;
            case UID.DeflatedExplicitVRLittleEndian:
                return DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
            default:
                TransferSyntax ts = Known.BY_UID.get(uid);
                return ts != null ? ts : new TransferSyntax(uid, uid, true, false, false, true, false, false);
        }
    }

    /** True when {@code uid} is a registered transfer syntax. */
    public static boolean isRegistered(String uid) {
        return Known.BY_UID.containsKey(uid);
    }
}
