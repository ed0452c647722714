package org.lightbox.dicom.imageio.internal.jpeg;

import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.CodecOptions;
import org.lightbox.dicom.imageio.FrameDecoder;
import org.lightbox.dicom.imageio.FrameEncoder;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PhotometricInterpretation;
import org.lightbox.dicom.imageio.PixelCodec;

/**
 * Lossy JPEG: Baseline (process 1, 8-bit) or Extended (processes 2 and 4, 8 or 12-bit). Both decode either kind of
 * stream. Encoding takes unsigned monochrome, RGB or YBR_FULL frames of up to 8 (baseline) or 12 bits stored.
 */
public final class JpegDctCodec implements PixelCodec {

    private final boolean baseline;

    /** {@link UID#JPEGBaseline8Bit} or {@link UID#JPEGExtended12Bit}. */
    public JpegDctCodec(String uid) {
        if (!uid.equals(UID.JPEGBaseline8Bit) && !uid.equals(UID.JPEGExtended12Bit)) {
            throw new IllegalArgumentException(uid + " is not a lossy JPEG transfer syntax");
        }
        this.baseline = uid.equals(UID.JPEGBaseline8Bit);
    }

    @Override
    public String name() {
        return baseline ? "JPEG baseline" : "JPEG extended";
    }

    @Override
    public String transferSyntaxUID() {
        return baseline ? UID.JPEGBaseline8Bit : UID.JPEGExtended12Bit;
    }

    @Override
    public boolean isLossy() {
        return true;
    }

    @Override
    public FrameDecoder decoder(FrameFormat stored) throws CodecException {
        if (stored.bitsAllocated() != 8 && stored.bitsAllocated() != 16) {
            throw new CodecException(name(), "cannot decode into " + stored.bitsAllocated() + " bits allocated", -1);
        }
        return new JpegDctDecoder(stored);
    }

    @Override
    public boolean canEncode(FrameFormat f) {
        boolean colour = f.samplesPerPixel() == 3 && (f.photometric() == PhotometricInterpretation.RGB
                || f.photometric() == PhotometricInterpretation.YBR_FULL);
        return (f.samplesPerPixel() == 1 && f.photometric().isMonochrome() || colour) && !f.signed()
                && (f.bitsAllocated() == 8 || f.bitsAllocated() == 16) && f.bitsStored() <= (baseline ? 8 : 12);
    }

    @Override
    public FrameEncoder encoder(FrameFormat source, CodecOptions options) throws CodecException {
        if (!canEncode(source)) {
            throw new CodecException(name(), "cannot encode " + source + " (unsigned monochrome, RGB or YBR_FULL of "
                    + "at most " + (baseline ? 8 : 12) + " bits stored only)", -1);
        }
        return new JpegDctEncoder(source, baseline, options.quality());
    }
}
