package org.lightbox.query.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;

/**
 * The studies of the user guide's screenshots: four patients (one with a Latin-1 name), CT and MR studies of
 * synthetic but plausible anatomy (ellipse phantoms with a little noise) so that the viewer shows a real picture.
 * Written with our own writer as Part 10 files, Explicit VR Little Endian.
 */
final class DocCorpus {

    static final String ROOT = "1.2.826.0.1.3680043.9.7433.88.";

    enum Anatomy {
        HEAD_CT, CHEST_CT, BRAIN_T1, BRAIN_T2
    }

    record Series(int number, String description, Anatomy anatomy, int images, int size, double center,
            double width) {
    }

    record Study(int id, String patientName, String patientId, String birthDate, String sex, String date,
            String time, String accession, String description, String modality, List<Series> series) {

        String uid() {
            return ROOT + id;
        }

        String seriesUid(Series s) {
            return uid() + "." + s.number();
        }
    }

    /** In the workbench's node (sent with storescu) and in the archive. */
    static final Study MUELLER_CT = new Study(1, "MÜLLER^JÜRGEN", "LB-100231", "19580314", "M", "20250114",
            "084512", "A25-0114-07", "CT Head without contrast", "CT", List.of(
                    new Series(2, "Axial 5.0 brain", Anatomy.HEAD_CT, 12, 256, 40, 80),
                    new Series(3, "Axial 5.0 bone", Anatomy.HEAD_CT, 12, 256, 500, 2500)));
    static final Study MUELLER_MR = new Study(2, "MÜLLER^JÜRGEN", "LB-100231", "19580314", "M", "20250302",
            "131005", "A25-0302-22", "MR Brain", "MR", List.of(
                    new Series(1, "T1 SE axial", Anatomy.BRAIN_T1, 8, 192, 420, 900),
                    new Series(2, "T2 TSE axial", Anatomy.BRAIN_T2, 8, 192, 600, 1300)));
    static final Study NAKAMURA_CT = new Study(3, "NAKAMURA^YUKI", "LB-100877", "19790902", "F", "20250221",
            "102230", "A25-0221-03", "CT Thorax low dose", "CT", List.of(
                    new Series(2, "Axial 3.0 mediastinum", Anatomy.CHEST_CT, 10, 256, 40, 400),
                    new Series(3, "Axial 3.0 lung", Anatomy.CHEST_CT, 10, 256, -600, 1500)));
    /** Only in the archive: the Remote perspective retrieves it. */
    static final Study LEFEVRE_MR = new Study(4, "LEFÈVRE^ÉLODIE", "LB-101405", "19910517", "F", "20241105",
            "161540", "A24-1105-11", "MR Brain follow-up", "MR", List.of(
                    new Series(1, "T2 TSE axial", Anatomy.BRAIN_T2, 8, 192, 600, 1300)));
    /** Only in the archive. */
    static final Study OKAFOR_CT = new Study(5, "OKAFOR^CHIDI", "LB-100512", "19660130", "M", "20240918",
            "073300", "A24-0918-01", "CT Head trauma", "CT", List.of(
                    new Series(2, "Axial 5.0 brain", Anatomy.HEAD_CT, 12, 256, 40, 80)));

    static final List<Study> LOCAL = List.of(MUELLER_CT, MUELLER_MR, NAKAMURA_CT);
    static final List<Study> ARCHIVE = List.of(MUELLER_CT, MUELLER_MR, NAKAMURA_CT, LEFEVRE_MR, OKAFOR_CT);

    private DocCorpus() {
    }

    /** Writes the studies into {@code dir}; returns it. */
    static Path write(Path dir, List<Study> studies) throws IOException {
        Files.createDirectories(dir);
        for (Study st : studies) {
            for (Series se : st.series()) {
                for (int i = 1; i <= se.images(); i++) {
                    Attributes a = image(st, se, i);
                    String sop = st.seriesUid(se) + "." + i;
                    DicomWriter.writeFile(dir.resolve(sop + ".dcm"), FileMetaInformation.create(
                            a.getString(Tag.SOPClassUID), sop, UID.ExplicitVRLittleEndian), a);
                }
            }
        }
        return dir;
    }

    static int imageCount(Study st) {
        return st.series().stream().mapToInt(Series::images).sum();
    }

    private static Attributes image(Study st, Series se, int n) {
        boolean ct = st.modality().equals("CT");
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        a.setString(Tag.SOPClassUID, VR.UI, ct ? UID.CTImageStorage : UID.MRImageStorage);
        a.setString(Tag.SOPInstanceUID, VR.UI, st.seriesUid(se) + "." + n);
        a.setString(Tag.StudyDate, VR.DA, st.date());
        a.setString(Tag.StudyTime, VR.TM, st.time());
        a.setString(Tag.AccessionNumber, VR.SH, st.accession());
        a.setString(Tag.Modality, VR.CS, st.modality());
        a.setString(Tag.Manufacturer, VR.LO, "Lightbox Phantoms");
        a.setString(Tag.InstitutionName, VR.LO, "St. Elsewhere Hospital");
        a.setString(Tag.ReferringPhysicianName, VR.PN, "BERGER^ANNA^^DR.");
        a.setString(Tag.StudyDescription, VR.LO, st.description());
        a.setString(Tag.SeriesDescription, VR.LO, se.description());
        a.setString(Tag.PatientName, VR.PN, st.patientName());
        a.setString(Tag.PatientID, VR.LO, st.patientId());
        a.setString(Tag.PatientBirthDate, VR.DA, st.birthDate());
        a.setString(Tag.PatientSex, VR.CS, st.sex());
        a.setString(Tag.BodyPartExamined, VR.CS, se.anatomy() == Anatomy.CHEST_CT ? "CHEST" : "HEAD");
        a.setString(Tag.SliceThickness, VR.DS, ct ? "5" : "4");
        a.setString(Tag.PatientPosition, VR.CS, "HFS");
        a.setString(Tag.StudyInstanceUID, VR.UI, st.uid());
        a.setString(Tag.SeriesInstanceUID, VR.UI, st.seriesUid(se));
        a.setString(Tag.StudyID, VR.SH, Integer.toString(st.id()));
        a.setString(Tag.SeriesNumber, VR.IS, Integer.toString(se.number()));
        a.setString(Tag.InstanceNumber, VR.IS, Integer.toString(n));
        double z = (n - 1) * (ct ? 5.0 : 4.0);
        a.setString(Tag.ImagePositionPatient, VR.DS, "-120", "-120", fmt(z));
        a.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
        a.setString(Tag.SliceLocation, VR.DS, fmt(z));
        a.setString(Tag.PixelSpacing, VR.DS, fmt(240.0 / se.size()), fmt(240.0 / se.size()));
        a.setInt(Tag.SamplesPerPixel, VR.US, 1);
        a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        a.setInt(Tag.Rows, VR.US, se.size());
        a.setInt(Tag.Columns, VR.US, se.size());
        a.setInt(Tag.BitsAllocated, VR.US, 16);
        a.setInt(Tag.BitsStored, VR.US, 12);
        a.setInt(Tag.HighBit, VR.US, 11);
        a.setInt(Tag.PixelRepresentation, VR.US, 0);
        a.setString(Tag.WindowCenter, VR.DS, fmt(se.center()));
        a.setString(Tag.WindowWidth, VR.DS, fmt(se.width()));
        if (ct) {
            a.setString(Tag.RescaleIntercept, VR.DS, "-1024");
            a.setString(Tag.RescaleSlope, VR.DS, "1");
            a.setString(Tag.KVP, VR.DS, "120");
        } else {
            a.setString(Tag.MagneticFieldStrength, VR.DS, "1.5");
            a.setString(Tag.RepetitionTime, VR.DS, se.anatomy() == Anatomy.BRAIN_T1 ? "550" : "4200");
            a.setString(Tag.EchoTime, VR.DS, se.anatomy() == Anatomy.BRAIN_T1 ? "12" : "98");
        }
        // a slice near the middle of the series is the widest part of the anatomy
        double t = se.images() == 1 ? 0 : 2.0 * (n - 1) / (se.images() - 1) - 1; // -1 .. 1
        a.setBytes(Tag.PixelData, VR.OW, pixels(se.anatomy(), se.size(), t, st.id() * 1000 + se.number() * 100 + n));
        return a;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(java.util.Locale.ROOT, "%.4f", v);
    }

    /** 12-bit stored values; CT stores HU + 1024. {@code t} is the slice position, -1 (bottom) to 1 (top). */
    private static byte[] pixels(Anatomy anatomy, int size, double t, long seed) {
        Random noise = new Random(seed);
        byte[] px = new byte[size * size * 2];
        double scale = Math.sqrt(Math.max(0.15, 1 - 0.75 * t * t)); // the head narrows away from the middle
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double u = 2.0 * (x + 0.5) / size - 1; // -1 .. 1, left to right
                double v = 2.0 * (y + 0.5) / size - 1; // -1 .. 1, top to bottom
                double value = switch (anatomy) {
                    case HEAD_CT -> headCt(u, v, scale, t) + noise.nextGaussian() * 4 + 1024;
                    case CHEST_CT -> chestCt(u, v, t) + noise.nextGaussian() * 8 + 1024;
                    case BRAIN_T1 -> brainMr(u, v, scale, t, false) * (1 + noise.nextGaussian() * 0.02)
                            + Math.abs(noise.nextGaussian()) * 12;
                    case BRAIN_T2 -> brainMr(u, v, scale, t, true) * (1 + noise.nextGaussian() * 0.02)
                            + Math.abs(noise.nextGaussian()) * 12;
                };
                int s = (int) Math.max(0, Math.min(4095, Math.round(value)));
                int p = (y * size + x) * 2;
                px[p] = (byte) s;
                px[p + 1] = (byte) (s >> 8);
            }
        }
        return px;
    }

    /** Inside the ellipse centred (cx, cy) with half-axes (a, b), rotated by {@code deg}. */
    private static boolean in(double u, double v, double cx, double cy, double a, double b, double deg) {
        double r = Math.toRadians(deg);
        double du = u - cx;
        double dv = v - cy;
        double p = du * Math.cos(r) + dv * Math.sin(r);
        double q = -du * Math.sin(r) + dv * Math.cos(r);
        return p * p / (a * a) + q * q / (b * b) <= 1;
    }

    /** Hounsfield units of an axial head slice: scalp, skull, brain with grey and white matter, ventricles. */
    private static double headCt(double u, double v, double s, double t) {
        if (!in(u, v, 0, 0, 0.72 * s, 0.88 * s, 0)) {
            return -1000;
        }
        if (!in(u, v, 0, 0, 0.69 * s, 0.85 * s, 0)) {
            return 20; // scalp
        }
        if (!in(u, v, 0, 0, 0.63 * s, 0.79 * s, 0)) {
            return 1100; // skull
        }
        double hu = 38; // grey matter
        if (in(u, v, 0, 0.02, 0.5 * s, 0.64 * s, 0)) {
            hu = 28; // white matter
        }
        double vs = Math.max(0, 1 - 2.5 * t * t);
        if (vs > 0 && (in(u, v, -0.1, -0.08, 0.07 * vs, 0.25 * vs, 12) || in(u, v, 0.1, -0.08, 0.07 * vs, 0.25 * vs,
                -12))) {
            hu = 5; // lateral ventricles
        }
        if (in(u, v, 0.28, 0.3, 0.06, 0.05, 0) && Math.abs(t) < 0.35) {
            hu = 62; // a small hyperdense spot
        }
        if (in(u, v, 0, 0.7 * s, 0.02, 0.08 * s, 0)) {
            hu = 1100; // falx calcification near the occiput
        }
        return hu;
    }

    /** Hounsfield units of an axial chest slice: body, lungs with vessels, heart, aorta, spine, ribs. */
    private static double chestCt(double u, double v, double t) {
        if (!in(u, v, 0, 0.05, 0.92, 0.62, 0)) {
            return in(u, v, 0, 0.72, 0.95, 0.06, 0) ? 80 : -1000; // the table
        }
        double hu = in(u, v, 0, 0.05, 0.88, 0.58, 0) ? 45 : -90; // muscle inside, fat under the skin
        boolean lungL = in(u, v, -0.42, 0.0, 0.32, 0.44, 8);
        boolean lungR = in(u, v, 0.42, 0.0, 0.32, 0.44, -8);
        if (lungL || lungR) {
            hu = -860;
            double vessel = Math.sin(u * 23 + t * 3) * Math.sin(v * 19 - t * 2);
            if (vessel > 0.93) {
                hu = 30;
            }
        }
        if (in(u, v, 0.08, 0.08, 0.26, 0.22, -20)) {
            hu = 40; // heart
        }
        if (in(u, v, -0.08, 0.3, 0.08, 0.08, 0)) {
            hu = 48; // descending aorta
        }
        if (in(u, v, 0, 0.44, 0.1, 0.1, 0)) {
            hu = in(u, v, 0, 0.44, 0.07, 0.07, 0) ? 250 : 700; // vertebral body
        }
        if (in(u, v, 0, -0.5, 0.12, 0.03, 0)) {
            hu = 600; // sternum
        }
        for (int side = -1; side <= 1; side += 2) {
            for (int k = 0; k < 4; k++) {
                double a = Math.toRadians(200 - k * 28);
                double cu = side * 0.82 * Math.abs(Math.cos(a));
                double cv = 0.05 + 0.52 * Math.sin(a);
                if (in(u, v, cu, cv, 0.035, 0.035, 0)) {
                    hu = 650; // ribs
                }
            }
        }
        return hu;
    }

    /** Signal of an axial brain MR slice, T1 or T2 weighted. */
    private static double brainMr(double u, double v, double s, double t, boolean t2) {
        if (!in(u, v, 0, 0, 0.72 * s, 0.88 * s, 0)) {
            return 0;
        }
        if (!in(u, v, 0, 0, 0.69 * s, 0.85 * s, 0)) {
            return t2 ? 520 : 880; // scalp fat
        }
        if (!in(u, v, 0, 0, 0.64 * s, 0.8 * s, 0)) {
            return 40; // skull
        }
        if (!in(u, v, 0, 0, 0.61 * s, 0.77 * s, 0)) {
            return t2 ? 1300 : 160; // CSF around the brain
        }
        double signal = t2 ? 620 : 470; // grey matter
        if (in(u, v, 0, 0.02, 0.5 * s, 0.64 * s, 0)) {
            signal = t2 ? 430 : 640; // white matter
        }
        double vs = Math.max(0, 1 - 2.5 * t * t);
        if (vs > 0 && (in(u, v, -0.1, -0.08, 0.07 * vs, 0.25 * vs, 12) || in(u, v, 0.1, -0.08, 0.07 * vs, 0.25 * vs,
                -12))) {
            signal = t2 ? 1450 : 140; // ventricles
        }
        if (in(u, v, 0.28, 0.3, 0.07, 0.06, 0) && Math.abs(t) < 0.35) {
            signal = t2 ? 1100 : 380; // a small lesion, bright on T2
        }
        return signal;
    }
}
