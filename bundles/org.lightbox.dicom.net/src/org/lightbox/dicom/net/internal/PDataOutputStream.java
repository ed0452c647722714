package org.lightbox.dicom.net.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.util.function.LongConsumer;

import org.lightbox.dicom.net.pdu.PduType;

/**
 * Frames the parts of outgoing messages (command, then data set) into P-DATA-TF PDUs no longer than the peer's
 * maximum, and sends them in batches: one socket write carries several PDUs, and a message's last batch leaves
 * when the message ends. A small message thus costs one system call, a 512 KB image a few instead of one per
 * PDU. When a data set follows, the command's PDV and the first data PDV share a PDU. File data is read straight
 * into the batch buffer, which is allocated once per association. A full PDV is held back until more bytes
 * arrive, so the last fragment of a part is never an empty PDV.
 */
public final class PDataOutputStream extends OutputStream {
    /** Bytes gathered before a socket write: few system calls, while the peer still starts early on big data sets. */
    static final int BATCH_BYTES = 256 * 1024;
    /** The data PDV joins the command's PDU only if this much room is left, so no silly small fragments result. */
    static final int MIN_SHARED_FRAGMENT = 1024;
    private static final int PDU_HEADER = 6; // type, reserved, 4-byte length
    private static final int PDV_HEADER = 6; // 4-byte item length, context id, message control header

    private final UpperLayer ul;
    /** Longest PDU (the value of its length field) we may send. */
    private final int maxPdu;
    private final byte[] buf;
    /** End of the bytes gathered in {@link #buf}. */
    private int pos;
    /** Header positions of the PDU and PDV being filled, -1 when none is open. */
    private int pduStart = -1;
    private int pdvStart = -1;
    private int pcid;
    private boolean command;
    private boolean open;
    /** A batch of the current message has been sent (not its last). */
    private boolean messagePartlySent;
    private long total;
    private LongConsumer progress;

    public PDataOutputStream(UpperLayer ul) {
        this.ul = ul;
        this.maxPdu = ul.maxFragmentLength() + PDV_HEADER;
        int perPdu = PDU_HEADER + maxPdu;
        this.buf = new byte[Math.max(1, BATCH_BYTES / perPdu) * perPdu];
    }

    /**
     * Starts a message part on {@code pcid}; {@code progress} (may be null) receives the bytes of this part sent so
     * far. A data part following a command {@link #finish(boolean) finished with more to come} shares its PDU.
     */
    public void begin(int pcid, boolean command, LongConsumer progress) throws IOException {
        if (open) {
            throw new IOException(ul.label() + ": P-DATA message part begun before the previous one finished");
        }
        if (command) {
            messagePartlySent = false;
        }
        this.pcid = pcid;
        this.command = command;
        this.total = 0;
        this.progress = progress;
        this.open = true;
        if (pduStart >= 0 && maxPdu - pduLength() < PDV_HEADER + MIN_SHARED_FRAGMENT) {
            closePdu();
        }
        if (pduStart < 0) {
            openPdu();
        }
        openPdv();
    }

    /** Bytes in the open PDU after its header, PDV headers included. */
    private int pduLength() {
        return pos - pduStart - PDU_HEADER;
    }

    /** Data bytes the open PDV can still take. */
    private int room() {
        return maxPdu - pduLength();
    }

    private void openPdu() throws IOException {
        if (buf.length - pos < PDU_HEADER + maxPdu) {
            sendBatch();
        }
        pduStart = pos;
        pos += PDU_HEADER;
    }

    private void openPdv() {
        pdvStart = pos;
        pos += PDV_HEADER;
    }

    private void closePdv(boolean last) {
        int length = pos - pdvStart - 4;
        putInt(pdvStart, length);
        buf[pdvStart + 4] = (byte) pcid;
        buf[pdvStart + 5] = (byte) ((command ? 1 : 0) | (last ? 2 : 0));
        total += length - 2;
        pdvStart = -1;
    }

    private void closePdu() {
        buf[pduStart] = PduType.P_DATA_TF;
        buf[pduStart + 1] = 0;
        putInt(pduStart + 2, pduLength());
        pduStart = -1;
    }

    private void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
    }

    /** The open PDV is full and more bytes come: it ends (not last) with its PDU, and the next PDU starts. */
    private void nextFragment() throws IOException {
        closePdv(false);
        closePdu();
        openPdu();
        openPdv();
    }

    private void sendBatch() throws IOException {
        if (pos > 0) {
            messagePartlySent = true;
            ul.sendPData(buf, pos);
            pos = 0;
            if (progress != null) {
                progress.accept(total);
            }
        }
    }

    private void checkOpen() throws IOException {
        if (!open) {
            throw new IOException(ul.label() + ": P-DATA stream used outside a message");
        }
    }

    @Override
    public void write(int b) throws IOException {
        checkOpen();
        if (room() == 0) {
            nextFragment();
        }
        buf[pos++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        checkOpen();
        while (len > 0) {
            if (room() == 0) {
                nextFragment();
            }
            int n = Math.min(len, room());
            System.arraycopy(b, off, buf, pos, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Copies {@code length} bytes of {@code file} from {@code position} straight into the PDU buffer, one read per PDV. */
    public void transferFrom(RandomAccessFile file, long position, long length, String source) throws IOException {
        checkOpen();
        file.seek(position);
        long left = length;
        while (left > 0) {
            left = fill(file, left, source);
            if (left > 0) {
                nextFragment(); // the batch is full: it is sent here, outside the copying loop
            }
        }
    }

    /**
     * Reads file bytes into PDVs while whole PDUs still fit the batch; returns the bytes left. The loop runs once
     * per PDU and holds no socket code, so the compiler keeps it small.
     */
    private long fill(RandomAccessFile file, long left, String source) throws IOException {
        while (left > 0) {
            if (room() == 0) {
                if (buf.length - pos < PDU_HEADER + maxPdu) {
                    return left;
                }
                closePdv(false);
                closePdu();
                pduStart = pos;
                pos += PDU_HEADER;
                openPdv();
            }
            int r = file.read(buf, pos, (int) Math.min(room(), left));
            if (r < 0) {
                throw new EOFException(source + ": ends " + left + " bytes before the expected data set end");
            }
            pos += r;
            left -= r;
        }
        return 0;
    }

    /**
     * Ends the current message part with its last fragment. With {@code more} (a data set follows the command)
     * the PDU stays open for the next part; otherwise the message is complete and everything gathered is sent.
     */
    public void finish(boolean more) throws IOException {
        checkOpen();
        closePdv(true);
        open = false;
        if (!more) {
            closePdu();
            sendBatch();
            messagePartlySent = false;
        }
    }

    /**
     * Drops what a failed message left unsent. Returns true if none of the message had gone out, so the peer saw
     * nothing and the association stays usable; false if a part was sent and the peer now waits for the rest.
     */
    public boolean abandon() {
        boolean clean = !messagePartlySent;
        messagePartlySent = false;
        pos = 0;
        pduStart = -1;
        pdvStart = -1;
        open = false;
        return clean;
    }

    /** Message parts are sent by {@link #finish} only; a stray flush() from a writer must not end a PDV. */
    @Override
    public void flush() {
    }

    /** Closing is the caller's {@link #finish}; writers that close their stream must not close the association. */
    @Override
    public void close() {
    }
}
