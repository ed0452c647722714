package org.lightbox.dicom.imageio.render;

import java.util.ArrayList;
import java.util.List;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;

/**
 * The VOI choices an image carries (PS3.3 C.11.2): its windows (centre, width, explanation), its VOI LUTs, and
 * the window function; the viewer offers them as presets.
 */
public final class ImageVoi {

    /** One window of Window Center/Width (0028,1050/1051), with its explanation (0028,1055) when given. */
    public record Window(double center, double width, String explanation) {
    }

    private final List<Window> windows;
    private final List<LookupTable> luts;
    private final VoiFunction function;

    private ImageVoi(List<Window> windows, List<LookupTable> luts, VoiFunction function) {
        this.windows = List.copyOf(windows);
        this.luts = List.copyOf(luts);
        this.function = function;
    }

    public static ImageVoi of(Attributes image) {
        Attributes source = image;
        if (!image.contains(Tag.WindowCenter)) {
            Attributes frameVoi = ModalityTransform.firstItem(
                    ModalityTransform.firstItem(image, Tag.SharedFunctionalGroupsSequence), Tag.FrameVOILUTSequence);
            if (frameVoi != null) {
                source = frameVoi;
            }
        }
        double[] centers = source.getDoubles(Tag.WindowCenter);
        double[] widths = source.getDoubles(Tag.WindowWidth);
        String[] explanations = source.getStrings(Tag.WindowCenterWidthExplanation);
        List<Window> windows = new ArrayList<>();
        if (centers != null && widths != null) {
            for (int i = 0; i < Math.min(centers.length, widths.length); i++) {
                if (widths[i] > 0) {
                    String e = explanations != null && i < explanations.length ? explanations[i] : "";
                    windows.add(new Window(centers[i], widths[i], e == null ? "" : e));
                }
            }
        }
        List<LookupTable> luts = new ArrayList<>();
        Sequence seq = image.getSequence(Tag.VOILUTSequence);
        if (seq != null) {
            // VOI LUT input is the modality value; its first mapped value is signed when those can be negative
            boolean signedInput = image.getInt(Tag.PixelRepresentation, 0) == 1
                    || ModalityTransform.of(image).apply(0) < 0;
            for (Attributes item : seq) {
                luts.add(LookupTable.of(item, Tag.LUTDescriptor, Tag.LUTData, signedInput));
            }
        }
        return new ImageVoi(windows, luts, VoiFunction.of(source.getString(Tag.VOILUTFunction)));
    }

    public List<Window> windows() {
        return windows;
    }

    public List<LookupTable> luts() {
        return luts;
    }

    public VoiFunction function() {
        return function;
    }
}
