package org.lightbox.catalog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

import org.lightbox.dicom.core.io.DicomFormatException;

/**
 * One instance being received into the {@link FileStore}: a temporary file in the store's {@code incoming}
 * folder (same file system as its final place, so the final rename is atomic). Write the Part 10 bytes as
 * received to {@link #output()}, then {@link #commit()}; {@link #close()} without a commit removes the temporary
 * file (a failed or aborted reception leaves nothing behind). One thread at a time.
 */
public final class IncomingFile implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(IncomingFile.class.getName());
    /** Enough for the preamble, meta information and header of nearly every image (a CT's is about 2 KB). */
    static final int HEAD = 16 * 1024;

    private final FileStore store;
    private final Path temp;
    private final FileChannel channel;
    private final CRC32C crc;
    private final Output output;
    /** The file's first bytes, kept as written: the header is parsed from here, not read back from the file. */
    private final byte[] head = new byte[HEAD];
    private int headLength;
    /**
     * Where the sender's data set starts when the store wrote the file meta information (a network reception: the
     * storage service checked the data set's structure as it copied it); -1 when the caller writes the whole file.
     */
    private long dataSetStart = -1;
    private boolean deflated;
    /** What messages call these bytes: never the temporary file, whose name means nothing to a sender. */
    private String origin = "the file";
    private boolean skipIdentical;
    private long size;
    private boolean finished;
    private boolean committed;
    private boolean closed;

    IncomingFile(FileStore store, Path temp, boolean checksum) throws IOException {
        this.store = store;
        this.temp = temp;
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        this.crc = checksum ? new CRC32C() : null;
        this.output = new Output(); // last: it borrows the store's buffer, given back at the end of writing
    }

    /** Where the bytes go; closing this stream only flushes it. */
    public OutputStream output() {
        return output;
    }

    /** Marks the bytes written so far as the store's meta information; what follows is a network data set. */
    void receivingDataSet(boolean deflatedDataSet) {
        dataSetStart = size();
        deflated = deflatedDataSet;
        origin = "the received data set";
    }

    /** An import: a copy of an instance that is already stored byte for byte is refused as a duplicate. */
    void skipIfIdenticalStored() {
        skipIdentical = true;
    }

    boolean skipsIdenticalStored() {
        return skipIdentical;
    }

    /** Names the bytes in messages (an imported file's name). */
    void describeAs(String name) {
        origin = name;
    }

    String origin() {
        return origin;
    }

    /** True when the caller writes the whole file, whose structure nobody has checked yet. */
    boolean wholeFile() {
        return dataSetStart < 0;
    }

    /**
     * Refuses unreadable data, saying where: for a network data set the offset counts from the start of the data
     * set as sent (of its inflated bytes when deflated), not from the start of the file the store made of it.
     */
    InvalidInstanceException unreadable(DicomFormatException e) {
        if (wholeFile()) {
            return new InvalidInstanceException("unreadable DICOM data in " + origin + ": " + e.getMessage(), e);
        }
        long offset = deflated ? e.getOffset() : e.getOffset() - dataSetStart;
        String where = offset >= 0 ? "at byte offset " + offset + " of the " + (deflated ? "inflated " : "")
                + "data set" : "in the file meta information the store wrote (byte offset " + e.getOffset() + ")";
        return new InvalidInstanceException("unreadable data set: " + e.getReason() + " " + where
                + (e.getTagPath().isEmpty() ? "" : " in " + e.getTagPath()), e);
    }

    /** The temporary file (for diagnostics). */
    public Path temporaryPath() {
        return temp;
    }

    /** The first {@link #headLength()} bytes written (shared, not copied: read them only once writing is done). */
    byte[] head() {
        return head;
    }

    int headLength() {
        return headLength;
    }

    /** Bytes written so far. */
    public long size() {
        return size + output.pending();
    }

    /**
     * Stores the instance: parses its header, forces the file (per the fsync policy), renames it into the store
     * and indexes it in one catalog transaction. Only when this returns may the sender be told "success". On any
     * exception nothing is stored: the file is removed.
     *
     * @throws InvalidInstanceException   not a readable Part 10 file (for a whole file from the caller: one cut short
     *                                    too), or a data set the catalog cannot take (a Study,
     *                                    Series or SOP Instance UID missing, too long or malformed)
     * @throws DuplicateInstanceException the duplicate policy is REJECT and the SOP Instance UID is stored
     */
    public StoredInstance commit() throws IOException, CatalogException {
        if (committed || closed) {
            throw new IllegalStateException("already " + (committed ? "committed" : "closed") + ": " + temp);
        }
        try {
            StoredInstance s = store.commit(this);
            committed = true;
            return s;
        } finally {
            if (!committed) {
                close();
            }
        }
    }

    /**
     * Stores the instance as {@link #commit()} does up to the rename (the file is then durable under its final name,
     * which is when the sender may be told "success"), and catalogues it shortly after on the store's indexing
     * thread, telling {@code listener}. Whatever would keep the catalog from taking the instance is found before this
     * returns, so a file acknowledged is never quarantined later. On an exception nothing is stored: the file is
     * removed.
     *
     * @return the stored file (its catalog rows follow)
     * @throws InvalidInstanceException   not a readable Part 10 file, or a data set the catalog cannot take (a
     *                                    Study, Series or SOP Instance UID missing, too long or malformed)
     * @throws DuplicateInstanceException the duplicate policy is REJECT and the SOP Instance UID is stored
     */
    public StoredFile commitThenIndex(IndexingListener listener) throws IOException, CatalogException {
        if (committed || closed) {
            throw new IllegalStateException("already " + (committed ? "committed" : "closed") + ": " + temp);
        }
        try {
            StoredFile f = store.commitThenIndex(this, listener);
            committed = true;
            return f;
        } finally {
            if (!committed) {
                close();
            }
        }
    }

    /** Flushes, forces when asked, and closes the channel; returns the checksum or {@code null}. */
    String finishWriting(boolean force) throws IOException {
        if (!finished) {
            output.drain();
            output.release();
            if (force) {
                channel.force(false); // fdatasync: the data and the size of a new file, not its times
            }
            channel.close();
            finished = true;
        }
        return crc == null ? null : String.format("CRC32C:%08x", crc.getValue());
    }

    /** Abandons an uncommitted reception: the temporary file is removed. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (committed) {
            return;
        }
        finished = true; // later writes fail instead of touching the returned buffer
        output.release();
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove the unfinished file " + temp
                    + "; the recovery scan will: " + e.getMessage());
        }
    }

    /**
     * Buffers writes in a direct buffer lent by the store and feeds them to the channel; the first bytes and the
     * checksum are taken as they come. A direct buffer spares the copy the JDK makes of a heap array for every
     * write to a channel.
     */
    private final class Output extends OutputStream {
        private ByteBuffer buf = store.takeWriteBuffer();

        @Override
        public void write(int b) throws IOException {
            if (finished) {
                throw new IOException("the file was already committed or closed: " + temp);
            }
            if (!buf.hasRemaining()) {
                drain();
            }
            if (headLength < HEAD) {
                head[headLength++] = (byte) b;
            }
            if (crc != null) {
                crc.update(b);
            }
            buf.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (finished) {
                throw new IOException("the file was already committed or closed: " + temp);
            }
            if (headLength < HEAD) {
                int n = Math.min(len, HEAD - headLength);
                System.arraycopy(b, off, head, headLength, n);
                headLength += n;
            }
            if (crc != null) {
                crc.update(b, off, len);
            }
            while (len > 0) {
                if (!buf.hasRemaining()) {
                    drain();
                }
                int n = Math.min(len, buf.remaining());
                buf.put(b, off, n);
                off += n;
                len -= n;
            }
        }

        /** Bytes buffered, not yet written. */
        int pending() {
            return buf == null ? 0 : buf.position();
        }

        void drain() throws IOException {
            if (buf.position() > 0) {
                buf.flip();
                int n = buf.remaining();
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
                size += n;
                buf.clear();
            }
        }

        /** Gives the buffer back to the store (once writing is done or abandoned). */
        void release() {
            if (buf != null) {
                store.returnWriteBuffer(buf);
                buf = null;
            }
        }

        @Override
        public void flush() throws IOException {
            if (!finished) {
                drain();
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
