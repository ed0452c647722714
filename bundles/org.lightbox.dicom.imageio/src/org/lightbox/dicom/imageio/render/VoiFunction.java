package org.lightbox.dicom.imageio.render;

/**
 * The window functions of VOI LUT Function (0028,1056), PS3.3 C.11.2.1.2 and C.11.2.1.3: each maps a modality value
 * to the fraction 0..1 of the output range for a window centre {@code c} and width {@code w}.
 */
public enum VoiFunction {
    /** The default: the window is {@code w - 1} wide around {@code c - 0.5} (integer pixel data in mind). */
    LINEAR {
        @Override
        public double apply(double x, double c, double w) {
            double width = Math.max(w, 1);
            double low = c - 0.5 - (width - 1) / 2;
            double high = c - 0.5 + (width - 1) / 2;
            if (x <= low) {
                return 0;
            }
            if (x > high) {
                return 1;
            }
            return width == 1 ? 1 : (x - (c - 0.5)) / (width - 1) + 0.5;
        }
    },
    /** The window is exactly {@code w} wide around {@code c}; used with floating point values. */
    LINEAR_EXACT {
        @Override
        public double apply(double x, double c, double w) {
            double width = w <= 0 ? Double.MIN_VALUE : w;
            if (x <= c - width / 2) {
                return 0;
            }
            if (x > c + width / 2) {
                return 1;
            }
            return (x - c) / width + 0.5;
        }
    },
    /** A logistic curve: {@code w} sets its steepness, never clipping. */
    SIGMOID {
        @Override
        public double apply(double x, double c, double w) {
            return 1 / (1 + Math.exp(-4 * (x - c) / Math.max(w, Double.MIN_VALUE)));
        }
    };

    /** The fraction of the output range for modality value {@code x}, clamped to 0..1. */
    public abstract double apply(double x, double c, double w);

    /** The function named by a data set's VOI LUT Function; {@link #LINEAR} when absent or not a defined term. */
    public static VoiFunction of(String value) {
        if (value != null) {
            String v = value.trim();
            for (VoiFunction f : values()) {
                if (f.name().equals(v)) {
                    return f;
                }
            }
        }
        return LINEAR;
    }
}
