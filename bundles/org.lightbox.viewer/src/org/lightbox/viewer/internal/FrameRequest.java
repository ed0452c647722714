package org.lightbox.viewer.internal;

import org.lightbox.dicom.imageio.render.GrayscaleSettings;
import org.lightbox.viewer.SeriesFrame;

/**
 * What the canvas wants on screen: a frame, the user's grey-level choice ({@code null}: the image's own window)
 * and the user's invert. Equal requests render equal pictures, so a request is also the cache key.
 */
public record FrameRequest(SeriesFrame frame, GrayscaleSettings userSettings, boolean invert) {
}
