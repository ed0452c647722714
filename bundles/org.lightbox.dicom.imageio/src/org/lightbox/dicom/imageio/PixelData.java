package org.lightbox.dicom.imageio;

import java.io.IOException;
import java.util.Arrays;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.BulkDataReference;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;

/**
 * The frames of an image's Pixel Data (7FE0,0010), native or encapsulated, read one at a time. Works on a data set
 * as core's reader leaves it: the value a byte array, a {@link BulkDataReference} into the file, or
 * {@link Fragments} whose items are either; only the bytes of the asked frame are read.
 * <p>
 * Encapsulated frames are found (PS3.5 A.4) through the Extended Offset Table, else the Basic Offset Table, else
 * one fragment per frame when the counts match, else all fragments for a single frame, else (JPEG family) by the
 * SOI marker that starts each frame. Not thread-safe (it keeps one decoder).
 */
public final class PixelData {

    private final TransferSyntax transferSyntax;
    private final FrameFormat format;
    private final int frameCount;
    private final Object value;
    /** For encapsulated data: index of each frame's first fragment, plus one entry for the end. */
    private int[] frameStart;
    private PixelCodec codec;
    private FrameDecoder decoder;

    private PixelData(TransferSyntax ts, FrameFormat format, int frameCount, Object value) {
        this.transferSyntax = ts;
        this.format = format;
        this.frameCount = frameCount;
        this.value = value;
    }

    /**
     * The pixel data of {@code image}, whose values are encoded in {@code ts}.
     *
     * @throws IOException when the data set has no pixel data, or its frames cannot be found or are too short
     */
    public static PixelData of(Attributes image, TransferSyntax ts) throws IOException {
        Object v = image.getValue(Tag.PixelData);
        if (v == null) {
            throw new IOException("the data set has no Pixel Data (7FE0,0010)");
        }
        FrameFormat format;
        try {
            format = FrameFormat.of(image);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        int frames = Math.max(1, image.getInt(Tag.NumberOfFrames, 1));
        PixelData pd = new PixelData(ts, format, frames, v);
        if (v instanceof Fragments) {
            pd.frameStart = mapFragments((Fragments) v, frames, image);
        } else {
            long need = format.nativeLength() * frames;
            if (format.bitsAllocated() == 1 && frames > 1 && format.samples() % 8 != 0) {
                throw new IOException("multi-frame 1-bit pixel data whose frames do not start on a byte");
            }
            long have = v instanceof byte[] ? ((byte[]) v).length : ((BulkDataReference) v).length();
            if (have < need) {
                throw new IOException("Pixel Data has " + have + " bytes; " + frames + " frame(s) of " + format
                        + " need " + need);
            }
        }
        return pd;
    }

    public TransferSyntax transferSyntax() {
        return transferSyntax;
    }

    /** The format the data set declares (of the stored, possibly compressed, frames). */
    public FrameFormat storedFormat() {
        return format;
    }

    public int frameCount() {
        return frameCount;
    }

    public boolean isEncapsulated() {
        return frameStart != null;
    }

    /** The codec of the transfer syntax; {@code null} for native pixel data. */
    public PixelCodec codec() throws CodecException {
        if (codec == null && isEncapsulated()) {
            codec = PixelCodecs.forTransferSyntax(transferSyntax.uid());
            if (codec == null) {
                throw new CodecException(transferSyntax.name(), "no codec for transfer syntax " + transferSyntax.uid(),
                        -1);
            }
        }
        return codec;
    }

    /** The format of the frames {@link #frame} returns. */
    public FrameFormat decodedFormat() throws CodecException {
        return isEncapsulated() ? decoder().decodedFormat() : format;
    }

    private FrameDecoder decoder() throws CodecException {
        if (decoder == null) {
            decoder = codec().decoder(format);
        }
        return decoder;
    }

    /**
     * The stored bytes of frame {@code index} (0-based): native pixel data in the transfer syntax's byte order, or
     * the concatenated fragments of a compressed frame (with any padding the encoder added).
     */
    public byte[] frameBytes(int index) throws IOException {
        if (index < 0 || index >= frameCount) {
            throw new IndexOutOfBoundsException("frame " + index + " of " + frameCount);
        }
        if (!isEncapsulated()) {
            long len = format.nativeLength();
            if (len > Integer.MAX_VALUE - 8) {
                throw new IOException("a frame of " + len + " bytes is too large");
            }
            long from = len * index;
            if (value instanceof byte[]) {
                return Arrays.copyOfRange((byte[]) value, (int) from, (int) (from + len));
            }
            return ((BulkDataReference) value).readBytes(from, (int) len);
        }
        Fragments f = (Fragments) value;
        int first = frameStart[index];
        int last = frameStart[index + 1];
        if (last - first == 1) {
            return readFragment(f, first);
        }
        long total = 0;
        for (int i = first; i < last; i++) {
            total += f.length(i);
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IOException("frame " + (index + 1) + " has " + total + " compressed bytes, too many");
        }
        byte[] b = new byte[(int) total];
        int p = 0;
        for (int i = first; i < last; i++) {
            byte[] part = readFragment(f, i);
            System.arraycopy(part, 0, b, p, part.length);
            p += part.length;
        }
        return b;
    }

    private static byte[] readFragment(Fragments f, int i) throws IOException {
        Object o = f.get(i);
        return o instanceof byte[] ? (byte[]) o : ((BulkDataReference) o).readBytes();
    }

    /** Frame {@code index}, decoded when compressed, in {@link #decodedFormat()}. */
    public FrameBuffer frame(int index) throws IOException {
        FrameBuffer dst = FrameBuffer.allocate(decodedFormat());
        readFrame(index, dst);
        return dst;
    }

    /** Decodes frame {@code index} into {@code dst} (of {@link #decodedFormat()}), reusing the caller's buffer. */
    public void readFrame(int index, FrameBuffer dst) throws IOException {
        byte[] b = frameBytes(index);
        if (!isEncapsulated()) {
            dst.readNative(b, 0, transferSyntax.bigEndian());
            return;
        }
        try {
            decoder().decode(b, 0, b.length, dst);
        } catch (CodecException e) {
            throw e.inFrame(index);
        } catch (RuntimeException e) {
            // a decoder bug must still surface as a failure of this frame, not crash the caller
            throw new CodecException(codec().name(), "internal error: " + e, index, -1, e);
        }
        dst.normalizeHighBits();
    }

    // ------------------------------------------------------------------ fragments to frames

    private static int[] mapFragments(Fragments f, int frames, Attributes image) throws IOException {
        int n = f.size() - 1; // fragments after the Basic Offset Table
        if (n < 1) {
            throw new IOException("encapsulated Pixel Data without fragments");
        }
        long[] offsets = extendedOffsets(image);
        if (offsets == null) {
            offsets = f.basicOffsetTable();
        }
        if (offsets.length == frames) {
            int[] start = byOffsets(f, offsets);
            if (start != null) {
                return start;
            }
        }
        if (n == frames) {
            int[] start = new int[frames + 1];
            for (int i = 0; i <= frames; i++) {
                start[i] = i + 1;
            }
            return start;
        }
        if (frames == 1) {
            return new int[] { 1, n + 1 };
        }
        return bySoiMarkers(f, frames);
    }

    private static long[] extendedOffsets(Attributes image) {
        byte[] t = image.getBytes(Tag.ExtendedOffsetTable);
        if (t == null || t.length % 8 != 0) {
            return null;
        }
        long[] o = new long[t.length / 8];
        for (int i = 0; i < o.length; i++) {
            long v = 0;
            for (int k = 7; k >= 0; k--) {
                v = (v << 8) | (t[8 * i + k] & 0xFF);
            }
            o[i] = v;
        }
        return o;
    }

    /** Maps offsets (from the first fragment item's start) to fragment indexes; null when one does not match. */
    private static int[] byOffsets(Fragments f, long[] offsets) {
        int[] start = new int[offsets.length + 1];
        long pos = 0;
        int frag = 1;
        for (int i = 0; i < offsets.length; i++) {
            while (frag < f.size() && pos < offsets[i]) {
                pos += 8 + f.length(frag);
                frag++;
            }
            if (pos != offsets[i] || frag >= f.size() || (i > 0 && frag <= start[i - 1])) {
                return null;
            }
            start[i] = frag;
        }
        start[offsets.length] = f.size();
        return start;
    }

    private static int[] bySoiMarkers(Fragments f, int frames) throws IOException {
        int[] start = new int[frames + 1];
        int found = 0;
        for (int i = 1; i < f.size() && found <= frames; i++) {
            byte[] head = headOf(f, i);
            if (head.length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8
                    && (head[2] & 0xFF) == 0xFF) {
                if (found == frames) {
                    found++;
                    break;
                }
                start[found++] = i;
            }
        }
        if (found != frames || start[0] != 1) {
            throw new IOException("cannot tell which of " + (f.size() - 1) + " fragments belong to which of "
                    + frames + " frames (no usable offset table)");
        }
        start[frames] = f.size();
        return start;
    }

    private static byte[] headOf(Fragments f, int i) throws IOException {
        Object o = f.get(i);
        if (o instanceof byte[]) {
            return (byte[]) o;
        }
        BulkDataReference r = (BulkDataReference) o;
        return r.readBytes(0, (int) Math.min(3, r.length()));
    }
}
