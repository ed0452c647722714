package org.lightbox.dicom.imageio.internal.jpeg2000;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import javax.imageio.IIOImage;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameEncoder;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PhotometricInterpretation;

import com.github.jaiimageio.jpeg2000.J2KImageWriteParam;
import com.github.jaiimageio.jpeg2000.impl.J2KImageWriterSpi;

/**
 * Encodes frames as reversible (5/3 wavelet) JPEG 2000 codestreams with the JJ2000 encoder of jai-imageio-jpeg2000:
 * a bare codestream, as DICOM wants, never a JP2 file. RGB is coded with the reversible colour transformation and
 * declared YBR_RCT; other colour models are coded component by component. The library takes the component
 * precision from the colour model and signedness from the buffer type, so frames are handed over as signed shorts
 * for signed data and with a colour model that reports Bits Stored; the codestream then declares exactly the
 * stored precision and signedness.
 */
final class J2kEncoder implements FrameEncoder {

    private final String codec;
    private final FrameFormat source;
    private final FrameFormat encoded;
    private final boolean colourTransform;
    private final ComponentColorModel colourModel;
    private final int dataType;
    private ImageWriter writer;

    J2kEncoder(String codec, FrameFormat source) {
        this.codec = codec;
        this.source = source;
        this.colourTransform = source.photometric() == PhotometricInterpretation.RGB;
        this.encoded = source.withPlanar(false)
                .withPhotometric(colourTransform ? PhotometricInterpretation.YBR_RCT : source.photometric());
        this.dataType = source.signed() ? DataBuffer.TYPE_SHORT
                : source.bitsAllocated() == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT;
        this.colourModel = new StoredBitsColourModel(source.samplesPerPixel(), source.bitsStored(), dataType);
    }

    @Override
    public FrameFormat encodedFormat() {
        return encoded;
    }

    @Override
    public boolean isLossy() {
        return false;
    }

    @Override
    public byte[] encode(FrameBuffer src) throws CodecException {
        FrameBuffer f = src.withPlanar(false);
        int w = source.columns();
        int h = source.rows();
        int spp = source.samplesPerPixel();
        int[] bandOffsets = new int[spp];
        for (int i = 0; i < spp; i++) {
            bandOffsets[i] = i;
        }
        PixelInterleavedSampleModel sm = new PixelInterleavedSampleModel(dataType, w, h, spp, w * spp, bandOffsets);
        WritableRaster raster = Raster.createWritableRaster(sm, buffer(f), null);
        BufferedImage image = new BufferedImage(colourModel, raster, false, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream(source.samples() * (source.bitsAllocated() / 8) / 2);
        try {
            if (writer == null) {
                writer = new J2KImageWriterSpi().createWriterInstance();
            }
            J2KImageWriteParam param = (J2KImageWriteParam) writer.getDefaultWriteParam();
            param.setLossless(true);
            param.setFilter(J2KImageWriteParam.FILTER_53);
            param.setComponentTransformation(colourTransform);
            param.setWriteCodeStreamOnly(true);
            param.setNumDecompositionLevels(levels(w, h));
            try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.reset();
            }
        } catch (IOException | RuntimeException e) {
            writer = null;
            throw new CodecException(codec, "the encoder failed: " + e, -1, -1, e);
        }
        return out.toByteArray();
    }

    /** Five decomposition levels (the common default), fewer for frames too small to halve that often. */
    static int levels(int w, int h) {
        int levels = 0;
        int m = Math.min(w, h);
        while (levels < 5 && (m >> (levels + 1)) >= 4) {
            levels++;
        }
        return levels;
    }

    /** The samples as the buffer the raster needs: bytes, unsigned shorts, or signed shorts for signed data. */
    private DataBuffer buffer(FrameBuffer f) {
        int n = f.length();
        int bits = source.bitsStored();
        if (dataType == DataBuffer.TYPE_BYTE) {
            byte[] b = f.bytes();
            if (bits < 8) { // only the stored bits are coded
                b = b.clone();
                for (int i = 0; i < n; i++) {
                    b[i] &= (1 << bits) - 1;
                }
            }
            return new DataBufferByte(b, n);
        }
        short[] s;
        if (f.shorts() != null) {
            s = f.shorts();
            if (bits < 16) { // above the high bit: copies of the sign, or zeros
                s = s.clone();
                int shift = 32 - bits;
                boolean signed = source.signed();
                for (int i = 0; i < n; i++) {
                    s[i] = (short) (signed ? s[i] << shift >> shift : s[i] & ((1 << bits) - 1));
                }
            }
        } else { // signed 8-bit: widened to signed shorts, the only signed buffer the library knows
            byte[] b = f.bytes();
            s = new short[n];
            int shift = 32 - bits;
            for (int i = 0; i < n; i++) {
                s[i] = (short) (b[i] << shift >> shift);
            }
        }
        return dataType == DataBuffer.TYPE_SHORT ? new DataBufferShort(s, n) : new DataBufferUShort(s, n);
    }

    /**
     * A colour model that reports Bits Stored as every component's size, which the encoder writes as the precision
     * (the JDK's own model reports 16 for signed shorts whatever it is given).
     */
    private static final class StoredBitsColourModel extends ComponentColorModel {
        private final int bits;

        StoredBitsColourModel(int components, int bits, int dataType) {
            super(ColorSpace.getInstance(components == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB),
                    filled(components, Math.min(bits, DataBuffer.getDataTypeSize(dataType))), false, false,
                    Transparency.OPAQUE, dataType);
            this.bits = bits;
        }

        private static int[] filled(int n, int v) {
            int[] a = new int[n];
            Arrays.fill(a, v);
            return a;
        }

        @Override
        public int getComponentSize(int i) {
            return bits;
        }

        @Override
        public int[] getComponentSize() {
            return filled(getNumComponents(), bits);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
