package org.lightbox.dicom.imageio;

/**
 * Encodes the frames of one image, frame after frame; obtained from {@link PixelCodec#encoder}. Not thread-safe.
 */
public interface FrameEncoder {

    /**
     * The format a data set declares for the encoded frames: the Photometric Interpretation changes when a lossy
     * JPEG encoder codes RGB as YCbCr, the Planar Configuration when the codec fixes it.
     */
    FrameFormat encodedFormat();

    /** True when decoding gives back only an approximation of the input. */
    boolean isLossy();

    /** Encodes one frame (in the format the encoder was made for) and returns the compressed bytes. */
    byte[] encode(FrameBuffer src) throws CodecException;
}
