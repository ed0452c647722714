package org.lightbox.dicom.net.internal;

import org.lightbox.dicom.net.pdu.AAbort;
import org.lightbox.dicom.net.pdu.PduFormatException;
import org.lightbox.dicom.net.pdu.PduType;

/**
 * Walks the presentation data value items of one P-DATA-TF PDU body in place (PS3.8 9.3.5.1), checking each
 * item length against what is left of the PDU. The current PDV stays valid until the next PDU is read.
 */
final class PdvCursor {
    private byte[] pdu;
    /** Where the PDU body starts in {@link #pdu}; error offsets count from the PDU's first byte. */
    private int base;
    private int end;
    private int pos;
    /** Offset of the current item in its PDU. */
    int itemOffset;
    int contextId;
    boolean command;
    boolean last;
    int offset;
    int length;

    void reset(byte[] buffer, int bodyOffset, int bodyLength) {
        this.pdu = buffer;
        this.base = bodyOffset;
        this.end = bodyOffset + bodyLength;
        this.pos = bodyOffset;
    }

    boolean hasNext() {
        return pos < end;
    }

    byte[] buffer() {
        return pdu;
    }

    void next(String association) throws PduFormatException {
        if (end - pos < 6) {
            throw new PduFormatException(association, PduType.P_DATA_TF, 6L + pos - base,
                    AAbort.REASON_INVALID_PDU_PARAMETER_VALUE, "PDV item header truncated");
        }
        long len = ((long) (pdu[pos] & 0xFF) << 24) | ((pdu[pos + 1] & 0xFF) << 16) | ((pdu[pos + 2] & 0xFF) << 8)
                | (pdu[pos + 3] & 0xFF);
        if (len < 2 || len > end - pos - 4) {
            throw new PduFormatException(association, PduType.P_DATA_TF, 6L + pos - base,
                    AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                    "PDV length " + len + " does not fit the " + (end - pos - 4) + " bytes left in the PDU");
        }
        itemOffset = 6 + pos - base;
        contextId = pdu[pos + 4] & 0xFF;
        int mch = pdu[pos + 5] & 0xFF;
        command = (mch & 1) != 0;
        last = (mch & 2) != 0;
        offset = pos + 6;
        length = (int) len - 2;
        pos += 4 + (int) len;
    }
}
