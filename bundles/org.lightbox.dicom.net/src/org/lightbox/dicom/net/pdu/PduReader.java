package org.lightbox.dicom.net.pdu;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads whole PDUs from a transport stream through its own buffer: one read system call fetches up to
 * {@link #READ_AHEAD} bytes, often several PDUs, and each body is used where it lies (no copy into a second
 * buffer). The length in the header is checked against the limit for that PDU type before any byte of the body is
 * buffered, and the buffer only grows as the bytes actually arrive, so a hostile length can cost neither memory nor
 * a hang beyond the socket timeout.
 */
public final class PduReader {
    /** A-ASSOCIATE-RQ/AC PDUs are small (hundreds of contexts still fit in a few dozen KB). */
    public static final int ASSOCIATE_PDU_CAP = 1 << 20;
    /** The limit for P-DATA-TF regardless of negotiation. */
    public static final int ABSOLUTE_PDU_CAP = 64 << 20;
    /** Tolerance over the maximum length we announced, for peers that count the PDU header in. */
    public static final int SLACK = 256;
    /** Bytes asked of the stream per read: four 16 KB PDUs. */
    static final int READ_AHEAD = 64 * 1024;
    private static final int HEADER = 6;

    private final InputStream in;
    private volatile String association;
    private byte[] buf = new byte[READ_AHEAD];
    /** Start of the current PDU (its header) and end of the bytes read so far. */
    private int pos;
    private int lim;
    private int type;
    private int length;
    /** Bytes of the PDU last returned, skipped by the next read. */
    private int consumed;
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
     * Reads the next PDU. Returns its type; the body is in {@link #buffer()} from {@link #offset()} with
     * {@link #length()} bytes, valid until the next call.
     *
     * @throws EOFException if the stream ends before a header starts (the peer closed the connection)
     * @throws PduFormatException if the header is invalid or the PDU is too long
     * @throws TruncatedPduException if the stream ends inside a PDU
     */
    public int read() throws IOException {
        pos += consumed;
        consumed = 0;
        type = 0;
        length = 0;
        if (!fill(HEADER, -1, 0)) {
            throw new EOFException(association + ": connection closed by peer");
        }
        int t = buf[pos] & 0xFF;
        long len = ((long) (buf[pos + 2] & 0xFF) << 24) | ((buf[pos + 3] & 0xFF) << 16) | ((buf[pos + 4] & 0xFF) << 8)
                | (buf[pos + 5] & 0xFF);
        long limit = t == PduType.P_DATA_TF
                ? (maxPDataLength == 0 ? ABSOLUTE_PDU_CAP : Math.min(ABSOLUTE_PDU_CAP, maxPDataLength + SLACK))
                : controlLimit(t, len);
        if (len > limit) {
            throw new PduFormatException(association, t, 2, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                    "PDU length " + len + " exceeds the limit of " + limit + " bytes");
        }
        fill(HEADER + (int) len, t, (int) len);
        type = t;
        length = (int) len;
        consumed = HEADER + length;
        pdusRead++;
        return t;
    }

    /** The length limit of the PDU types other than P-DATA-TF; refuses unknown types and bad fixed lengths. */
    private long controlLimit(int t, long len) throws PduFormatException {
        switch (t) {
            case PduType.A_ASSOCIATE_RQ:
            case PduType.A_ASSOCIATE_AC:
                return ASSOCIATE_PDU_CAP;
            case PduType.A_ASSOCIATE_RJ:
            case PduType.A_RELEASE_RQ:
            case PduType.A_RELEASE_RP:
            case PduType.A_ABORT:
                if (len != 4) {
                    throw new PduFormatException(association, t, 2, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE,
                            "PDU length " + len + ", expected 4");
                }
                return 4;
            default:
                throw new PduFormatException(association, t, 0, AAbort.REASON_UNRECOGNIZED_PDU,
                        String.format("unrecognized PDU type 0x%02X (PDU #%d)", t, pdusRead + 1));
        }
    }

    /**
     * Makes {@code need} bytes from {@link #pos} available. Returns false if the stream ended before the first byte
     * (only asked for a header, {@code pduType} -1); an end later is a truncated PDU.
     */
    private boolean fill(int need, int pduType, int bodyLength) throws IOException {
        while (lim - pos < need) {
            if (buf.length - pos < need) {
                makeRoom(need);
            }
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                int have = lim - pos;
                if (pduType < 0) {
                    if (have == 0) {
                        return false;
                    }
                    throw new TruncatedPduException(association, buf[pos] & 0xFF, have,
                            "connection closed inside PDU header");
                }
                throw new TruncatedPduException(association, pduType, have,
                        "connection closed after " + (have - HEADER) + " of " + bodyLength + " body bytes");
            }
            lim += r;
        }
        return true;
    }

    /**
     * Moves the current PDU's bytes to the front; grows the buffer only when it is full of bytes that really
     * arrived and the PDU still does not fit (doubling, up to the PDU's size).
     */
    private void makeRoom(int need) {
        int have = lim - pos;
        if (need > buf.length && have == buf.length) {
            byte[] bigger = new byte[(int) Math.min(need, buf.length * 2L)];
            System.arraycopy(buf, pos, bigger, 0, have);
            buf = bigger;
        } else {
            System.arraycopy(buf, pos, buf, 0, have);
        }
        pos = 0;
        lim = have;
    }

    public int type() {
        return type;
    }

    /** The buffer holding the current PDU's body at {@link #offset()}; valid until the next {@link #read()}. */
    public byte[] buffer() {
        return buf;
    }

    /** Where the current PDU's body starts in {@link #buffer()}. */
    public int offset() {
        return pos + HEADER;
    }

    /** A copy of the current PDU's body, from index 0: for the rare control PDUs handed to the decoder. */
    public byte[] body() {
        return java.util.Arrays.copyOfRange(buf, pos + HEADER, pos + HEADER + length);
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
