package org.lightbox.dicom.imageio.render;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.imageio.FrameBuffer;

/** Renders any decoded frame for display: grayscale through the VOI pipeline, colour through its colour model. */
public final class FrameRenderer {

    private FrameRenderer() {
    }

    /** {@code settings} applies to grayscale images only. */
    public static RenderedImage render(FrameBuffer frame, Attributes image, GrayscaleSettings settings) {
        if (frame.format().photometric().isMonochrome()) {
            return GrayscaleRenderer.render(frame, image, settings == null ? GrayscaleSettings.AUTOMATIC : settings);
        }
        return ColorRenderer.render(frame, image);
    }
}
