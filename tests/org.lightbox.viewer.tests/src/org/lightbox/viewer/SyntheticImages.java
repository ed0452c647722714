package org.lightbox.viewer;

import java.io.IOException;
import java.nio.file.Path;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;

/**
 * DICOM files whose rendering is known exactly, written with core's writer. Images are small (the tests show them
 * at 100% in a fixed-size shell) and their pixel values are simple functions of the position.
 */
final class SyntheticImages {

    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    static final String CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2";
    private static int uidCounter;

    private SyntheticImages() {
    }

    static Attributes header(String modality, int rows, int columns) {
        Attributes a = new Attributes();
        a.setString(Tag.SOPClassUID, VR.UI, "CT".equals(modality) ? CT_IMAGE : SECONDARY_CAPTURE);
        a.setString(Tag.SOPInstanceUID, VR.UI, "2.25.1234567." + (++uidCounter));
        a.setString(Tag.Modality, VR.CS, modality);
        a.setString(Tag.PatientName, VR.PN, "Test^Patient");
        a.setString(Tag.PatientID, VR.LO, "P-1");
        a.setString(Tag.SeriesInstanceUID, VR.UI, "2.25.99");
        a.setString(Tag.SeriesNumber, VR.IS, "1");
        a.setInt(Tag.Rows, VR.US, rows);
        a.setInt(Tag.Columns, VR.US, columns);
        return a;
    }

    static void mono(Attributes a, String photometric, int bitsAllocated, int bitsStored, boolean signed) {
        a.setInt(Tag.SamplesPerPixel, VR.US, 1);
        a.setString(Tag.PhotometricInterpretation, VR.CS, photometric);
        a.setInt(Tag.BitsAllocated, VR.US, bitsAllocated);
        a.setInt(Tag.BitsStored, VR.US, bitsStored);
        a.setInt(Tag.HighBit, VR.US, bitsStored - 1);
        a.setInt(Tag.PixelRepresentation, VR.US, signed ? 1 : 0);
    }

    /** 8-bit grey whose pixel (x, y) is {@code (x + 4 * y) & 0xFF}. */
    static Attributes gray8(String photometric, int rows, int columns) {
        Attributes a = header("OT", rows, columns);
        mono(a, photometric, 8, 8, false);
        byte[] px = new byte[rows * columns];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                px[y * columns + x] = (byte) gray8Value(x, y);
            }
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        return a;
    }

    static int gray8Value(int x, int y) {
        return (x + 4 * y) & 0xFF;
    }

    /**
     * Signed CT (12 of 16 bits), slope 2, intercept -100, stored value (x, y) = {@code ctStored(x, y)} (negative
     * near the left edge); window 40/400; pixel spacing 0.5 mm between rows, 0.25 mm between columns.
     */
    static Attributes signedCt(int rows, int columns, int instance) {
        Attributes a = header("CT", rows, columns);
        mono(a, "MONOCHROME2", 16, 12, true);
        a.setString(Tag.RescaleIntercept, VR.DS, "-100");
        a.setString(Tag.RescaleSlope, VR.DS, "2");
        a.setString(Tag.WindowCenter, VR.DS, "40");
        a.setString(Tag.WindowWidth, VR.DS, "400");
        a.setString(Tag.InstanceNumber, VR.IS, Integer.toString(instance));
        a.setString(Tag.PixelSpacing, VR.DS, "0.5", "0.25");
        byte[] px = new byte[rows * columns * 2];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int v = ctStored(x, y);
                int i = 2 * (y * columns + x);
                px[i] = (byte) v;
                px[i + 1] = (byte) (v >> 8);
            }
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        return a;
    }

    static int ctStored(int x, int y) {
        return -60 + 5 * x + y;
    }

    /** The Hounsfield value of pixel (x, y) of {@link #signedCt}. */
    static double ctHu(int x, int y) {
        return 2 * ctStored(x, y) - 100;
    }

    /** RGB, planar configuration 1: R = 4x, G = 4y, B = 200 (all 8 bits). */
    static Attributes rgbPlanar(int rows, int columns) {
        Attributes a = header("OT", rows, columns);
        a.setInt(Tag.SamplesPerPixel, VR.US, 3);
        a.setString(Tag.PhotometricInterpretation, VR.CS, "RGB");
        a.setInt(Tag.PlanarConfiguration, VR.US, 1);
        a.setInt(Tag.BitsAllocated, VR.US, 8);
        a.setInt(Tag.BitsStored, VR.US, 8);
        a.setInt(Tag.HighBit, VR.US, 7);
        a.setInt(Tag.PixelRepresentation, VR.US, 0);
        int n = rows * columns;
        byte[] px = new byte[3 * n];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < columns; x++) {
                int p = y * columns + x;
                px[p] = (byte) (4 * x);
                px[n + p] = (byte) (4 * y);
                px[2 * n + p] = (byte) 200;
            }
        }
        a.setBytes(Tag.PixelData, VR.OB, px);
        return a;
    }

    /** An image in JPEG 2000, for which no codec exists: one fragment of junk. */
    /** Encapsulated pixel data whose one fragment no codec decodes. */
    static Attributes encapsulated(int rows, int columns) {
        Attributes a = header("OT", rows, columns);
        mono(a, "MONOCHROME2", 8, 8, false);
        Fragments f = a.newFragments(Tag.PixelData, VR.OB, 2);
        f.add(new byte[0]);
        f.add(new byte[] { (byte) 0xFF, 0x4F, (byte) 0xFF, 0x51, 0, 0 });
        return a;
    }

    static Path write(Path file, Attributes a) throws IOException {
        return write(file, a, UID.ExplicitVRLittleEndian);
    }

    static Path write(Path file, Attributes a, String transferSyntax) throws IOException {
        Attributes meta = FileMetaInformation.create(a.getString(Tag.SOPClassUID), a.getString(Tag.SOPInstanceUID),
                transferSyntax);
        DicomWriter.writeFile(file, meta, a);
        return file;
    }
}
