package org.lightbox.dicom.imageio;

/**
 * A compressed transfer syntax's pixel data codec. {@link PixelCodecs} finds the one for a transfer syntax.
 */
public interface PixelCodec {

    /** A short name for messages, e.g. "JPEG lossless". */
    String name();

    /** The transfer syntax UID whose encapsulated frames this codec reads and writes. */
    String transferSyntaxUID();

    /** True when frames encoded by this codec are an approximation (lossy JPEG, JPEG-LS near-lossless). */
    boolean isLossy();

    /**
     * A decoder for the frames of an image whose data set declares {@code stored}.
     *
     * @throws CodecException when the codec cannot decode frames of that format
     */
    FrameDecoder decoder(FrameFormat stored) throws CodecException;

    /** True when {@link #encoder} accepts frames of {@code source}. */
    boolean canEncode(FrameFormat source);

    /**
     * An encoder for frames of {@code source} (native pixel data as a data set declares it).
     *
     * @throws CodecException when the codec cannot encode frames of that format
     */
    FrameEncoder encoder(FrameFormat source, CodecOptions options) throws CodecException;
}
