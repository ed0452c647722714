package org.lightbox.dicom.imageio;

import java.io.IOException;

/**
 * A compressed frame could not be decoded or encoded: the stream is corrupt or truncated, or uses a feature the
 * codec does not support. Names the codec, the frame (0-based; -1 when not known yet) and, for decoding, the byte
 * offset in the frame's compressed stream (-1 when not meaningful).
 */
public class CodecException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String codec;
    private final int frame;
    private final long offset;
    private final String reason;

    public CodecException(String codec, String reason, long offset) {
        this(codec, reason, -1, offset, null);
    }

    public CodecException(String codec, String reason, int frame, long offset, Throwable cause) {
        super(message(codec, reason, frame, offset), cause);
        this.codec = codec;
        this.reason = reason;
        this.frame = frame;
        this.offset = offset;
    }

    private static String message(String codec, String reason, int frame, long offset) {
        StringBuilder sb = new StringBuilder(codec);
        if (frame >= 0) {
            sb.append(", frame ").append(frame + 1);
        }
        if (offset >= 0) {
            sb.append(", byte ").append(offset);
        }
        return sb.append(": ").append(reason).toString();
    }

    /** The same failure with the frame number filled in by whoever knows it. */
    public CodecException inFrame(int frameIndex) {
        if (frame == frameIndex) {
            return this;
        }
        CodecException e = new CodecException(codec, reason, frameIndex, offset, getCause());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The codec's name, e.g. "JPEG lossless". */
    public String getCodec() {
        return codec;
    }

    /** The 0-based frame index, or -1. */
    public int getFrame() {
        return frame;
    }

    /** The byte offset within the frame's compressed data, or -1. */
    public long getOffset() {
        return offset;
    }

    /** The reason without codec, frame and offset. */
    public String getReason() {
        return reason;
    }
}
