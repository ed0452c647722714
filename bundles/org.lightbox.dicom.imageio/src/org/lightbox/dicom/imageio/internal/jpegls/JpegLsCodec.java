package org.lightbox.dicom.imageio.internal.jpegls;

import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.CodecOptions;
import org.lightbox.dicom.imageio.FrameDecoder;
import org.lightbox.dicom.imageio.FrameEncoder;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PixelCodec;

/** JPEG-LS Lossless or Near-Lossless: both decode either kind; the near-lossless one encodes with NEAR > 0. */
public final class JpegLsCodec implements PixelCodec {

    private final boolean nearLossless;

    /** {@link UID#JPEGLSLossless} or {@link UID#JPEGLSNearLossless}. */
    public JpegLsCodec(String uid) {
        if (!uid.equals(UID.JPEGLSLossless) && !uid.equals(UID.JPEGLSNearLossless)) {
            throw new IllegalArgumentException(uid + " is not a JPEG-LS transfer syntax");
        }
        this.nearLossless = uid.equals(UID.JPEGLSNearLossless);
    }

    @Override
    public String name() {
        return nearLossless ? "JPEG-LS near-lossless" : "JPEG-LS lossless";
    }

    @Override
    public String transferSyntaxUID() {
        return nearLossless ? UID.JPEGLSNearLossless : UID.JPEGLSLossless;
    }

    @Override
    public boolean isLossy() {
        return nearLossless;
    }

    @Override
    public FrameDecoder decoder(FrameFormat stored) throws CodecException {
        if (stored.bitsAllocated() != 8 && stored.bitsAllocated() != 16) {
            throw new CodecException(name(), "cannot decode into " + stored.bitsAllocated() + " bits allocated", -1);
        }
        return new JpegLsDecoder(stored);
    }

    @Override
    public boolean canEncode(FrameFormat source) {
        return source.bitsAllocated() == 8 || source.bitsAllocated() == 16;
    }

    @Override
    public FrameEncoder encoder(FrameFormat source, CodecOptions options) throws CodecException {
        if (!canEncode(source)) {
            throw new CodecException(name(), "cannot encode " + source, -1);
        }
        int near = nearLossless ? Math.min(options.nearLossless(), ((1 << Math.max(2, source.bitsStored())) - 1) / 2)
                : 0;
        return new JpegLsEncoder(source, near);
    }
}
