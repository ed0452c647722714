package org.lightbox.dicom.imageio;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomFile;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.imageio.internal.PixelDataElementWriter;

/**
 * Rewrites a data set in another transfer syntax, decoding and encoding its pixel data frame by frame so that only
 * one frame (native and compressed) is in memory at a time. Every other attribute is kept; those that describe the
 * new pixel data are fixed: Photometric Interpretation (YCbCr after lossy JPEG, RGB after decoding it), Planar
 * Configuration, Bits Stored and High Bit when the codec changes them, Lossy Image Compression with its ratio and
 * method (values appended to earlier ones), the transfer syntax in the file meta information, and (by default) a new
 * SOP Instance UID when lossy compression is newly applied.
 * <p>
 * Lossless targets stream straight to the output (a file gets its Basic Offset Table filled in afterwards); lossy
 * ones spool the compressed frames to a temporary file first, because the compression ratio must be written before
 * the pixel data. A deflated target holds the pixel data in memory (deflate cannot be streamed into later).
 */
public final class Transcoder {

    private static final System.Logger LOG = System.getLogger(Transcoder.class.getName());

    private final CodecOptions options;
    private final boolean newUidWhenLossy;

    /** Default codec options; a new SOP Instance UID when lossy compression is applied. */
    public Transcoder() {
        this(CodecOptions.DEFAULT, true);
    }

    public Transcoder(CodecOptions options, boolean newInstanceUidWhenLossy) {
        this.options = options;
        this.newUidWhenLossy = newInstanceUidWhenLossy;
    }

    /**
     * What a transcoding did.
     *
     * @param frames frames decoded and re-encoded (0 when the pixel data were copied unchanged)
     * @param lossy true when this transcoding applied lossy compression
     * @param sopInstanceUID the SOP Instance UID of the result (new when lossy compression was applied)
     */
    public record Result(TransferSyntax source, TransferSyntax target, int frames, boolean lossy,
            String sopInstanceUID) {
    }

    /**
     * Transcodes a file into another file, written to a temporary file next to it first and then moved into place,
     * so a failure leaves no partial output and {@code in} may equal {@code out}.
     */
    public Result transcode(Path in, Path out, TransferSyntax target) throws IOException {
        return transcode(DicomReader.readFile(in, ReadOptions.DEFAULT.withAcceptOddLengths(true)), out, target);
    }

    /** Writes {@code source} (read with pixel data by reference, say) as a Part 10 file in {@code target}. */
    public Result transcode(DicomFile source, Path out, TransferSyntax target) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".transcode", ".tmp");
        try {
            Result r;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                Counting os = new Counting(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16));
                os.dir = dir;
                Attributes meta = source.fileMetaInformation() != null ? new Attributes(source.fileMetaInformation())
                        : FileMetaInformation.create(source.dataset().getString(Tag.SOPClassUID, ""),
                                source.dataset().getString(Tag.SOPInstanceUID, ""), target.uid());
                r = write(source.dataset(), source.transferSyntax(), meta, target, os, ch);
            }
            try {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
            return r;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Writes {@code dataset} (encoded in {@code sourceTs}) as a bare data set in {@code target} to {@code out}, as a
     * network sender needs; the Basic Offset Table of a lossless target is left empty.
     */
    public Result writeDataset(Attributes dataset, TransferSyntax sourceTs, TransferSyntax target, OutputStream out)
            throws IOException {
        return write(dataset, sourceTs, null, target, new Counting(out), null);
    }

    // ------------------------------------------------------------------ the work

    private Result write(Attributes source, TransferSyntax from, Attributes meta, TransferSyntax to, Counting os,
            FileChannel seekable) throws IOException {
        Attributes ds = new Attributes(source);
        boolean hasPixels = ds.getValue(Tag.PixelData) != null;
        boolean recode = hasPixels && (from.encapsulated() || to.encapsulated()) && !from.uid().equals(to.uid());
        if (meta != null) {
            meta.setString(0x00020010, VR.UI, to.uid());
        }
        DicomWriter w = new DicomWriter(os);
        if (!recode) {
            if (meta != null) {
                w.writeFileMetaInformation(meta);
            }
            w.writeDataset(ds, to);
            w.flush();
            return new Result(from, to, 0, false, ds.getString(Tag.SOPInstanceUID));
        }
        PixelData pixels = PixelData.of(source, from);
        FrameFormat decoded = pixels.decodedFormat();
        if (decoded.bitsAllocated() == 1) {
            throw new CodecException(pixels.isEncapsulated() ? pixels.codec().name() : "native", "1-bit pixel data "
                    + "cannot be transcoded", -1);
        }
        FrameEncoder encoder = null;
        String method = null;
        if (to.encapsulated()) {
            PixelCodec codec = PixelCodecs.forTransferSyntax(to.uid());
            if (codec == null) {
                throw new CodecException(to.name(), "no encoder for transfer syntax " + to.uid(), -1);
            }
            encoder = codec.encoder(decoded, options);
            method = lossyMethod(to.uid());
        }
        FrameFormat target = encoder != null ? encoder.encodedFormat() : decoded;
        boolean lossy = encoder != null && encoder.isLossy();
        describe(ds, target, lossy || from.lossy());
        ds.remove(Tag.ExtendedOffsetTable);
        ds.remove(Tag.ExtendedOffsetTableLengths);
        if (lossy && newUidWhenLossy) {
            String uid = newUid();
            ds.setString(Tag.SOPInstanceUID, VR.UI, uid);
            if (meta != null) {
                meta.setString(0x00020003, VR.UI, uid);
            }
        }
        int frames = pixels.frameCount();
        if (to.deflated()) {
            ds.setBytes(Tag.PixelData, decoded.bitsAllocated() > 8 ? VR.OW : VR.OB, allNative(pixels, to));
            if (meta != null) {
                w.writeFileMetaInformation(meta);
            }
            w.writeDataset(ds, to);
            w.flush();
            return new Result(from, to, frames, false, ds.getString(Tag.SOPInstanceUID));
        }
        Spool spool = null;
        try {
            if (lossy) {
                spool = Spool.encode(pixels, encoder, os.dir);
                long nativeBytes = target.nativeLength() * frames;
                appendValue(ds, Tag.LossyImageCompressionRatio, VR.DS, String.format(Locale.ROOT, "%.2f",
                        (double) nativeBytes / Math.max(1, spool.total)));
                appendValue(ds, Tag.LossyImageCompressionMethod, VR.CS, method);
            }
            if (meta != null) {
                w.writeFileMetaInformation(meta);
            }
            w.writeDataset(split(ds, true), to);
            w.flush();
            PixelDataElementWriter pw = new PixelDataElementWriter(os, to.explicitVR(), to.bigEndian());
            if (encoder == null) {
                writeNative(pixels, target, to, pw);
            } else if (spool != null) {
                spool.copyTo(pw);
            } else {
                writeEncapsulated(pixels, encoder, pw, os, seekable);
            }
            w.writeDataset(split(ds, false), to);
            w.flush();
        } finally {
            if (spool != null) {
                spool.close();
            }
        }
        LOG.log(System.Logger.Level.DEBUG, "transcoded {0} frame(s) from {1} to {2}", frames, from.name(), to.name());
        return new Result(from, to, frames, lossy, ds.getString(Tag.SOPInstanceUID));
    }

    /** Fixes the Image Pixel attributes for the new frames, and flags lossy compression. */
    private static void describe(Attributes ds, FrameFormat f, boolean lossy) {
        ds.setString(Tag.PhotometricInterpretation, VR.CS, f.photometric().dicomName());
        if (f.samplesPerPixel() > 1) {
            ds.setInt(Tag.PlanarConfiguration, VR.US, f.planar() ? 1 : 0);
        }
        if (ds.getInt(Tag.BitsStored, -1) != f.bitsStored()) {
            ds.setInt(Tag.BitsStored, VR.US, f.bitsStored());
            ds.setInt(Tag.HighBit, VR.US, f.bitsStored() - 1);
        }
        if (lossy) {
            ds.setString(Tag.LossyImageCompression, VR.CS, "01");
        }
    }

    /** The Lossy Image Compression Method (0028,2114) defined term of a compressed transfer syntax. */
    private static String lossyMethod(String uid) {
        if (uid.startsWith("1.2.840.10008.1.2.4.8")) {
            return "ISO_14495_1";
        }
        return uid.startsWith("1.2.840.10008.1.2.4.9") ? "ISO_15444_1" : "ISO_10918_1";
    }

    private static void appendValue(Attributes ds, int tag, VR vr, String value) {
        String[] old = ds.getStrings(tag);
        String[] v = old == null ? new String[] { value } : Arrays.copyOf(old, old.length + 1);
        v[v.length - 1] = value;
        ds.setString(tag, vr, v);
    }

    /** The elements before (head) or after the Pixel Data element. */
    private static Attributes split(Attributes ds, boolean head) {
        Attributes part = new Attributes(ds);
        for (int i = ds.size() - 1; i >= 0; i--) {
            int c = Integer.compareUnsigned(ds.tagAt(i), Tag.PixelData);
            if (head ? c >= 0 : c <= 0) {
                part.remove(ds.tagAt(i));
            }
        }
        part.remove(0x7FE00000); // a group length of the split group would be wrong
        return part;
    }

    private static void writeNative(PixelData pixels, FrameFormat f, TransferSyntax to, PixelDataElementWriter pw)
            throws IOException {
        int len = (int) f.nativeLength();
        long total = (long) len * pixels.frameCount();
        pw.nativeHeader(f.bitsAllocated() > 8, total + (total & 1));
        FrameBuffer frame = FrameBuffer.allocate(f);
        byte[] bytes = new byte[len];
        for (int i = 0; i < pixels.frameCount(); i++) {
            pixels.readFrame(i, frame);
            frame.writeNative(bytes, 0, to.bigEndian());
            pw.write(bytes, 0, len);
        }
        if ((total & 1) != 0) {
            pw.write(new byte[1], 0, 1);
        }
    }

    private static byte[] allNative(PixelData pixels, TransferSyntax to) throws IOException {
        FrameFormat f = pixels.decodedFormat();
        long total = f.nativeLength() * pixels.frameCount();
        if (total > Integer.MAX_VALUE - 16) {
            throw new IOException("pixel data of " + total + " bytes are too large for a deflated data set");
        }
        byte[] all = new byte[(int) (total + (total & 1))];
        FrameBuffer frame = FrameBuffer.allocate(f);
        for (int i = 0; i < pixels.frameCount(); i++) {
            pixels.readFrame(i, frame);
            frame.writeNative(all, (int) (i * f.nativeLength()), to.bigEndian());
        }
        return all;
    }

    /** Streams lossless frames; a seekable output gets the Basic Offset Table patched in at the end. */
    private static void writeEncapsulated(PixelData pixels, FrameEncoder encoder, PixelDataElementWriter pw,
            Counting os, FileChannel seekable) throws IOException {
        int frames = pixels.frameCount();
        pw.encapsulatedHeader();
        boolean table = seekable != null && frames > 1;
        byte[] bot = new byte[table ? 4 * frames : 0];
        pw.itemHeader(bot.length);
        long botPosition = os.count;
        pw.write(bot, 0, bot.length);
        long firstItem = pw.written();
        FrameBuffer frame = FrameBuffer.allocate(pixels.decodedFormat());
        for (int i = 0; i < frames; i++) {
            long offset = pw.written() - firstItem;
            if (offset > 0xFFFFFFFFL) {
                table = false; // past 4 GiB offsets do not fit: the table stays zero, readers count fragments
            }
            if (table) {
                putInt(bot, 4 * i, (int) offset);
            }
            pixels.readFrame(i, frame);
            pw.fragment(encodeFrame(encoder, frame, i));
        }
        pw.sequenceDelimiter();
        if (table) {
            os.flush();
            seekable.write(ByteBuffer.wrap(bot), botPosition);
        }
    }

    static byte[] encodeFrame(FrameEncoder encoder, FrameBuffer frame, int index) throws CodecException {
        try {
            return encoder.encode(frame);
        } catch (CodecException e) {
            throw e.inFrame(index);
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
        b[at + 2] = (byte) (v >> 16);
        b[at + 3] = (byte) (v >> 24);
    }

    /** A UID derived from a random UUID (PS3.5 B.2). */
    static String newUid() {
        UUID u = UUID.randomUUID();
        byte[] b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                .array();
        return "2.25." + new BigInteger(1, b);
    }

    /** Counts bytes written through it; knows a folder for temporary files. */
    private static final class Counting extends FilterOutputStream {
        long count;
        Path dir;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

    /** Compressed frames parked in a temporary file, with their lengths, until the header has been written. */
    private static final class Spool implements AutoCloseable {
        final Path file;
        final int[] lengths;
        long total;

        private Spool(Path file, int frames) {
            this.file = file;
            this.lengths = new int[frames];
        }

        static Spool encode(PixelData pixels, FrameEncoder encoder, Path dir) throws IOException {
            Path f = dir != null ? Files.createTempFile(dir, ".spool", ".tmp") : Files.createTempFile("spool", ".tmp");
            Spool s = new Spool(f, pixels.frameCount());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(f),
                    1 << 16))) {
                FrameBuffer frame = FrameBuffer.allocate(pixels.decodedFormat());
                for (int i = 0; i < pixels.frameCount(); i++) {
                    pixels.readFrame(i, frame);
                    byte[] b = encodeFrame(encoder, frame, i);
                    out.write(b);
                    s.lengths[i] = b.length;
                    s.total += b.length;
                }
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
            return s;
        }

        void copyTo(PixelDataElementWriter pw) throws IOException {
            pw.encapsulatedHeader();
            byte[] bot = new byte[lengths.length > 1 && total < 0xFFFFFFFFL ? 4 * lengths.length : 0];
            long offset = 0;
            for (int i = 0; bot.length > 0 && i < lengths.length; i++) {
                putInt(bot, 4 * i, (int) offset);
                offset += 8 + lengths[i] + (lengths[i] & 1);
            }
            pw.itemHeader(bot.length);
            pw.write(bot, 0, bot.length);
            try (InputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
                for (int len : lengths) {
                    pw.fragment(in.readNBytes(len));
                }
            }
            pw.sequenceDelimiter();
        }

        @Override
        public void close() throws IOException {
            Files.deleteIfExists(file);
        }
    }
}
