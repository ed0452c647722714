package org.lightbox.dicom.imageio.render;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;

/**
 * Stored values to modality values (Hounsfield units for CT, say): the Modality LUT Sequence when the image has one,
 * else Rescale Slope and Intercept (PS3.3 C.11.1). Also reads them from the shared functional groups of
 * enhanced multi-frame images.
 */
public final class ModalityTransform {

    private final double slope;
    private final double intercept;
    private final LookupTable lut;

    private ModalityTransform(double slope, double intercept, LookupTable lut) {
        this.slope = slope;
        this.intercept = intercept;
        this.lut = lut;
    }

    public static final ModalityTransform IDENTITY = new ModalityTransform(1, 0, null);

    public static ModalityTransform rescale(double slope, double intercept) {
        return new ModalityTransform(slope == 0 ? 1 : slope, intercept, null);
    }

    public static ModalityTransform of(Attributes image) {
        boolean signed = image.getInt(Tag.PixelRepresentation, 0) == 1;
        Sequence lutSeq = image.getSequence(Tag.ModalityLUTSequence);
        if (lutSeq != null && !lutSeq.isEmpty()) {
            return new ModalityTransform(1, 0,
                    LookupTable.of(lutSeq.get(0), Tag.LUTDescriptor, Tag.LUTData, signed));
        }
        Attributes source = image;
        if (!image.contains(Tag.RescaleSlope)) {
            Attributes transformation = firstItem(firstItem(image, Tag.SharedFunctionalGroupsSequence),
                    Tag.PixelValueTransformationSequence);
            if (transformation != null) {
                source = transformation;
            }
        }
        return rescale(source.getDouble(Tag.RescaleSlope, 1), source.getDouble(Tag.RescaleIntercept, 0));
    }

    static Attributes firstItem(Attributes a, int sequenceTag) {
        if (a == null) {
            return null;
        }
        Sequence s = a.getSequence(sequenceTag);
        return s == null || s.isEmpty() ? null : s.get(0);
    }

    public double apply(int stored) {
        return lut != null ? lut.lookup(stored) : stored * slope + intercept;
    }

    public boolean isIdentity() {
        return lut == null && slope == 1 && intercept == 0;
    }
}
