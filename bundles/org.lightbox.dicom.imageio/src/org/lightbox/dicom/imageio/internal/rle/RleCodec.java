package org.lightbox.dicom.imageio.internal.rle;

import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.CodecOptions;
import org.lightbox.dicom.imageio.FrameDecoder;
import org.lightbox.dicom.imageio.FrameEncoder;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PixelCodec;

/**
 * RLE Lossless (PS3.5 annex G): one PackBits segment per byte of each sample, most significant byte first, at most
 * 15 segments. Frames keep their planar configuration; the segments are by plane either way.
 */
public final class RleCodec implements PixelCodec {

    static final String NAME = "RLE lossless";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String transferSyntaxUID() {
        return UID.RLELossless;
    }

    @Override
    public boolean isLossy() {
        return false;
    }

    @Override
    public FrameDecoder decoder(FrameFormat stored) throws CodecException {
        check(stored);
        return new RleDecoder(stored);
    }

    @Override
    public boolean canEncode(FrameFormat source) {
        return source.bitsAllocated() != 1 && segments(source) <= 15;
    }

    @Override
    public FrameEncoder encoder(FrameFormat source, CodecOptions options) throws CodecException {
        check(source);
        return new RleEncoder(source);
    }

    static int segments(FrameFormat f) {
        return f.samplesPerPixel() * (f.bitsAllocated() / 8);
    }

    private static void check(FrameFormat f) throws CodecException {
        if (f.bitsAllocated() == 1 || segments(f) > 15) {
            throw new CodecException(NAME, "cannot code " + f + ": more than 15 segments or 1-bit samples", -1);
        }
    }
}
