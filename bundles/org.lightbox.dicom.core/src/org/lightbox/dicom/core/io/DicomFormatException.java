package org.lightbox.dicom.core.io;

import java.io.IOException;

/**
 * Malformed DICOM input: the one exception the reader throws for bad bytes (truncation, impossible lengths,
 * unknown VRs, bad nesting, a bad preamble or file meta information). Says what is wrong, at which byte offset and
 * under which tag path, e.g. {@code (0008,1115)[2]/(0008,1199)[0]/(0008,1155)}: sequence tag, item index, ...,
 * element tag.
 */
public class DicomFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final long offset;
    private final String tagPath;

    public DicomFormatException(String reason, long offset, String tagPath) {
        super(reason + " at byte offset " + offset + (tagPath.isEmpty() ? "" : " in " + tagPath));
        this.reason = reason;
        this.offset = offset;
        this.tagPath = tagPath;
    }

    /** What is wrong, without the position. */
    public String getReason() {
        return reason;
    }

    /**
     * The byte offset of the offending element or item header from the start of the input (of the inflated data
     * for a deflated transfer syntax).
     */
    public long getOffset() {
        return offset;
    }

    /** The path of sequences, item indexes and the element where the problem is; empty at the top level. */
    public String getTagPath() {
        return tagPath;
    }
}
