package org.lightbox.dicom.imageio.internal.rle;

import java.io.ByteArrayOutputStream;

import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameEncoder;
import org.lightbox.dicom.imageio.FrameFormat;

/**
 * Encodes RLE frames. Each row is packed on its own (PS3.5 G.3.1: runs must not cross rows); runs of three or
 * more equal bytes become replicate runs, the rest literal runs; odd segments get a padding byte.
 */
final class RleEncoder implements FrameEncoder {

    private final FrameFormat format;
    private final byte[] plane;
    private final byte[] packed;

    RleEncoder(FrameFormat format) {
        this.format = format;
        this.plane = new byte[format.pixels()];
        // worst case per row: one header byte per 128 literal bytes, one more for a literal after a 2-byte
        // replicate run at the row's start; plus the padding byte
        int cols = format.columns();
        this.packed = new byte[format.rows() * (cols + cols / 128 + 2) + 2];
    }

    @Override
    public FrameFormat encodedFormat() {
        return format;
    }

    @Override
    public boolean isLossy() {
        return false;
    }

    @Override
    public byte[] encode(FrameBuffer src) {
        int segments = RleCodec.segments(format);
        int bytesPerSample = format.bitsAllocated() / 8;
        ByteArrayOutputStream out = new ByteArrayOutputStream(format.samples() * bytesPerSample / 2 + 64);
        byte[] header = new byte[64];
        putInt(header, 0, segments);
        out.write(header, 0, 64);
        int offset = 64;
        for (int seg = 0; seg < segments; seg++) {
            putInt(header, 4 + 4 * seg, offset);
            load(src, seg / bytesPerSample, 8 * (bytesPerSample - 1 - seg % bytesPerSample));
            int n = pack();
            out.write(packed, 0, n);
            offset += n;
        }
        byte[] result = out.toByteArray();
        System.arraycopy(header, 0, result, 0, 64);
        return result;
    }

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >> 8);
        b[p + 2] = (byte) (v >> 16);
        b[p + 3] = (byte) (v >> 24);
    }

    private void load(FrameBuffer src, int sample, int shift) {
        int pixels = plane.length;
        int start = format.planar() ? sample * pixels : sample;
        int step = format.planar() ? 1 : format.samplesPerPixel();
        byte[] out = plane;
        if (src.bytes() != null) {
            byte[] s = src.bytes();
            for (int i = 0, q = start; i < pixels; i++, q += step) {
                out[i] = s[q];
            }
        } else if (src.shorts() != null) {
            short[] s = src.shorts();
            for (int i = 0, q = start; i < pixels; i++, q += step) {
                out[i] = (byte) (s[q] >> shift);
            }
        } else {
            int[] s = src.ints();
            for (int i = 0, q = start; i < pixels; i++, q += step) {
                out[i] = (byte) (s[q] >> shift);
            }
        }
    }

    /** Packs {@link #plane} row by row into {@link #packed}; returns the even length. */
    private int pack() {
        byte[] in = plane;
        byte[] out = packed;
        int cols = format.columns();
        int o = 0;
        for (int row = 0; row < in.length; row += cols) {
            int end = row + cols;
            int i = row;
            int literalStart = row;
            while (i < end) {
                int run = 1;
                while (i + run < end && run < 128 && in[i + run] == in[i]) {
                    run++;
                }
                if (run >= 3 || (run == 2 && i == literalStart)) {
                    o = flushLiteral(in, literalStart, i, out, o);
                    out[o++] = (byte) (1 - run);
                    out[o++] = in[i];
                    i += run;
                    literalStart = i;
                } else {
                    i += run; // stays in the literal run; flushLiteral splits it into 128-byte pieces
                }
            }
            o = flushLiteral(in, literalStart, end, out, o);
        }
        if ((o & 1) != 0) {
            out[o++] = 0; // PS3.5 G.3.1 pads an odd segment with a zero byte
        }
        return o;
    }

    private static int flushLiteral(byte[] in, int from, int to, byte[] out, int o) {
        while (from < to) {
            int n = Math.min(128, to - from);
            out[o++] = (byte) (n - 1);
            System.arraycopy(in, from, out, o, n);
            o += n;
            from += n;
        }
        return o;
    }
}
