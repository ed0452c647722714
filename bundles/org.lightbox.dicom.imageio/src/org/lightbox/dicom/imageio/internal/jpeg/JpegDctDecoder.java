package org.lightbox.dicom.imageio.internal.jpeg;

import java.util.Arrays;

import org.lightbox.dicom.imageio.CodecException;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameDecoder;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PhotometricInterpretation;

/**
 * Decodes sequential DCT JPEG with Huffman coding: baseline (process 1, 8-bit) and extended (processes 2 and 4,
 * 8 or 12-bit), interleaved or not, any sampling factors, restart intervals. Components are decoded into planes,
 * chroma is upsampled and YCbCr converted to RGB when the data set says the frame is YBR (as dcmtk does: the
 * decoded Photometric Interpretation is then RGB).
 */
final class JpegDctDecoder implements FrameDecoder {

    static final String NAME = "JPEG DCT";

    private final FrameFormat stored;
    private final FrameFormat decoded;
    private final boolean convertColour;
    private final JpegHeader header = new JpegHeader(NAME);
    private final EntropyReader in = new EntropyReader(NAME);
    private final int[] coef = new int[64];
    private final int[] dcPred = new int[4];
    private Idct idct;
    private int idctPrecision;
    private int[][] planes;
    private int[] planeStride;
    private int[] planeRows;

    JpegDctDecoder(FrameFormat stored) {
        this.stored = stored;
        PhotometricInterpretation p = stored.photometric();
        this.convertColour = stored.samplesPerPixel() == 3 && (p == PhotometricInterpretation.YBR_FULL
                || p == PhotometricInterpretation.YBR_FULL_422 || p == PhotometricInterpretation.YBR_PARTIAL_422
                || p == PhotometricInterpretation.YBR_PARTIAL_420);
        FrameFormat d = stored.withPlanar(false);
        this.decoded = convertColour ? d.withPhotometric(PhotometricInterpretation.RGB) : d;
    }

    @Override
    public FrameFormat decodedFormat() {
        return decoded;
    }

    @Override
    public void decode(byte[] src, int off, int len, FrameBuffer dst) throws CodecException {
        header.start(src, off, len);
        while (header.nextScan()) {
            prepareFrame();
            header.claimScanComponents();
            decodeScan();
            header.resumeAt(in.position());
        }
        header.checkAllComponentsCoded(header.componentCount);
        output(dst);
    }

    private void prepareFrame() throws CodecException {
        JpegHeader h = header;
        long at = h.position() - h.base();
        if (h.sof != JpegHeader.SOF0 && h.sof != JpegHeader.SOF1) {
            throw h.fail("not a sequential DCT (baseline or extended) JPEG stream", at);
        }
        if (h.width != stored.columns() || h.height != stored.rows() || h.componentCount != stored.samplesPerPixel()) {
            throw h.fail("JPEG frame is " + h.width + "x" + h.height + "x" + h.componentCount + ", the image "
                    + stored.columns() + "x" + stored.rows() + "x" + stored.samplesPerPixel(), at);
        }
        if (h.precision != 8 && h.precision != 12 || h.precision > stored.bitsAllocated()) {
            throw h.fail("precision " + h.precision + " with " + stored.bitsAllocated() + " bits allocated", at);
        }
        if (h.ss != 0 || h.se != 63 || h.ah != 0 || h.al != 0) {
            throw h.fail("spectral selection or successive approximation in a sequential scan", at);
        }
        for (int i = 0; i < h.scanComponents; i++) {
            int c = h.scanComponent[i];
            if (!h.dc[h.scanDc[i]].defined || !h.ac[h.scanAc[i]].defined || !h.quantDefined[h.quantTable[c]]) {
                throw h.fail("scan uses an undefined Huffman or quantization table", at);
            }
        }
        if (h.scanComponents > 1) {
            int blocks = 0;
            for (int i = 0; i < h.scanComponents; i++) {
                blocks += h.h[h.scanComponent[i]] * h.v[h.scanComponent[i]];
            }
            if (blocks > 10) {
                throw h.fail("an MCU of " + blocks + " blocks (at most 10 allowed)", at);
            }
        }
        if (idct == null || idctPrecision != h.precision) {
            idct = new Idct(h.precision);
            idctPrecision = h.precision;
        }
        if (h.scanCount == 1) {
            allocatePlanes();
        }
    }

    private void allocatePlanes() {
        JpegHeader h = header;
        int mcusX = ceilDiv(h.width, 8 * h.maxH);
        int mcusY = ceilDiv(h.height, 8 * h.maxV);
        int n = h.componentCount;
        if (planes == null || planes.length != n) {
            planes = new int[n][];
            planeStride = new int[n];
            planeRows = new int[n];
        }
        for (int c = 0; c < n; c++) {
            int stride = mcusX * h.h[c] * 8;
            int rows = mcusY * h.v[c] * 8;
            if (planes[c] == null || planes[c].length < stride * rows) {
                planes[c] = new int[stride * rows];
            }
            planeStride[c] = stride;
            planeRows[c] = rows;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private void decodeScan() throws CodecException {
        JpegHeader h = header;
        in.reset(h.buffer(), h.base(), h.position(), h.end());
        Arrays.fill(dcPred, 0);
        int ns = h.scanComponents;
        int restart = h.restartInterval;
        int restarts = 0;
        int mcu = 0;
        if (ns == 1) {
            int c = h.scanComponent[0];
            int compW = ceilDiv(h.width * h.h[c], h.maxH);
            int compH = ceilDiv(h.height * h.v[c], h.maxV);
            int bx = ceilDiv(compW, 8);
            int by = ceilDiv(compH, 8);
            for (int y = 0; y < by; y++) {
                for (int x = 0; x < bx; x++, mcu++) {
                    if (restart > 0 && mcu > 0 && mcu % restart == 0) {
                        in.restart(restarts++);
                        Arrays.fill(dcPred, 0);
                    }
                    decodeBlock(0, c, y * 8, x * 8);
                }
            }
        } else {
            int mcusX = ceilDiv(h.width, 8 * h.maxH);
            int mcusY = ceilDiv(h.height, 8 * h.maxV);
            for (int my = 0; my < mcusY; my++) {
                for (int mx = 0; mx < mcusX; mx++, mcu++) {
                    if (restart > 0 && mcu > 0 && mcu % restart == 0) {
                        in.restart(restarts++);
                        Arrays.fill(dcPred, 0);
                    }
                    for (int i = 0; i < ns; i++) {
                        int c = h.scanComponent[i];
                        for (int v = 0; v < h.v[c]; v++) {
                            for (int u = 0; u < h.h[c]; u++) {
                                decodeBlock(i, c, (my * h.v[c] + v) * 8, (mx * h.h[c] + u) * 8);
                            }
                        }
                    }
                }
            }
        }
        in.finish();
    }

    /** Huffman-decodes one block (T.81 F.2.2), dequantizes it and writes its inverse DCT into the plane. */
    private void decodeBlock(int scanIndex, int c, int row, int col) throws CodecException {
        JpegHeader h = header;
        HuffmanTable dc = h.dc[h.scanDc[scanIndex]];
        HuffmanTable ac = h.ac[h.scanAc[scanIndex]];
        int[] q = h.quant[h.quantTable[c]];
        int[] z = coef;
        Arrays.fill(z, 0);
        EntropyReader r = in;
        int s = r.decode(dc);
        if (s > 16) {
            throw new CodecException(NAME, "DC category " + s, r.offset());
        }
        int diff = s == 0 ? 0 : r.receiveExtend(s);
        dcPred[scanIndex] += diff;
        z[0] = dcPred[scanIndex] * q[0];
        for (int k = 1; k < 64; k++) {
            int rs = r.decode(ac);
            int run = rs >> 4;
            s = rs & 15;
            if (s == 0) {
                if (run != 15) {
                    break; // end of block
                }
                k += 15;
                continue;
            }
            k += run;
            if (k > 63) {
                throw new CodecException(NAME, "AC coefficient run past the end of the block", r.offset());
            }
            int n = JpegHeader.ZIGZAG[k];
            z[n] = r.receiveExtend(s) * q[n];
        }
        int[] plane = planes[c];
        idct.transform(z, plane, row * planeStride[c] + col, planeStride[c]);
    }

    /** Upsamples, converts colour if needed and stores the frame. */
    private void output(FrameBuffer dst) {
        JpegHeader h = header;
        int w = h.width;
        int rows = h.height;
        int n = w * rows;
        int spp = h.componentCount;
        int[][] full = new int[spp][];
        for (int c = 0; c < spp; c++) {
            if (h.h[c] == h.maxH && h.v[c] == h.maxV) {
                full[c] = crop(planes[c], planeStride[c], w, rows);
            } else {
                int compW = ceilDiv(w * h.h[c], h.maxH);
                int compH = ceilDiv(rows * h.v[c], h.maxV);
                int[] out = new int[n];
                YCbCr.upsample(planes[c], planeStride[c], compW, compH, h.maxH / h.h[c], h.maxV / h.v[c], out, w,
                        rows, new int[Math.max(2 * compW, w) + 16]);
                full[c] = out;
            }
        }
        if (spp == 3 && convertColour) {
            int[] rgb = new int[3 * n];
            YCbCr.toRgb(full[0], full[1], full[2], n, h.precision, rgb);
            copy(rgb, dst);
        } else if (spp == 1) {
            copy(full[0], dst);
        } else {
            int[] all = new int[spp * n];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < spp; c++) {
                    all[i * spp + c] = full[c][i];
                }
            }
            copy(all, dst);
        }
    }

    private static int[] crop(int[] plane, int stride, int w, int rows) {
        if (stride == w) {
            return plane;
        }
        int[] out = new int[w * rows];
        for (int y = 0; y < rows; y++) {
            System.arraycopy(plane, y * stride, out, y * w, w);
        }
        return out;
    }

    private static void copy(int[] samples, FrameBuffer dst) {
        int n = dst.length();
        if (dst.bytes() != null) {
            byte[] d = dst.bytes();
            for (int i = 0; i < n; i++) {
                d[i] = (byte) samples[i];
            }
        } else {
            short[] d = dst.shorts();
            for (int i = 0; i < n; i++) {
                d[i] = (short) samples[i];
            }
        }
    }
}
