package org.lightbox.storage.ui.internal.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.imageio.render.RenderedImage;

class ThumbnailRendererTest {

    @TempDir
    Path tmp;

    @Test
    void shrinksByAveragingBlocksAndKeepsTheAspect() {
        // 4 x 2 grey: left 2x2 block 0 and 100 (average 50), right block all 200
        byte[] g = { 0, 100, (byte) 200, (byte) 200, 100, 0, (byte) 200, (byte) 200 };
        ImageData d = ThumbnailRenderer.shrink(new RenderedImage(4, 2, g, null), 2);
        assertEquals(2, d.width);
        assertEquals(1, d.height);
        assertEquals(new RGB(50, 50, 50), d.palette.getRGB(d.getPixel(0, 0)));
        assertEquals(new RGB(200, 200, 200), d.palette.getRGB(d.getPixel(1, 0)));
    }

    @Test
    void colourIsAveragedPerChannel() {
        int[] rgb = { 0xFF0000, 0x0000FF };
        ImageData d = ThumbnailRenderer.shrink(new RenderedImage(2, 1, null, rgb), 1);
        assertEquals(new RGB(127, 0, 127), d.palette.getRGB(d.getPixel(0, 0)));
    }

    @Test
    void rendersTheMiddleImageOfAFileSmall() throws IOException {
        Path f = TestImages.image(tmp.resolve("a.dcm"), TestImages.DOE, 1);
        ImageData d = ThumbnailRenderer.render(f, 8);
        assertEquals(8, d.width);
        assertEquals(8, d.height);
        int left = d.palette.getRGB(d.getPixel(0, 4)).red;
        int right = d.palette.getRGB(d.getPixel(7, 4)).red;
        assertTrue(left < right, left + " < " + right);
    }

    @Test
    void aFileThatIsNotAnImageIsAnErrorNotACrash() throws IOException {
        Path f = tmp.resolve("x.dcm");
        Files.write(f, new byte[300]);
        assertThrows(IOException.class, () -> ThumbnailRenderer.render(f, 64));
    }
}
