package org.lightbox.dicom.net.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

import org.lightbox.dicom.core.io.ChunkedInput;
import org.lightbox.dicom.net.pdu.AAbort;
import org.lightbox.dicom.net.pdu.PduFormatException;
import org.lightbox.dicom.net.pdu.PduType;

/**
 * The data set of one incoming message, read PDV by PDV straight out of the PDU buffer as the fragments arrive.
 * Ends after the fragment flagged "last". Any other PDU or a PDV of another context in between is a protocol
 * violation that aborts the association.
 */
public final class PdvInputStream extends InputStream implements ChunkedInput {
    private final UpperLayer ul;
    private final int pcid;
    private final LongConsumer progress;
    private byte[] buf;
    private int pos;
    private int end;
    private boolean last;
    private long total;

    public PdvInputStream(UpperLayer ul, int pcid, LongConsumer progress) {
        this.ul = ul;
        this.pcid = pcid;
        this.progress = progress;
    }

    private boolean fill() throws IOException {
        while (pos == end) {
            if (last) {
                return false;
            }
            int r = ul.next();
            if (r != UpperLayer.PDV) {
                throw ul.protocolError(new PduFormatException(ul.label(), PduType.P_DATA_TF, 0,
                        AAbort.REASON_UNEXPECTED_PDU,
                        r == UpperLayer.RELEASE_INDICATION ? "A-RELEASE-RQ in the middle of a data set"
                                : "association closed in the middle of a data set"));
            }
            if (ul.pdvCommand() || ul.pdvContextId() != pcid) {
                throw ul.protocolError(new PduFormatException(ul.label(), PduType.P_DATA_TF, ul.pdvItemOffset() + 4L,
                        AAbort.REASON_UNEXPECTED_PDU_PARAMETER,
                        (ul.pdvCommand() ? "command" : "data") + " fragment on presentation context " + ul.pdvContextId()
                                + " inside the data set on context " + pcid));
            }
            buf = ul.pdvBuffer();
            pos = ul.pdvOffset();
            end = pos + ul.pdvLength();
            last = ul.pdvLast();
            total += ul.pdvLength();
            if (progress != null) {
                progress.accept(total);
            }
        }
        return true;
    }

    @Override
    public int read() throws IOException {
        return fill() ? buf[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, end - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public int available() {
        return end - pos;
    }

    /** Hands each fragment to {@code out} as it arrives: the streaming path of a C-STORE receiver. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        long n = 0;
        while (fill()) {
            int len = end - pos;
            out.write(buf, pos, len);
            pos = end;
            n += len;
        }
        return n;
    }

    /** Hands up to {@code max} bytes to {@code out} straight from the PDU buffer (pixel data on its way to a file). */
    @Override
    public long transferTo(OutputStream out, long max) throws IOException {
        long n = 0;
        while (n < max && fill()) {
            int len = (int) Math.min(end - pos, max - n);
            out.write(buf, pos, len);
            pos += len;
            n += len;
        }
        return n;
    }

    /** Reads everything into memory, refusing more than {@code cap} bytes. */
    public byte[] readAll(int cap, String what) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        while (fill()) {
            int len = end - pos;
            if (b.size() + (long) len > cap) {
                throw ul.protocolError(new PduFormatException(ul.label(), PduType.P_DATA_TF, 0,
                        AAbort.REASON_NOT_SPECIFIED, what + " exceeds " + cap + " bytes"));
            }
            b.write(buf, pos, len);
            pos = end;
        }
        return b.toByteArray();
    }

    /** Skips the rest of the data set (e.g. after a service stopped reading early). */
    public void drain() throws IOException {
        while (fill()) {
            pos = end;
        }
    }

    public boolean isComplete() {
        return last && pos == end;
    }

    /** A service may close the stream; the rest of the data set is still consumed by the framework. */
    @Override
    public void close() {
    }
}
