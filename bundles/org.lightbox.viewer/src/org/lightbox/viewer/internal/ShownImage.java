package org.lightbox.viewer.internal;

import org.eclipse.swt.graphics.ImageData;
import org.lightbox.dicom.imageio.FrameBuffer;
import org.lightbox.dicom.imageio.render.GrayscaleSettings;
import org.lightbox.dicom.imageio.render.ModalityTransform;
import org.lightbox.dicom.imageio.render.ValueRange;

/**
 * A finished frame, ready to paint: the rendered pixels as SWT image data (no display resources, so it can be
 * made on the worker), the overlay plane, what the pixel read-out needs, and the grey-level settings actually
 * applied; or the one-line message shown instead of the image.
 *
 * @param request what was asked
 * @param image the rendered frame, {@code null} on error
 * @param overlay the overlays (60xx) as a 1-bit plane with a transparent background, or {@code null}
 * @param frame the decoded frame, for the pixel value under the mouse
 * @param modality stored to modality values
 * @param settings the applied settings for grayscale frames ({@code null} for colour)
 * @param range the frame's modality value range for grayscale frames
 * @param error the message shown instead of the image, or {@code null}
 */
public record ShownImage(FrameRequest request, ImageData image, ImageData overlay, FrameBuffer frame,
        ModalityTransform modality, GrayscaleSettings settings, ValueRange range, String error) {

    static ShownImage failed(FrameRequest request, String error) {
        return new ShownImage(request, null, null, null, null, null, null, error);
    }
}
