package org.lightbox.dicom.net.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

import org.lightbox.dicom.net.pdu.PduEncoder;

/**
 * Cuts one message part (command or data set) into P-DATA-TF PDUs of one PDV each, sized to the peer's maximum.
 * The buffer is allocated once per association and reused; each PDU leaves in a single socket write. A full
 * buffer is held back until more bytes arrive, so the last fragment is never an empty PDV.
 */
public final class PDataOutputStream extends OutputStream {
    private final UpperLayer ul;
    private final byte[] buf;
    private final int capacity;
    private int pcid;
    private boolean command;
    private int count;
    private long total;
    private boolean open;
    private LongConsumer progress;

    public PDataOutputStream(UpperLayer ul) {
        this.ul = ul;
        this.capacity = ul.maxFragmentLength();
        this.buf = new byte[PduEncoder.P_DATA_HEADER_LENGTH + capacity];
    }

    /** Starts a message part on {@code pcid}; {@code progress} (may be null) receives the bytes sent so far. */
    public void begin(int pcid, boolean command, LongConsumer progress) {
        this.pcid = pcid;
        this.command = command;
        this.count = 0;
        this.total = 0;
        this.open = true;
        this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
        if (count == capacity) {
            flushFragment(false);
        }
        buf[PduEncoder.P_DATA_HEADER_LENGTH + count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        checkOpen();
        while (len > 0) {
            if (count == capacity) {
                flushFragment(false);
            }
            int n = Math.min(len, capacity - count);
            System.arraycopy(b, off, buf, PduEncoder.P_DATA_HEADER_LENGTH + count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Copies {@code length} bytes from {@code in} straight into the PDU buffer (no intermediate copy). */
    public void transferFrom(InputStream in, long length, String source) throws IOException {
        checkOpen();
        long left = length;
        while (left > 0) {
            if (count == capacity) {
                flushFragment(false);
            }
            int r = in.read(buf, PduEncoder.P_DATA_HEADER_LENGTH + count, (int) Math.min(capacity - count, left));
            if (r < 0) {
                throw new java.io.EOFException(source + ": ended " + left + " bytes before the announced data set end");
            }
            count += r;
            left -= r;
        }
    }

    /** Sends what is buffered as the last fragment of this message part. */
    public void finish() throws IOException {
        checkOpen();
        flushFragment(true);
        open = false;
    }

    private void checkOpen() throws IOException {
        if (!open) {
            throw new IOException(ul.label() + ": P-DATA stream used outside a message");
        }
    }

    private void flushFragment(boolean last) throws IOException {
        PduEncoder.pDataHeader(buf, 0, pcid, command, last, count);
        ul.sendPData(buf, PduEncoder.P_DATA_HEADER_LENGTH + count);
        total += count;
        count = 0;
        if (progress != null) {
            progress.accept(total);
        }
    }

    /** Message parts are flushed by {@link #finish()} only; a stray flush() from a writer must not end a PDV. */
    @Override
    public void flush() {
    }

    /** Closing is the caller's {@link #finish()}; writers that close their stream must not close the association. */
    @Override
    public void close() {
    }
}
