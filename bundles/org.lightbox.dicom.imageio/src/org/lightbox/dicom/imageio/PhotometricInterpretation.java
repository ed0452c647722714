package org.lightbox.dicom.imageio;

/**
 * The defined terms of Photometric Interpretation (0028,0004), PS3.3 C.7.6.3.1.2. The codecs need to know which
 * colour model a frame is in: lossy JPEG codes colour as YCbCr, the lossless codecs keep whatever is stored.
 */
public enum PhotometricInterpretation {
    MONOCHROME1(1), MONOCHROME2(1), PALETTE_COLOR(1), RGB(3), HSV(3), ARGB(4), CMYK(4), YBR_FULL(3),
    YBR_FULL_422(3), YBR_PARTIAL_422(3), YBR_PARTIAL_420(3), YBR_ICT(3), YBR_RCT(3), XYB(3);

    private final int samplesPerPixel;

    PhotometricInterpretation(int samplesPerPixel) {
        this.samplesPerPixel = samplesPerPixel;
    }

    /** The value as written in a data set ("PALETTE COLOR" has a space). */
    public String dicomName() {
        return this == PALETTE_COLOR ? "PALETTE COLOR" : name();
    }

    /** The Samples per Pixel the standard requires with this interpretation. */
    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    public boolean isMonochrome() {
        return this == MONOCHROME1 || this == MONOCHROME2;
    }

    /** True for the luminance/chrominance models. */
    public boolean isYbr() {
        return name().startsWith("YBR");
    }

    /** The constant for a data set's value; {@code null} when the value is none of the defined terms. */
    public static PhotometricInterpretation of(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.equals("PALETTE COLOR")) {
            return PALETTE_COLOR;
        }
        for (PhotometricInterpretation p : values()) {
            if (p.name().equals(v)) {
                return p;
            }
        }
        return null;
    }
}
