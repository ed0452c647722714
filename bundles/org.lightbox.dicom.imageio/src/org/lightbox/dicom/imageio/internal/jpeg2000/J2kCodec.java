package org.lightbox.dicom.imageio.internal.jpeg2000;

import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.CodecOptions;
import org.lightbox.dicom.imageio.FrameDecoder;
import org.lightbox.dicom.imageio.FrameEncoder;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PhotometricInterpretation;
import org.lightbox.dicom.imageio.PixelCodec;

/**
 * JPEG 2000 Image Compression (Lossless Only) and JPEG 2000 Image Compression (lossless or lossy), ISO/IEC 15444-1,
 * through jai-imageio-jpeg2000. Both decode either kind of codestream of up to 16 bits; only the lossless syntax
 * encodes (reversible wavelet), monochrome, palette, RGB (as YBR_RCT) or YBR_FULL frames of 8 or 16 bits allocated.
 */
public final class J2kCodec implements PixelCodec {

    private final boolean losslessOnly;

    /** {@link UID#JPEG2000Lossless} or {@link UID#JPEG2000}. */
    public J2kCodec(String uid) {
        if (!uid.equals(UID.JPEG2000Lossless) && !uid.equals(UID.JPEG2000)) {
            throw new IllegalArgumentException(uid + " is not a JPEG 2000 transfer syntax");
        }
        this.losslessOnly = uid.equals(UID.JPEG2000Lossless);
    }

    @Override
    public String name() {
        return losslessOnly ? "JPEG 2000 lossless" : "JPEG 2000";
    }

    @Override
    public String transferSyntaxUID() {
        return losslessOnly ? UID.JPEG2000Lossless : UID.JPEG2000;
    }

    @Override
    public boolean isLossy() {
        return !losslessOnly;
    }

    @Override
    public FrameDecoder decoder(FrameFormat stored) throws CodecException {
        if (stored.bitsAllocated() != 8 && stored.bitsAllocated() != 16) {
            throw new CodecException(name(), "cannot decode into " + stored.bitsAllocated() + " bits allocated", -1);
        }
        return new J2kDecoder(name(), stored);
    }

    @Override
    public boolean canEncode(FrameFormat f) {
        PhotometricInterpretation pi = f.photometric();
        boolean model = f.samplesPerPixel() == 1 ? pi.isMonochrome() || pi == PhotometricInterpretation.PALETTE_COLOR
                : f.samplesPerPixel() == 3
                        && (pi == PhotometricInterpretation.RGB || pi == PhotometricInterpretation.YBR_FULL);
        return losslessOnly && model && (f.bitsAllocated() == 8 || f.bitsAllocated() == 16);
    }

    @Override
    public FrameEncoder encoder(FrameFormat source, CodecOptions options) throws CodecException {
        if (!canEncode(source)) {
            throw new CodecException(name(), losslessOnly ? "cannot encode " + source + " (monochrome, palette, RGB or "
                    + "YBR_FULL of 8 or 16 bits allocated only)" : "lossy JPEG 2000 encoding is not supported", -1);
        }
        return new J2kEncoder(name(), source);
    }
}
