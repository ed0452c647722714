package org.lightbox.viewer.internal;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.imageio.render.GrayscaleSettings;

/** The text in the four corners of the canvas, built from the image's header and the view state. */
public final class CornerAnnotations {

    private CornerAnnotations() {
    }

    /** Patient: name, ID, birth date and sex. */
    public static List<String> patient(Attributes a) {
        List<String> l = new ArrayList<>();
        if (a == null) {
            return l;
        }
        add(l, personName(a.getString(Tag.PatientName)));
        add(l, a.getString(Tag.PatientID) == null ? null : "ID: " + a.getString(Tag.PatientID));
        LocalDate birth = a.getDate(Tag.PatientBirthDate);
        String sex = a.getString(Tag.PatientSex);
        String line = (birth == null ? "" : birth.toString()) + (sex == null || sex.isEmpty() ? "" : " " + sex);
        add(l, line.trim());
        return l;
    }

    /** Study date and description, series number and description, image number in the series. */
    public static List<String> study(Attributes a, int index, int count) {
        List<String> l = new ArrayList<>();
        if (a != null) {
            LocalDate date = a.getDate(Tag.StudyDate);
            LocalTime time = a.getTime(Tag.StudyTime);
            add(l, date == null ? null : date + (time == null ? "" : " " + time.withNano(0)));
            add(l, a.getString(Tag.StudyDescription));
            add(l, a.getString(Tag.SeriesDescription));
            String se = a.getString(Tag.SeriesNumber);
            add(l, se == null ? null : "Se: " + se);
        }
        if (count > 0) {
            l.add("Im: " + (index + 1) + "/" + count);
        }
        return l;
    }

    /** Window (or VOI LUT), inversion and zoom. */
    public static List<String> display(GrayscaleSettings s, double zoom) {
        List<String> l = new ArrayList<>();
        if (s != null) {
            if (s.hasWindow()) {
                l.add("W: " + ValueText.number(s.windowWidth()) + " L: " + ValueText.number(s.windowCenter()));
            } else if (s.voiLutIndex() >= 0) {
                l.add("VOI LUT " + (s.voiLutIndex() + 1));
            }
            if (s.invert()) {
                l.add("Inverted");
            }
        }
        l.add("Zoom: " + Math.round(zoom * 100) + "%");
        return l;
    }

    /** Modality, frame and cine rate of multi-frame images, and the pixel value under the mouse. */
    public static List<String> acquisition(Attributes a, int frame, int frameCount, double fps, boolean playing,
            String probe) {
        List<String> l = new ArrayList<>();
        if (a != null) {
            add(l, a.getString(Tag.Modality));
        }
        if (frameCount > 1 || playing) {
            l.add((frameCount > 1 ? "Fr: " + (frame + 1) + "/" + frameCount + " " : "") + ValueText.number(fps)
                    + " fps" + (playing ? " >" : ""));
        }
        add(l, probe);
        return l;
    }

    /** "Family^Given^Middle" as "Family, Given Middle". */
    static String personName(String pn) {
        if (pn == null || pn.isBlank()) {
            return null;
        }
        String alphabetic = pn.split("=", -1)[0];
        String[] p = alphabetic.split("\\^", -1);
        StringBuilder sb = new StringBuilder(p[0].trim());
        for (int i = 1; i < p.length && i < 3; i++) {
            if (!p[i].isBlank()) {
                sb.append(i == 1 ? ", " : " ").append(p[i].trim());
            }
        }
        return sb.toString();
    }

    private static void add(List<String> l, String s) {
        if (s != null && !s.isBlank()) {
            l.add(s.trim());
        }
    }
}
