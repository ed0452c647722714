package org.lightbox.dicom.imageio;

import java.util.Objects;

/**
 * The samples of one frame in memory, one array element per sample: {@code byte[]} for 8 bits allocated,
 * {@code short[]} for 16, {@code int[]} for 32. Element values are the pixel cells as native pixel data hold them
 * (all {@code bitsAllocated} bits; for signed data with fewer bits stored the bits above the high bit are the sign).
 * Samples follow the format's planar configuration: pixel by pixel (R G B R G B ...) or plane by plane.
 */
public final class FrameBuffer {

    private final FrameFormat format;
    private final byte[] bytes;
    private final short[] shorts;
    private final int[] ints;

    private FrameBuffer(FrameFormat format, byte[] bytes, short[] shorts, int[] ints) {
        this.format = format;
        this.bytes = bytes;
        this.shorts = shorts;
        this.ints = ints;
    }

    /** A zeroed buffer for one frame of {@code format} (8, 16 or 32 bits allocated). */
    public static FrameBuffer allocate(FrameFormat format) {
        int n = format.samples();
        switch (format.bitsAllocated()) {
            case 8:
                return new FrameBuffer(format, new byte[n], null, null);
            case 16:
                return new FrameBuffer(format, null, new short[n], null);
            case 32:
                return new FrameBuffer(format, null, null, new int[n]);
            default:
                throw new IllegalArgumentException("no frame buffer for " + format.bitsAllocated() + " bits allocated");
        }
    }

    /** A buffer over an existing array, whose length must be the format's sample count. */
    public static FrameBuffer wrap(FrameFormat format, Object array) {
        Objects.requireNonNull(array);
        int n = format.samples();
        if (array instanceof byte[] && ((byte[]) array).length == n && format.bitsAllocated() == 8) {
            return new FrameBuffer(format, (byte[]) array, null, null);
        }
        if (array instanceof short[] && ((short[]) array).length == n && format.bitsAllocated() == 16) {
            return new FrameBuffer(format, null, (short[]) array, null);
        }
        if (array instanceof int[] && ((int[]) array).length == n && format.bitsAllocated() == 32) {
            return new FrameBuffer(format, null, null, (int[]) array);
        }
        throw new IllegalArgumentException("array does not fit " + format);
    }

    public FrameFormat format() {
        return format;
    }

    /** The samples for 8 bits allocated, else {@code null}. */
    public byte[] bytes() {
        return bytes;
    }

    /** The samples for 16 bits allocated, else {@code null}. */
    public short[] shorts() {
        return shorts;
    }

    /** The samples for 32 bits allocated, else {@code null}. */
    public int[] ints() {
        return ints;
    }

    /** The underlying array. */
    public Object array() {
        return bytes != null ? bytes : shorts != null ? shorts : ints;
    }

    /** Number of samples. */
    public int length() {
        return format.samples();
    }

    /** The pixel cell at sample index {@code i}, unsigned (for 32 bits: the int's bits). */
    public int get(int i) {
        return bytes != null ? bytes[i] & 0xFF : shorts != null ? shorts[i] & 0xFFFF : ints[i];
    }

    /** Sets the pixel cell at sample index {@code i} (low bits allocated of {@code v}). */
    public void set(int i, int v) {
        if (bytes != null) {
            bytes[i] = (byte) v;
        } else if (shorts != null) {
            shorts[i] = (short) v;
        } else {
            ints[i] = v;
        }
    }

    /** The value of sample {@code i}: its stored bits, sign-extended when the data are signed. */
    public int value(int i) {
        int bits = format.bitsStored();
        int v = get(i);
        if (bits == 32) {
            return v;
        }
        return format.signed() ? v << (32 - bits) >> (32 - bits) : v & ((1 << bits) - 1);
    }

    /**
     * Makes every cell hold exactly its stored value: bits above the high bit cleared for unsigned data, copies of
     * the sign bit for signed data. Decoders produce stored bits only; native pixel data expects this form.
     */
    public void normalizeHighBits() {
        int bits = format.bitsStored();
        if (bits == format.bitsAllocated()) {
            return;
        }
        int shift = 32 - bits;
        int n = length();
        boolean signed = format.signed();
        int mask = (1 << bits) - 1;
        if (shorts != null) {
            short[] s = shorts;
            for (int i = 0; i < n; i++) {
                s[i] = (short) (signed ? s[i] << shift >> shift : s[i] & mask);
            }
        } else if (bytes != null) {
            byte[] b = bytes;
            for (int i = 0; i < n; i++) {
                b[i] = (byte) (signed ? b[i] << shift >> shift : b[i] & mask);
            }
        } else {
            for (int i = 0; i < n; i++) {
                ints[i] = signed ? ints[i] << shift >> shift : ints[i] & mask;
            }
        }
    }

    /** Fills this buffer from native pixel data ({@code format().nativeLength()} bytes at {@code off}). */
    public void readNative(byte[] src, int off, boolean bigEndian) {
        int n = length();
        if (bytes != null) {
            System.arraycopy(src, off, bytes, 0, n);
        } else if (shorts != null) {
            short[] s = shorts;
            if (bigEndian) {
                for (int i = 0, p = off; i < n; i++, p += 2) {
                    s[i] = (short) ((src[p] << 8) | (src[p + 1] & 0xFF));
                }
            } else {
                for (int i = 0, p = off; i < n; i++, p += 2) {
                    s[i] = (short) ((src[p + 1] << 8) | (src[p] & 0xFF));
                }
            }
        } else {
            for (int i = 0, p = off; i < n; i++, p += 4) {
                ints[i] = bigEndian
                        ? (src[p] << 24) | (src[p + 1] & 0xFF) << 16 | (src[p + 2] & 0xFF) << 8 | (src[p + 3] & 0xFF)
                        : (src[p + 3] << 24) | (src[p + 2] & 0xFF) << 16 | (src[p + 1] & 0xFF) << 8 | (src[p] & 0xFF);
            }
        }
    }

    /** Writes this frame as native pixel data ({@code format().nativeLength()} bytes at {@code off}). */
    public void writeNative(byte[] dst, int off, boolean bigEndian) {
        int n = length();
        if (bytes != null) {
            System.arraycopy(bytes, 0, dst, off, n);
        } else if (shorts != null) {
            short[] s = shorts;
            int hi = bigEndian ? 0 : 1;
            int lo = 1 - hi;
            for (int i = 0, p = off; i < n; i++, p += 2) {
                int v = s[i];
                dst[p + hi] = (byte) (v >> 8);
                dst[p + lo] = (byte) v;
            }
        } else {
            for (int i = 0, p = off; i < n; i++, p += 4) {
                int v = ints[i];
                for (int k = 0; k < 4; k++) {
                    dst[p + (bigEndian ? 3 - k : k)] = (byte) (v >> (8 * k));
                }
            }
        }
    }

    /** This frame's samples in the other planar configuration (this buffer if it already has {@code planar}). */
    public FrameBuffer withPlanar(boolean planar) {
        if (planar == format.planar() || format.samplesPerPixel() == 1) {
            return this;
        }
        FrameBuffer out = allocate(format.withPlanar(planar));
        int spp = format.samplesPerPixel();
        int pixels = format.pixels();
        Object src = array();
        Object dst = out.array();
        for (int s = 0; s < spp; s++) {
            // interleaved index p * spp + s, planar index s * pixels + p
            int from = planar ? s : s * pixels;
            int to = planar ? s * pixels : s;
            int fromStep = planar ? spp : 1;
            int toStep = planar ? 1 : spp;
            if (src instanceof byte[]) {
                byte[] a = (byte[]) src;
                byte[] b = (byte[]) dst;
                for (int p = 0; p < pixels; p++, from += fromStep, to += toStep) {
                    b[to] = a[from];
                }
            } else if (src instanceof short[]) {
                short[] a = (short[]) src;
                short[] b = (short[]) dst;
                for (int p = 0; p < pixels; p++, from += fromStep, to += toStep) {
                    b[to] = a[from];
                }
            } else {
                int[] a = (int[]) src;
                int[] b = (int[]) dst;
                for (int p = 0; p < pixels; p++, from += fromStep, to += toStep) {
                    b[to] = a[from];
                }
            }
        }
        return out;
    }

    /** This buffer's array (shared, not copied) under another format of the same shape. */
    public FrameBuffer relabel(FrameFormat other) {
        if (other.samples() != format.samples() || other.bitsAllocated() != format.bitsAllocated()) {
            throw new IllegalArgumentException(other + " does not have the shape of " + format);
        }
        return new FrameBuffer(other, bytes, shorts, ints);
    }
}
