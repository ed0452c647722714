package org.lightbox.dicom.net.pdu;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads whole PDUs from a transport stream into one reusable buffer. The length in the header is checked
 * against the limit for that PDU type before any byte of the body is buffered, and the buffer only grows as
 * the bytes actually arrive, so a hostile length can cost neither memory nor a hang beyond the socket timeout.
 */
public final class PduReader {
    /** A-ASSOCIATE-RQ/AC PDUs are small (hundreds of contexts still fit in a few dozen KB). */
    public static final int ASSOCIATE_PDU_CAP = 1 << 20;
    /** The limit for P-DATA-TF regardless of negotiation. */
    public static final int ABSOLUTE_PDU_CAP = 64 << 20;
    /** Tolerance over the maximum length we announced, for peers that count the PDU header in. */
    public static final int SLACK = 256;
    private static final int INITIAL = 16 * 1024 + 64;

    private final InputStream in;
    private volatile String association;
    private byte[] buf = new byte[INITIAL];
    private int type;
    private int length;
    private long maxPDataLength;
    private long pdusRead;

    /**
     * @param maxPDataLength the maximum P-DATA-TF length we announced (0 = unlimited, i.e. the absolute cap)
     */
    public PduReader(InputStream in, String association, long maxPDataLength) {
        this.in = in;
        this.association = association;
        this.maxPDataLength = maxPDataLength;
    }

    /** Renames the association in error messages once the AE titles are known. */
    public void association(String label) {
        this.association = label;
    }

    public void maxPDataLength(long v) {
        this.maxPDataLength = v;
    }

    /**
     * Reads the next PDU. Returns its type; the body is in {@link #body()} with {@link #length()} bytes.
     *
     * @throws EOFException if the stream ends before a header starts (the peer closed the connection)
     * @throws PduFormatException if the header is invalid or the PDU is too long
     * @throws TruncatedPduException if the stream ends inside a PDU
     */
    public int read() throws IOException {
        int t = in.read();
        if (t < 0) {
            throw new EOFException(association + ": connection closed by peer");
        }
        byte[] h = new byte[5];
        readFully(h, 0, 5, 1, t);
        long len = ((long) (h[1] & 0xFF) << 24) | ((h[2] & 0xFF) << 16) | ((h[3] & 0xFF) << 8) | (h[4] & 0xFF);
        long limit;
        switch (t) {
            case PduType.A_ASSOCIATE_RQ:
            case PduType.A_ASSOCIATE_AC:
                limit = ASSOCIATE_PDU_CAP;
                break;
            case PduType.P_DATA_TF:
                limit = maxPDataLength == 0 ? ABSOLUTE_PDU_CAP : Math.min(ABSOLUTE_PDU_CAP, maxPDataLength + SLACK);
                break;
            case PduType.A_ASSOCIATE_RJ:
            case PduType.A_RELEASE_RQ:
            case PduType.A_RELEASE_RP:
            case PduType.A_ABORT:
                if (len != 4) {
                    throw new PduFormatException(association, t, 2, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                            "PDU length " + len + ", expected 4");
                }
                limit = 4;
                break;
            default:
                throw new PduFormatException(association, t, 0, AAbort.REASON_UNRECOGNIZED_PDU,
                        String.format("unrecognized PDU type 0x%02X (PDU #%d)", t, pdusRead + 1));
        }
        if (len > limit) {
            throw new PduFormatException(association, t, 2, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                    "PDU length " + len + " exceeds the limit of " + limit + " bytes");
        }
        int n = (int) len;
        int off = 0;
        while (off < n) {
            if (off == buf.length) {
                // grow only once the current capacity has been filled by real bytes
                byte[] bigger = new byte[(int) Math.min(n, Math.max(buf.length * 2L, INITIAL))];
                System.arraycopy(buf, 0, bigger, 0, off);
                buf = bigger;
            }
            int r = in.read(buf, off, Math.min(n, buf.length) - off);
            if (r < 0) {
                throw new TruncatedPduException(association, t, 6L + off,
                        "connection closed after " + off + " of " + n + " body bytes");
            }
            off += r;
        }
        type = t;
        length = n;
        pdusRead++;
        return t;
    }

    private void readFully(byte[] b, int off, int n, int pduOffset, int t) throws IOException {
        while (n > 0) {
            int r = in.read(b, off, n);
            if (r < 0) {
                throw new TruncatedPduException(association, t, pduOffset + off, "connection closed inside PDU header");
            }
            off += r;
            n -= r;
        }
    }

    public int type() {
        return type;
    }

    public byte[] body() {
        return buf;
    }

    public int length() {
        return length;
    }

    /** Thrown when the stream ends inside a PDU: the transport is gone, so no A-ABORT can be sent. */
    public static final class TruncatedPduException extends PduFormatException {
        private static final long serialVersionUID = 1L;

        public TruncatedPduException(String association, int pduType, long offset, String problem) {
            super(association, pduType, offset, AAbort.REASON_NOT_SPECIFIED, problem);
        }
    }
}
