package org.lightbox.dicom.imageio.internal.rle;

import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameDecoder;
import org.lightbox.dicom.imageio.FrameFormat;

/**
 * Decodes RLE frames: reads the 64-byte header, then unpacks each segment into one byte lane of the samples.
 * A segment that unpacks to more bytes than a plane holds is cut (some encoders pad); one that unpacks to fewer is
 * an error.
 */
final class RleDecoder implements FrameDecoder {

    private final FrameFormat format;
    private final byte[] plane;

    RleDecoder(FrameFormat format) {
        this.format = format;
        this.plane = new byte[format.pixels()];
    }

    @Override
    public FrameFormat decodedFormat() {
        return format;
    }

    @Override
    public void decode(byte[] src, int off, int len, FrameBuffer dst) throws CodecException {
        if (len < 64) {
            throw new CodecException(RleCodec.NAME, "the frame has " + len + " bytes, less than the 64-byte header", 0);
        }
        int expected = RleCodec.segments(format);
        int count = readInt(src, off);
        if (count != expected) {
            throw new CodecException(RleCodec.NAME, "header gives " + (count & 0xFFFFFFFFL) + " segments, "
                    + format + " needs " + expected, 0);
        }
        int bytesPerSample = format.bitsAllocated() / 8;
        for (int seg = 0; seg < count; seg++) {
            long start = readInt(src, off + 4 + 4 * seg) & 0xFFFFFFFFL;
            long end = seg + 1 < count ? readInt(src, off + 8 + 4 * seg) & 0xFFFFFFFFL : len;
            if (start < 64 || start > end || end > len) {
                throw new CodecException(RleCodec.NAME, "segment " + (seg + 1) + " offsets " + start + ".." + end
                        + " are outside the frame of " + len + " bytes", 4 + 4 * seg);
            }
            unpack(src, off + (int) start, off + (int) end, seg, off);
            int sample = seg / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - seg % bytesPerSample);
            store(dst, sample, shift);
        }
    }

    private static int readInt(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    /** PackBits: n >= 0 copies n+1 literal bytes, -127..-1 repeats the next byte 1-n times, -128 is a no-op. */
    private void unpack(byte[] src, int p, int end, int seg, int base) throws CodecException {
        byte[] out = plane;
        int n = out.length;
        int q = 0;
        while (q < n) {
            if (p >= end) {
                throw new CodecException(RleCodec.NAME, "segment " + (seg + 1) + " ends after " + q + " of " + n
                        + " bytes", p - base);
            }
            int h = src[p++];
            if (h >= 0) {
                int run = Math.min(h + 1, n - q);
                if (p + run > end) {
                    throw new CodecException(RleCodec.NAME, "literal run of segment " + (seg + 1)
                            + " is cut off by the segment's end", p - base);
                }
                System.arraycopy(src, p, out, q, run);
                p += h + 1;
                q += run;
            } else if (h != -128) {
                if (p >= end) {
                    throw new CodecException(RleCodec.NAME, "replicate run of segment " + (seg + 1)
                            + " has no byte to repeat", p - base);
                }
                byte v = src[p++];
                int run = Math.min(1 - h, n - q);
                for (int k = 0; k < run; k++) {
                    out[q + k] = v;
                }
                q += run;
            }
        }
    }

    /** Moves the unpacked byte lane into sample {@code sample} at bit {@code shift} of each cell. */
    private void store(FrameBuffer dst, int sample, int shift) {
        int pixels = plane.length;
        int spp = format.samplesPerPixel();
        int start = format.planar() ? sample * pixels : sample;
        int step = format.planar() ? 1 : spp;
        byte[] in = plane;
        if (dst.bytes() != null) {
            byte[] d = dst.bytes();
            for (int i = 0, q = start; i < pixels; i++, q += step) {
                d[q] = in[i];
            }
        } else if (dst.shorts() != null) {
            short[] d = dst.shorts();
            for (int i = 0, q = start; i < pixels; i++, q += step) {
                d[q] = (short) (shift == 8 ? (in[i] & 0xFF) << 8 : (d[q] & 0xFF00) | (in[i] & 0xFF));
            }
        } else {
            int[] d = dst.ints();
            int keep = ~(0xFF << shift);
            for (int i = 0, q = start; i < pixels; i++, q += step) {
                d[q] = (d[q] & keep) | (in[i] & 0xFF) << shift;
            }
        }
    }
}
