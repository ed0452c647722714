package org.lightbox.dicom.imageio.internal.jpeg2000;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageReader;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameDecoder;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PhotometricInterpretation;

import com.github.jaiimageio.jpeg2000.impl.J2KImageReaderSpi;

/**
 * Decodes JPEG 2000 frames (lossless or lossy) with the JJ2000 decoder of jai-imageio-jpeg2000. The reader is made
 * from its service provider class directly: the ImageIO registry does not see a bundle's service files under OSGi.
 * The decoder undoes the reversible or irreversible colour transformation the codestream declares, so YBR_RCT and
 * YBR_ICT frames come out as RGB; frames always come out pixel-interleaved. The codestream's structure and size are
 * checked first ({@link J2kCodestream}); anything the library then throws on corrupt data becomes a
 * {@link CodecException}.
 */
final class J2kDecoder implements FrameDecoder {

    private final String codec;
    private final FrameFormat stored;
    private final FrameFormat decoded;
    private ImageReader reader;

    J2kDecoder(String codec, FrameFormat stored) {
        this.codec = codec;
        this.stored = stored;
        PhotometricInterpretation pi = stored.photometric();
        if (pi == PhotometricInterpretation.YBR_RCT || pi == PhotometricInterpretation.YBR_ICT) {
            pi = PhotometricInterpretation.RGB;
        }
        this.decoded = stored.withPlanar(false).withPhotometric(pi);
    }

    @Override
    public FrameFormat decodedFormat() {
        return decoded;
    }

    @Override
    public void decode(byte[] src, int offset, int length, FrameBuffer dst) throws CodecException {
        J2kCodestream cs = J2kCodestream.parse(codec, src, offset, length);
        check(cs);
        Raster raster = read(src, cs);
        if (raster.getWidth() != stored.columns() || raster.getHeight() != stored.rows()
                || raster.getNumBands() != stored.samplesPerPixel()) {
            throw new CodecException(codec, "the decoder produced " + raster.getWidth() + "x" + raster.getHeight()
                    + "x" + raster.getNumBands() + " samples for a " + stored + " image", -1);
        }
        copy(raster, dst);
    }

    private void check(J2kCodestream cs) throws CodecException {
        if (cs.width != stored.columns() || cs.height != stored.rows()
                || cs.components != stored.samplesPerPixel()) {
            throw new CodecException(codec, "the codestream is " + cs.width + "x" + cs.height + "x" + cs.components
                    + ", the image " + stored.columns() + "x" + stored.rows() + "x" + stored.samplesPerPixel(), -1);
        }
        for (int p : cs.precision) {
            if (p > stored.bitsAllocated() || p > 16) {
                throw new CodecException(codec, "component precision " + p + " with " + stored.bitsAllocated()
                        + " bits allocated", -1);
            }
        }
    }

    private Raster read(byte[] src, J2kCodestream cs) throws CodecException {
        try {
            if (reader == null) {
                reader = new J2KImageReaderSpi().createReaderInstance();
            }
            MemoryCacheImageInputStream in = new MemoryCacheImageInputStream(
                    new ByteArrayInputStream(src, cs.start, cs.end - cs.start));
            try {
                reader.setInput(in, true, true);
                return reader.readRaster(0, null);
            } finally {
                in.close(); // no reader.reset(): the library's throws; the next setInput starts afresh
            }
        } catch (IOException | RuntimeException e) {
            reader = null; // do not reuse a reader left in an unknown state
            throw new CodecException(codec, "corrupt codestream: " + describe(e), -1, -1, e);
        } catch (StackOverflowError e) {
            reader = null;
            throw new CodecException(codec, "corrupt codestream: the decoder recursed too deep", -1, -1, e);
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m;
    }

    /** Copies the raster's samples pixel-interleaved into {@code dst}, a row at a time. */
    private static void copy(Raster r, FrameBuffer dst) {
        int w = r.getWidth();
        int h = r.getHeight();
        int bands = r.getNumBands();
        int x0 = r.getMinX();
        int y0 = r.getMinY();
        int[] row = new int[w * bands];
        byte[] bytes = dst.bytes();
        short[] shorts = dst.shorts();
        int n = row.length;
        for (int y = 0; y < h; y++) {
            r.getPixels(x0, y0 + y, w, 1, row);
            int at = y * n;
            if (bytes != null) {
                for (int i = 0; i < n; i++) {
                    bytes[at + i] = (byte) row[i];
                }
            } else if (shorts != null) {
                for (int i = 0; i < n; i++) {
                    shorts[at + i] = (short) row[i];
                }
            } else {
                System.arraycopy(row, 0, dst.ints(), at, n);
            }
        }
    }
}
