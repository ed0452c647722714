package org.lightbox.dicom.imageio.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.FrameFormat;
import org.lightbox.dicom.imageio.PhotometricInterpretation;

class ValueRangeTest {

    private static FrameBuffer signed16(int columns, int... values) {
        short[] s = new short[values.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) values[i];
        }
        return FrameBuffer.wrap(new FrameFormat(values.length / columns, columns, 1, 16, 12, true, false,
                PhotometricInterpretation.MONOCHROME2), s);
    }

    private static Attributes ct() {
        Attributes a = new Attributes();
        a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        a.setInt(Tag.PixelRepresentation, VR.US, 1);
        a.setString(Tag.RescaleSlope, VR.DS, "2");
        a.setString(Tag.RescaleIntercept, VR.DS, "-1024");
        return a;
    }

    @Test
    void rangeIsInModalityUnitsAndSkipsPadding() {
        Attributes a = ct();
        a.setInt(Tag.PixelPaddingValue, VR.SS, -2000);
        ValueRange r = ValueRange.of(signed16(2, -2000, 0, 100, 1000), a);
        assertEquals(-1024, r.min());
        assertEquals(2 * 1000 - 1024, r.max());
        assertEquals(2000, r.span());
    }

    @Test
    void fullWindowRendersLikeAutomatic() {
        Attributes a = ct();
        FrameBuffer f = signed16(4, -5, 0, 7, 300);
        RenderedImage auto = FrameRenderer.render(f, a, GrayscaleSettings.AUTOMATIC);
        RenderedImage full = FrameRenderer.render(f, a, ValueRange.of(f, a).fullWindow());
        assertArrayEquals(auto.gray(), full.gray());
    }

    @Test
    void valueAtAppliesTheModalityTransform() {
        Attributes a = ct();
        FrameBuffer f = signed16(2, 1, 2, 3, -4);
        ModalityTransform m = ModalityTransform.of(a);
        assertEquals(2 * 2 - 1024, ValueRange.valueAt(f, m, 1, 0));
        assertEquals(2 * -4 - 1024, ValueRange.valueAt(f, m, 1, 1));
        assertTrue(Double.isNaN(ValueRange.valueAt(f, m, 2, 0)));
        assertTrue(Double.isNaN(ValueRange.valueAt(f, m, 0, -1)));
    }
}
