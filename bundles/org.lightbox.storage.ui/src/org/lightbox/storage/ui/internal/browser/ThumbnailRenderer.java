package org.lightbox.storage.ui.internal.browser;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.io.DicomFile;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.PixelCodecs;
import org.lightbox.dicom.imageio.PixelData;
import org.lightbox.dicom.imageio.render.FrameRenderer;
import org.lightbox.dicom.imageio.render.GrayscaleSettings;
import org.lightbox.dicom.imageio.render.RenderedImage;

/**
 * A series' thumbnail: the middle frame of an image rendered as the viewer first shows it (the file's own window,
 * else its VOI LUT, else the frame's range) and shrunk by averaging to fit a square. Pixel data is read from the
 * file for the one frame only. Any thread; no display needed.
 */
final class ThumbnailRenderer {

    private static final PaletteData RGB = new PaletteData(0xFF0000, 0x00FF00, 0x0000FF);

    private ThumbnailRenderer() {
    }

    /**
     * @throws IOException when the file is not an image this program can decode (the message says why)
     */
    static ImageData render(Path file, int size) throws IOException {
        DicomFile f = DicomReader.readFile(file, ReadOptions.DEFAULT.withAcceptOddLengths(true));
        TransferSyntax ts = f.transferSyntax();
        if (ts.encapsulated() && PixelCodecs.forTransferSyntax(ts.uid()) == null) {
            throw new IOException("codec not supported: " + ts.name());
        }
        RenderedImage r;
        try {
            PixelData pd = PixelData.of(f.dataset(), ts);
            FrameBuffer frame = pd.frame(pd.frameCount() / 2);
            r = FrameRenderer.render(frame, f.dataset(), GrayscaleSettings.AUTOMATIC);
        } catch (RuntimeException e) { // a malformed LUT or colour model: no thumbnail, not a broken strip
            throw new IOException(file.getFileName() + ": " + e.getMessage(), e);
        }
        return shrink(r, size);
    }

    /** Averages the image down to fit {@code size} x {@code size} (never enlarges), 24-bit RGB. */
    static ImageData shrink(RenderedImage r, int size) {
        double scale = Math.min(1.0, Math.min((double) size / r.width(), (double) size / r.height()));
        int w = Math.max(1, (int) Math.round(r.width() * scale));
        int h = Math.max(1, (int) Math.round(r.height() * scale));
        byte[] out = new byte[w * h * 3];
        for (int ty = 0; ty < h; ty++) {
            int y0 = ty * r.height() / h;
            int y1 = Math.max(y0 + 1, (ty + 1) * r.height() / h);
            for (int tx = 0; tx < w; tx++) {
                int x0 = tx * r.width() / w;
                int x1 = Math.max(x0 + 1, (tx + 1) * r.width() / w);
                long red = 0;
                long green = 0;
                long blue = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int v = r.rgbAt(x, y);
                        red += v >> 16 & 0xFF;
                        green += v >> 8 & 0xFF;
                        blue += v & 0xFF;
                    }
                }
                long n = (long) (y1 - y0) * (x1 - x0);
                int p = (ty * w + tx) * 3;
                out[p] = (byte) (red / n);
                out[p + 1] = (byte) (green / n);
                out[p + 2] = (byte) (blue / n);
            }
        }
        return new ImageData(w, h, 24, RGB, 1, out);
    }
}
