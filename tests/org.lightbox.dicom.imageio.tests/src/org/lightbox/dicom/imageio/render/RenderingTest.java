package org.lightbox.dicom.imageio.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PhotometricInterpretation;

/** Synthetic images whose rendering is known exactly from the standard's equations. */
class RenderingTest {

    private static Attributes image(PhotometricInterpretation p) {
        Attributes a = new Attributes();
        a.setString(Tag.PhotometricInterpretation, VR.CS, p.dicomName());
        return a;
    }

    private static FrameBuffer gray8(PhotometricInterpretation p, int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return FrameBuffer.wrap(new FrameFormat(1, values.length, 1, 8, 8, false, false, p), b);
    }

    private static FrameBuffer gray16(int bitsStored, boolean signed, int... cells) {
        short[] s = new short[cells.length];
        for (int i = 0; i < cells.length; i++) {
            s[i] = (short) cells[i];
        }
        return FrameBuffer.wrap(new FrameFormat(1, cells.length, 1, 16, bitsStored, signed, false,
                PhotometricInterpretation.MONOCHROME2), s);
    }

    private static int[] grays(RenderedImage r) {
        int[] g = new int[r.gray().length];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.gray()[i] & 0xFF;
        }
        return g;
    }

    @Test
    void fullRangeWindowOnEightBitsIsTheIdentity() {
        FrameBuffer f = gray8(PhotometricInterpretation.MONOCHROME2, 0, 1, 64, 127, 128, 200, 255);
        RenderedImage r = FrameRenderer.render(f, image(PhotometricInterpretation.MONOCHROME2),
                GrayscaleSettings.window(128, 256));
        assertArrayEquals(new int[] { 0, 1, 64, 127, 128, 200, 255 }, grays(r));
    }

    @Test
    void monochromeOneIsShownInverted() {
        FrameBuffer f = gray8(PhotometricInterpretation.MONOCHROME1, 0, 100, 255);
        RenderedImage r = FrameRenderer.render(f, image(PhotometricInterpretation.MONOCHROME1),
                GrayscaleSettings.window(128, 256));
        assertArrayEquals(new int[] { 255, 155, 0 }, grays(r));
        // the user's invert on top of MONOCHROME1 shows it upright again
        r = FrameRenderer.render(f, image(PhotometricInterpretation.MONOCHROME1),
                GrayscaleSettings.window(128, 256).inverted(true));
        assertArrayEquals(new int[] { 0, 100, 255 }, grays(r));
    }

    @Test
    void presentationLutShapeInverseInverts() {
        Attributes a = image(PhotometricInterpretation.MONOCHROME2);
        a.setString(Tag.PresentationLUTShape, VR.CS, "INVERSE");
        RenderedImage r = FrameRenderer.render(gray8(PhotometricInterpretation.MONOCHROME2, 0, 255), a,
                GrayscaleSettings.window(128, 256));
        assertArrayEquals(new int[] { 255, 0 }, grays(r));
    }

    @Test
    void ctWindowAppliesToRescaledHounsfieldUnits() {
        Attributes a = image(PhotometricInterpretation.MONOCHROME2);
        a.setString(Tag.RescaleIntercept, VR.DS, "-1024");
        a.setString(Tag.RescaleSlope, VR.DS, "1");
        a.setString(Tag.WindowCenter, VR.DS, "40");
        a.setString(Tag.WindowWidth, VR.DS, "400");
        // stored 1064 is 40 HU: (40 - 39.5) / 399 + 0.5 of 255 = 127.82 -> 128; -200 HU is below the window,
        // 276 HU above it; 200 HU: (200 - 39.5) / 399 + 0.5 = 0.90226 -> 230.08 -> 230
        RenderedImage r = FrameRenderer.render(gray16(12, false, 1064, 824, 1300, 1224), a,
                GrayscaleSettings.AUTOMATIC);
        assertArrayEquals(new int[] { 128, 0, 255, 230 }, grays(r));
    }

    @Test
    void signedStoredValuesAreSignExtendedFromBitsStored() {
        Attributes a = image(PhotometricInterpretation.MONOCHROME2);
        // 12 bits stored in 16: cell 0x0800 is -2048, 0xFFFF is -1, 0x07FF is 2047
        RenderedImage r = FrameRenderer.render(gray16(12, true, 0x0800, 0xFFFF, 0x07FF), a,
                GrayscaleSettings.window(0, 4096));
        // LINEAR: (x + 0.5) / 4095 + 0.5 of 255
        assertArrayEquals(new int[] { 0, 127, 255 }, grays(r));
    }

    @Test
    void rescaleSlopeMultiplies() {
        ModalityTransform m = ModalityTransform.rescale(2.5, -10);
        assertEquals(15.0, m.apply(10));
        assertEquals(1.0, ModalityTransform.rescale(0, 1).apply(0), "a zero slope is taken as 1");
    }

    @Test
    void withoutVoiTheFrameRangeFillsTheDisplayAndPaddingIsIgnored() {
        Attributes a = image(PhotometricInterpretation.MONOCHROME2);
        a.setInt(Tag.PixelPaddingValue, VR.US, 0);
        RenderedImage r = FrameRenderer.render(gray16(16, false, 0, 100, 150, 200), a, GrayscaleSettings.AUTOMATIC);
        // range 100..200: centre 150.5, width 101; 150 -> (150 - 150) / 100 + 0.5 = 0.5 -> 128
        assertArrayEquals(new int[] { 0, 0, 128, 255 }, grays(r));
    }

    @Test
    void voiLutSequenceMapsModalityValues() {
        Attributes a = image(PhotometricInterpretation.MONOCHROME2);
        Attributes item = a.newSequence(Tag.VOILUTSequence).addItem();
        item.setInt(Tag.LUTDescriptor, VR.US, 4, 10, 8);
        item.setInt(Tag.LUTData, VR.US, 0, 51, 102, 255);
        RenderedImage r = FrameRenderer.render(gray8(PhotometricInterpretation.MONOCHROME2, 0, 10, 11, 12, 13, 99),
                a, GrayscaleSettings.AUTOMATIC);
        assertArrayEquals(new int[] { 0, 0, 51, 102, 255, 255 }, grays(r));
        assertEquals(1, ImageVoi.of(a).luts().size());
    }

    @Test
    void imageWindowsAreOfferedAsPresets() {
        Attributes a = image(PhotometricInterpretation.MONOCHROME2);
        a.setString(Tag.WindowCenter, VR.DS, "40", "300");
        a.setString(Tag.WindowWidth, VR.DS, "400", "1500");
        a.setString(Tag.WindowCenterWidthExplanation, VR.LO, "SOFT TISSUE", "BONE");
        a.setString(Tag.VOILUTFunction, VR.CS, "SIGMOID");
        ImageVoi voi = ImageVoi.of(a);
        assertEquals(2, voi.windows().size());
        assertEquals(new ImageVoi.Window(300, 1500, "BONE"), voi.windows().get(1));
        assertEquals(VoiFunction.SIGMOID, voi.function());
    }

    @Test
    void windowFunctionsFollowTheStandard() {
        assertEquals(0.5, VoiFunction.LINEAR_EXACT.apply(40, 40, 400), 1e-12);
        assertEquals(0.0, VoiFunction.LINEAR_EXACT.apply(-160, 40, 400), 1e-12);
        assertEquals(0.5, VoiFunction.SIGMOID.apply(40, 40, 400), 1e-12);
        assertEquals(1 / (1 + Math.exp(-1)), VoiFunction.SIGMOID.apply(140, 40, 400), 1e-12);
        assertEquals(VoiFunction.LINEAR, VoiFunction.of("NONSENSE"));
    }

    @Test
    void rgbInBothPlanarConfigurations() {
        byte[] interleaved = { 10, 30, 50, 20, 40, 60 };
        byte[] planar = { 10, 20, 30, 40, 50, 60 };
        FrameFormat pixelByPixel = new FrameFormat(1, 2, 3, 8, 8, false, false, PhotometricInterpretation.RGB);
        FrameFormat planeByPlane = new FrameFormat(1, 2, 3, 8, 8, false, true, PhotometricInterpretation.RGB);
        int[] expected = { 0x0A1E32, 0x14283C };
        assertArrayEquals(expected, FrameRenderer.render(FrameBuffer.wrap(pixelByPixel, interleaved),
                image(PhotometricInterpretation.RGB), null).rgb());
        assertArrayEquals(expected, FrameRenderer.render(FrameBuffer.wrap(planeByPlane, planar),
                image(PhotometricInterpretation.RGB), null).rgb());
    }

    @Test
    void ybrFullConvertsToRgb() {
        byte[] ybr = { (byte) 128, (byte) 128, (byte) 128, 76, 85, (byte) 255 };
        FrameFormat f = new FrameFormat(1, 2, 3, 8, 8, false, false, PhotometricInterpretation.YBR_FULL);
        int[] rgb = FrameRenderer.render(FrameBuffer.wrap(f, ybr), image(PhotometricInterpretation.YBR_FULL), null)
                .rgb();
        assertEquals(0x808080, rgb[0]);
        // R = 76 + 1.402 * 127 = 254.05, G = 76 + 0.344136 * 43 - 0.714136 * 127 = 0.1, B = 76 - 1.772 * 43 < 0
        assertEquals(0xFE0000, rgb[1]);
    }

    @Test
    void paletteColorLooksUpEachChannel() {
        Attributes a = image(PhotometricInterpretation.PALETTE_COLOR);
        int[] red = new int[256];
        int[] green = new int[256];
        int[] blue = new int[256];
        for (int i = 0; i < 256; i++) {
            red[i] = i * 257;
            green[i] = (255 - i) * 257;
            blue[i] = 0x8000;
        }
        for (int tag : new int[] { Tag.RedPaletteColorLookupTableDescriptor,
                Tag.GreenPaletteColorLookupTableDescriptor, Tag.BluePaletteColorLookupTableDescriptor }) {
            a.setInt(tag, VR.US, 256, 0, 16);
        }
        a.setInt(Tag.RedPaletteColorLookupTableData, VR.OW, red);
        a.setInt(Tag.GreenPaletteColorLookupTableData, VR.OW, green);
        a.setInt(Tag.BluePaletteColorLookupTableData, VR.OW, blue);
        RenderedImage r = FrameRenderer.render(gray8(PhotometricInterpretation.PALETTE_COLOR, 0, 200), a, null);
        assertArrayEquals(new int[] { 0x00FF80, 0xC83780 }, r.rgb());
    }

    @Test
    void missingPaletteIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrameRenderer.render(gray8(PhotometricInterpretation.PALETTE_COLOR, 1),
                        image(PhotometricInterpretation.PALETTE_COLOR), null));
        assertEquals("LUT descriptor (0028,1101) missing or short", e.getMessage());
    }
}
