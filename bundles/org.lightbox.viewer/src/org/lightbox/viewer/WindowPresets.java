package org.lightbox.viewer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.imageio.render.ImageVoi;

/**
 * The windows a viewer offers for an image: the image's own (Window Center/Width with their explanations), then
 * the usual presets of its modality. A static table of facts, not a registry.
 */
public final class WindowPresets {

    /** The common CT windows (centre / width in HU). */
    public static final List<WindowPreset> CT = List.of(preset("Brain", 40, 80), preset("Subdural", 75, 215),
            preset("Stroke", 40, 40), preset("Lung", -600, 1500), preset("Mediastinum", 50, 350),
            preset("Abdomen", 40, 400), preset("Liver", 30, 150), preset("Bone", 300, 1500));

    private static final Map<String, List<WindowPreset>> BY_MODALITY = Map.of("CT", CT);

    private WindowPresets() {
    }

    private static WindowPreset preset(String name, double center, double width) {
        return new WindowPreset(name, center, width, false);
    }

    /** The presets of a modality (Modality (0008,0060) value); empty when there are none. */
    public static List<WindowPreset> forModality(String modality) {
        return modality == null ? List.of() : BY_MODALITY.getOrDefault(modality.trim().toUpperCase(), List.of());
    }

    /** The image's own windows, then its modality's presets. */
    public static List<WindowPreset> forImage(Attributes image) {
        List<WindowPreset> out = new ArrayList<>();
        if (image == null) {
            return out;
        }
        List<ImageVoi.Window> own = ImageVoi.of(image).windows();
        for (int i = 0; i < own.size(); i++) {
            ImageVoi.Window w = own.get(i);
            String name = w.explanation() == null || w.explanation().isBlank() ? "Image window " + (i + 1)
                    : w.explanation().trim();
            out.add(new WindowPreset(name, w.center(), w.width(), true));
        }
        out.addAll(forModality(image.getString(Tag.Modality)));
        return out;
    }
}
