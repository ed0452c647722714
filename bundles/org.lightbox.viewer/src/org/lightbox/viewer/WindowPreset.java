package org.lightbox.viewer;

import org.lightbox.viewer.internal.ValueText;

/**
 * A named window in modality units (Hounsfield units for CT).
 *
 * @param name what a menu shows ("Lung", or the image's own explanation)
 * @param center window centre (level)
 * @param width window width
 * @param fromImage true for a window the image itself carries (0028,1050/1051)
 */
public record WindowPreset(String name, double center, double width, boolean fromImage) {

    public WindowPreset {
        if (!(width > 0)) {
            throw new IllegalArgumentException("window width must be positive: " + width);
        }
    }

    /** "Lung (W 1500 L -600)". */
    public String label() {
        return name + " (W " + ValueText.number(width) + " L " + ValueText.number(center) + ")";
    }
}
