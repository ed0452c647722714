package org.lightbox.viewer.internal;

import org.eclipse.swt.graphics.Rectangle;

/**
 * Where the image sits on the canvas: fitted (centred, as large as fits) or at a zoom factor, shifted by a pan.
 * Image pixel (x, y) maps to canvas point (originX + x * scale, originY + y * scale); the origin is rounded to
 * whole canvas pixels so that at scale 1 image pixels land exactly on screen pixels.
 */
public final class ViewTransform {

    public static final double MIN_ZOOM = 1 / 32.0;
    public static final double MAX_ZOOM = 32;

    private boolean fit = true;
    private double zoom = 1;
    private double panX;
    private double panY;

    public boolean isFit() {
        return fit;
    }

    public void fit() {
        fit = true;
        panX = panY = 0;
    }

    /** Fixed zoom, centred. */
    public void setZoom(double z) {
        fit = false;
        zoom = clamp(z);
        panX = panY = 0;
    }

    public double scale(Rectangle area, int w, int h) {
        if (!fit) {
            return zoom;
        }
        double s = Math.min(area.width / (double) w, area.height / (double) h);
        return s > 0 ? s : 1;
    }

    public double originX(Rectangle area, int w, int h) {
        return Math.round(area.x + (area.width - w * scale(area, w, h)) / 2 + panX);
    }

    public double originY(Rectangle area, int w, int h) {
        return Math.round(area.y + (area.height - h * scale(area, w, h)) / 2 + panY);
    }

    /** Zooms by {@code factor} keeping the image point under canvas point (cx, cy) in place. */
    public void zoomAt(double factor, int cx, int cy, Rectangle area, int w, int h) {
        double s0 = scale(area, w, h);
        double ix = (cx - originX(area, w, h)) / s0;
        double iy = (cy - originY(area, w, h)) / s0;
        double s1 = clamp(s0 * factor);
        fit = false;
        zoom = s1;
        panX = cx - ix * s1 - (area.x + (area.width - w * s1) / 2);
        panY = cy - iy * s1 - (area.y + (area.height - h * s1) / 2);
    }

    /** Moves the image by (dx, dy) canvas pixels; a fitted image keeps its scale. */
    public void pan(int dx, int dy, Rectangle area, int w, int h) {
        if (fit) {
            zoom = scale(area, w, h);
            fit = false;
        }
        panX += dx;
        panY += dy;
    }

    private static double clamp(double z) {
        return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z));
    }
}
