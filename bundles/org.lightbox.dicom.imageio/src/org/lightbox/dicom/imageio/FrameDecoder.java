package org.lightbox.dicom.imageio;

/**
 * Decodes the compressed frames of one image, frame after frame; obtained from {@link PixelCodec#decoder}. Keeps
 * its working tables between frames, so it is not thread-safe: use one per thread.
 */
public interface FrameDecoder {

    /** The format of the decoded frames (e.g. RGB for a YCbCr baseline JPEG image). */
    FrameFormat decodedFormat();

    /**
     * Decodes the {@code length} bytes at {@code offset} of {@code src} (one frame's compressed data) into
     * {@code dst}, whose format must be {@link #decodedFormat()}.
     *
     * @throws CodecException when the data are corrupt, truncated or do not match the frame format
     */
    void decode(byte[] src, int offset, int length, FrameBuffer dst) throws CodecException;
}
