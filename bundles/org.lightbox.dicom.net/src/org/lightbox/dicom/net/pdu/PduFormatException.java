package org.lightbox.dicom.net.pdu;

import java.io.IOException;

/**
 * An incoming PDU violates PS3.8: the message names the PDU type, the byte offset within the PDU and the
 * association, and {@link #abortReason()} is the A-ABORT reason the upper layer sends back (PS3.8 9.3.8).
 */
public class PduFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int pduType;
    private final long offset;
    private final int abortReason;

    public PduFormatException(String association, int pduType, long offset, int abortReason, String problem) {
        super(association + ": " + PduType.name(pduType) + " at byte " + offset + ": " + problem);
        this.pduType = pduType;
        this.offset = offset;
        this.abortReason = abortReason;
    }

    public int pduType() {
        return pduType;
    }

    public long offset() {
        return offset;
    }

    /** One of the {@code AAbort.REASON_*} provider reasons. */
    public int abortReason() {
        return abortReason;
    }
}
