package org.lightbox.dicom.imageio;

/**
 * Encoder settings; each codec uses the ones that apply to it.
 *
 * @param quality lossy JPEG quality 1..100 (the IJG scale of the quantization tables)
 * @param nearLossless JPEG-LS near-lossless NEAR, the maximum error per sample (0 = lossless)
 * @param selectionValue lossless JPEG predictor 1..7
 */
public record CodecOptions(int quality, int nearLossless, int selectionValue) {

    /** Quality 90, JPEG-LS near-lossless error 2 (used only for the near-lossless syntax), predictor 1. */
    public static final CodecOptions DEFAULT = new CodecOptions(90, 2, 1);

    public CodecOptions {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("JPEG quality " + quality + " is not in 1..100");
        }
        if (nearLossless < 0 || nearLossless > 255) {
            throw new IllegalArgumentException("JPEG-LS NEAR " + nearLossless + " is not in 0..255");
        }
        if (selectionValue < 1 || selectionValue > 7) {
            throw new IllegalArgumentException("lossless JPEG selection value " + selectionValue + " is not 1..7");
        }
    }

    public CodecOptions withQuality(int q) {
        return new CodecOptions(q, nearLossless, selectionValue);
    }

    public CodecOptions withNearLossless(int near) {
        return new CodecOptions(quality, near, selectionValue);
    }

    public CodecOptions withSelectionValue(int sv) {
        return new CodecOptions(quality, nearLossless, sv);
    }
}
