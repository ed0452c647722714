package org.lightbox.dicom.core.io;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.BulkDataReference;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.internal.Endian;

/**
 * Writes data sets in any of the uncompressed transfer syntaxes (and encapsulated ones, as explicit VR little endian
 * with their fragments), and Part 10 files. Sequences and items keep the length form they were read with, so read
 * then write in the same transfer syntax reproduces the input byte for byte. Writing in another transfer syntax
 * converts: the byte order of binary values by their word size (OW by 2, OF/OL/FL/UL by 4, ...; OB, UN and strings
 * unchanged), and explicit/implicit VR headers. A short-header value longer than 65535 bytes cannot be encoded
 * explicitly and is written as UN. Group length elements (gggg,0000) are recomputed for the target encoding.
 */
public final class DicomWriter implements Closeable, Flushable {

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITATION = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    private static final int META_GROUP_LENGTH = 0x00020000;
    private static final int TRANSFER_SYNTAX_UID = 0x00020010;
    private static final int UNDEFINED = 0xFFFFFFFF;

    private final OutputStream base;
    private OutputStream out;
    private final byte[] buf;
    private int count;
    private boolean explicitVR = true;
    private boolean bigEndian;

    /** A writer with a 64 KB buffer, for files and bulk data. */
    public DicomWriter(OutputStream out) {
        this(out, 64 * 1024);
    }

    /**
     * A writer with a buffer of {@code bufferSize} bytes (at least 256): small for a small data set encoded often
     * (a catalog blob, a C-FIND match, file meta information), since each writer allocates and clears its buffer.
     */
    public DicomWriter(OutputStream out, int bufferSize) {
        this.base = out;
        this.out = out;
        this.buf = new byte[Math.max(256, bufferSize)];
    }

    /**
     * Writes a Part 10 file: preamble, meta information, and the data set in the meta's transfer syntax. Bulk data
     * references are copied from their files, so {@code file} must not be one of those files.
     */
    public static void writeFile(Path file, Attributes fileMetaInformation, Attributes dataset) throws IOException {
        String uid = fileMetaInformation.getString(TRANSFER_SYNTAX_UID);
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("file meta information without Transfer Syntax UID (0002,0010)");
        }
        try (DicomWriter w = new DicomWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            w.writeFileMetaInformation(fileMetaInformation);
            w.writeDataset(dataset, TransferSyntax.of(uid));
        }
    }

    /**
     * Writes the 128-byte preamble (zeros), "DICM", and group 0002 in explicit VR little endian with a correct
     * (0002,0000) group length, whether or not {@code meta} holds one.
     */
    public void writeFileMetaInformation(Attributes meta) throws IOException {
        ensure(132);
        java.util.Arrays.fill(buf, count, count + 128, (byte) 0);
        count += 128;
        buf[count++] = 'D';
        buf[count++] = 'I';
        buf[count++] = 'C';
        buf[count++] = 'M';
        explicitVR = true;
        bigEndian = false;
        long length = 0;
        for (int i = 0; i < meta.size(); i++) {
            if (meta.tagAt(i) != META_GROUP_LENGTH) {
                length += EncodedLength.elementLength(meta, i, true);
            }
        }
        writeGroupLength(META_GROUP_LENGTH, length);
        for (int i = 0; i < meta.size(); i++) {
            if (meta.tagAt(i) != META_GROUP_LENGTH) {
                writeElement(meta, i);
            }
        }
    }

    /** Writes {@code dataset} in {@code ts} (deflated when the transfer syntax says so). */
    public void writeDataset(Attributes dataset, TransferSyntax ts) throws IOException {
        explicitVR = ts.explicitVR();
        bigEndian = ts.bigEndian();
        if (!ts.deflated()) {
            writeElements(dataset);
            return;
        }
        flushBuffer();
        DeflaterOutputStream deflating = new DeflaterOutputStream(base, new Deflater(Deflater.DEFAULT_COMPRESSION,
                true), 8192);
        out = deflating;
        try {
            writeElements(dataset);
            flushBuffer();
            deflating.finish();
        } finally {
            out = base;
        }
    }

    private void writeElements(Attributes a) throws IOException {
        for (int i = 0, n = a.size(); i < n; i++) {
            int tag = a.tagAt(i);
            if ((tag & 0xFFFF) == 0 && a.vrAt(i) == VR.UL) {
                writeGroupLength(tag, EncodedLength.groupLength(a, i, explicitVR));
            } else {
                writeElement(a, i);
            }
        }
    }

    private void writeGroupLength(int tag, long length) throws IOException {
        header(tag, VR.UL, 4);
        ensure(4);
        Endian.putInt(buf, count, (int) length, bigEndian);
        count += 4;
    }

    private void writeElement(Attributes a, int i) throws IOException {
        int tag = a.tagAt(i);
        VR vr = a.vrAt(i);
        Object value = a.valueAt(i);
        if (value instanceof Sequence) {
            writeSequence(tag, vr, (Sequence) value);
        } else if (value instanceof Fragments) {
            Fragments f = (Fragments) value;
            header(tag, f.vr(), UNDEFINED);
            for (int k = 0; k < f.size(); k++) {
                Object fragment = f.get(k);
                if (fragment instanceof byte[]) {
                    byte[] b = (byte[]) fragment;
                    itemHeader(ITEM, b.length);
                    write(b, 0, b.length, 1);
                } else {
                    BulkDataReference ref = (BulkDataReference) fragment;
                    itemHeader(ITEM, (int) ref.length());
                    copy(ref, 1);
                }
            }
            itemHeader(SEQUENCE_DELIMITATION, 0);
        } else {
            long len = value == null ? 0
                    : value instanceof byte[] ? ((byte[]) value).length : ((BulkDataReference) value).length();
            if (len > 0xFFFFFFFEL) {
                throw new IOException("value of " + len + " bytes does not fit a 32-bit length");
            }
            header(tag, explicitVR && !vr.hasLongHeader() && len > 0xFFFF ? VR.UN : vr, (int) len);
            int unit = a.isBigEndian() != bigEndian ? Endian.swapUnit(vr) : 1;
            if (value instanceof byte[]) {
                byte[] b = (byte[]) value;
                write(b, 0, b.length, unit);
            } else if (value != null) {
                copy((BulkDataReference) value, unit);
            }
        }
    }

    private void writeSequence(int tag, VR vr, Sequence seq) throws IOException {
        boolean un = vr == VR.UN; // CP-246: undefined length, items implicit VR little endian
        boolean undefined = un || seq.isUndefinedLength();
        boolean outerExplicit = explicitVR;
        boolean outerBigEndian = bigEndian;
        int length = undefined ? UNDEFINED : (int) checkLength(EncodedLength.itemsLength(seq, explicitVR));
        header(tag, vr, length);
        if (un) {
            explicitVR = false;
            bigEndian = false;
        }
        for (Attributes item : seq) {
            boolean itemUndefined = item.isUndefinedLength();
            itemHeader(ITEM, itemUndefined ? UNDEFINED
                    : (int) checkLength(EncodedLength.elementsLength(item, explicitVR)));
            writeElements(item);
            if (itemUndefined) {
                itemHeader(ITEM_DELIMITATION, 0);
            }
        }
        if (undefined) {
            itemHeader(SEQUENCE_DELIMITATION, 0);
        }
        explicitVR = outerExplicit;
        bigEndian = outerBigEndian;
    }

    private static long checkLength(long length) {
        if (length > 0xFFFFFFFEL) {
            throw new IllegalStateException("an item or sequence of " + length + " bytes needs undefined length");
        }
        return length;
    }

    // ------------------------------------------------------------------ bytes

    private void header(int tag, VR vr, int length) throws IOException {
        ensure(12);
        Endian.putTag(buf, count, tag, bigEndian);
        if (!explicitVR) {
            Endian.putInt(buf, count + 4, length, bigEndian);
            count += 8;
            return;
        }
        int code = vr.code();
        buf[count + 4] = (byte) (code >>> 8);
        buf[count + 5] = (byte) code;
        if (vr.hasLongHeader()) {
            buf[count + 6] = 0;
            buf[count + 7] = 0;
            Endian.putInt(buf, count + 8, length, bigEndian);
            count += 12;
        } else {
            Endian.putShort(buf, count + 6, length, bigEndian);
            count += 8;
        }
    }

    private void itemHeader(int tag, int length) throws IOException {
        ensure(8);
        Endian.putTag(buf, count, tag, bigEndian);
        Endian.putInt(buf, count + 4, length, bigEndian);
        count += 8;
    }

    /** Writes b[off, off+len), reversing each {@code unit}-byte word when unit > 1 (the source is not changed). */
    private void write(byte[] b, int off, int len, int unit) throws IOException {
        if (unit == 1 && len >= buf.length) {
            flushBuffer();
            out.write(b, off, len);
            return;
        }
        while (len > 0) {
            if (count == buf.length) {
                flushBuffer();
            }
            int n = Math.min(len, (buf.length - count) / 8 * 8); // whole words per chunk
            if (n == 0) {
                flushBuffer();
                continue;
            }
            System.arraycopy(b, off, buf, count, n);
            Endian.swap(buf, count, n, unit);
            count += n;
            off += n;
            len -= n;
        }
    }

    /** Copies a bulk data value from its file, in chunks, swapping words when {@code unit > 1}. */
    private void copy(BulkDataReference ref, int unit) throws IOException {
        try (FileChannel ch = FileChannel.open(ref.file(), StandardOpenOption.READ)) {
            long pos = ref.offset();
            long left = ref.length();
            while (left > 0) {
                if (buf.length - count < 8) {
                    flushBuffer();
                }
                int n = (int) Math.min(left, (buf.length - count) / 8 * 8);
                ByteBuffer bb = ByteBuffer.wrap(buf, count, n);
                while (bb.hasRemaining()) {
                    int r = ch.read(bb, pos + (bb.position() - count));
                    if (r < 0) {
                        throw new EOFException(ref.file() + " ends inside the bulk data at " + ref.offset());
                    }
                }
                Endian.swap(buf, count, n, unit);
                count += n;
                pos += n;
                left -= n;
            }
        }
    }

    private void ensure(int n) throws IOException {
        if (buf.length - count < n) {
            flushBuffer();
        }
    }

    private void flushBuffer() throws IOException {
        if (count > 0) {
            out.write(buf, 0, count);
            count = 0;
        }
    }

    @Override
    public void flush() throws IOException {
        flushBuffer();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            base.close();
        }
    }
}
