package org.lightbox.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

class WindowPresetsTest {

    @Test
    void ctImagesGetTheirOwnWindowsFirstThenTheCtPresets() {
        Attributes a = new Attributes();
        a.setString(Tag.Modality, VR.CS, "CT");
        a.setString(Tag.WindowCenter, VR.DS, "40", "-500");
        a.setString(Tag.WindowWidth, VR.DS, "400", "1200");
        a.setString(Tag.WindowCenterWidthExplanation, VR.LO, "SOFT TISSUE", "");
        List<WindowPreset> p = WindowPresets.forImage(a);
        assertEquals(2 + 8, p.size());
        assertEquals(new WindowPreset("SOFT TISSUE", 40, 400, true), p.get(0));
        assertEquals(new WindowPreset("Image window 2", -500, 1200, true), p.get(1));
        assertEquals(List.of("Brain 40/80", "Subdural 75/215", "Stroke 40/40", "Lung -600/1500",
                "Mediastinum 50/350", "Abdomen 40/400", "Liver 30/150", "Bone 300/1500"),
                p.subList(2, 10).stream().map(w -> w.name() + " " + (int) w.center() + "/" + (int) w.width()).toList());
        assertEquals("Lung (W 1500 L -600)", p.get(5).label());
    }

    @Test
    void otherModalitiesHaveOnlyTheImagesWindows() {
        Attributes a = new Attributes();
        a.setString(Tag.Modality, VR.CS, "MR");
        assertTrue(WindowPresets.forImage(a).isEmpty());
        assertTrue(WindowPresets.forImage(null).isEmpty());
        assertEquals(WindowPresets.CT, WindowPresets.forModality("ct"));
    }

    @Test
    void aPresetNeedsAPositiveWidth() {
        assertThrows(IllegalArgumentException.class, () -> new WindowPreset("x", 0, 0, false));
    }
}
