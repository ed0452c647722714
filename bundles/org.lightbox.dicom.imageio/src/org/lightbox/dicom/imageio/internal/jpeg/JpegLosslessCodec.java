package org.lightbox.dicom.imageio.internal.jpeg;

import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.CodecOptions;
import org.lightbox.dicom.imageio.FrameDecoder;
import org.lightbox.dicom.imageio.FrameEncoder;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PixelCodec;

/**
 * Lossless JPEG: JPEG Lossless, Non-Hierarchical (Process 14) with any predictor, or its first-order (selection
 * value 1) variant. Both decode every predictor; the SV1 syntax always encodes with predictor 1.
 */
public final class JpegLosslessCodec implements PixelCodec {

    private final String uid;

    /** {@link UID#JPEGLossless} or {@link UID#JPEGLosslessSV1}. */
    public JpegLosslessCodec(String uid) {
        if (!uid.equals(UID.JPEGLossless) && !uid.equals(UID.JPEGLosslessSV1)) {
            throw new IllegalArgumentException(uid + " is not a lossless JPEG transfer syntax");
        }
        this.uid = uid;
    }

    @Override
    public String name() {
        return uid.equals(UID.JPEGLosslessSV1) ? "JPEG lossless SV1" : JpegLosslessDecoder.NAME;
    }

    @Override
    public String transferSyntaxUID() {
        return uid;
    }

    @Override
    public boolean isLossy() {
        return false;
    }

    @Override
    public FrameDecoder decoder(FrameFormat stored) throws CodecException {
        if (stored.bitsAllocated() != 8 && stored.bitsAllocated() != 16) {
            throw new CodecException(name(), "cannot decode into " + stored.bitsAllocated() + " bits allocated", -1);
        }
        return new JpegLosslessDecoder(stored);
    }

    @Override
    public boolean canEncode(FrameFormat source) {
        return (source.bitsAllocated() == 8 || source.bitsAllocated() == 16) && source.samplesPerPixel() <= 4;
    }

    @Override
    public FrameEncoder encoder(FrameFormat source, CodecOptions options) throws CodecException {
        if (!canEncode(source)) {
            throw new CodecException(name(), "cannot encode " + source, -1);
        }
        return new JpegLosslessEncoder(source, uid.equals(UID.JPEGLosslessSV1) ? 1 : options.selectionValue());
    }
}
