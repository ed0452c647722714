package org.lightbox.storage.ui.internal.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;

/**
 * Small Part 10 CT images (16 x 16, a ramp) with the patient, study and series attributes the browser shows,
 * written with our own writer so that the tests need no external tool except where a peer is the point.
 */
final class TestImages {

    static final int SIZE = 16;

    /** The attributes of one image; {@code with...} copies change one level. */
    record Spec(String patientName, String patientId, String birthDate, String sex, String studyUid,
            String studyDate, String studyTime, String accession, String studyDescription, String seriesUid,
            int seriesNumber, String modality, String seriesDescription) {

        Spec withPatient(String name, String id) {
            return new Spec(name, id, birthDate, sex, studyUid, studyDate, studyTime, accession, studyDescription,
                    seriesUid, seriesNumber, modality, seriesDescription);
        }

        Spec withStudy(String uid, String date, String description) {
            return new Spec(patientName, patientId, birthDate, sex, uid, date, studyTime, accession, description,
                    seriesUid, seriesNumber, modality, seriesDescription);
        }

        Spec withSeries(String uid, int number, String mod, String description) {
            return new Spec(patientName, patientId, birthDate, sex, studyUid, studyDate, studyTime, accession,
                    studyDescription, uid, number, mod, description);
        }
    }

    static final Spec DOE = new Spec("Doe^John", "PID1", "19700102", "M", "1.2.826.0.1.3680043.99.1",
            "20240305", "101530.25", "ACC1", "CT Chest", "1.2.826.0.1.3680043.99.1.1", 1, "CT", "Axial");

    private TestImages() {
    }

    /** Writes {@code count} images of the series of {@code spec} into {@code dir}; returns the folder. */
    static Path series(Path dir, Spec spec, int count) throws IOException {
        Files.createDirectories(dir);
        for (int i = 1; i <= count; i++) {
            image(dir.resolve(spec.seriesUid() + "." + i + ".dcm"), spec, i);
        }
        return dir;
    }

    static Path image(Path file, Spec s, int instanceNumber) throws IOException {
        String sop = s.seriesUid() + "." + instanceNumber;
        Attributes ds = new Attributes();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tag.SOPInstanceUID, VR.UI, sop);
        ds.setString(Tag.StudyDate, VR.DA, s.studyDate());
        ds.setString(Tag.StudyTime, VR.TM, s.studyTime());
        ds.setString(Tag.AccessionNumber, VR.SH, s.accession());
        ds.setString(Tag.Modality, VR.CS, s.modality());
        ds.setString(Tag.StudyDescription, VR.LO, s.studyDescription());
        ds.setString(Tag.SeriesDescription, VR.LO, s.seriesDescription());
        ds.setString(Tag.PatientName, VR.PN, s.patientName());
        ds.setString(Tag.PatientID, VR.LO, s.patientId());
        ds.setString(Tag.PatientBirthDate, VR.DA, s.birthDate());
        ds.setString(Tag.PatientSex, VR.CS, s.sex());
        ds.setString(Tag.StudyInstanceUID, VR.UI, s.studyUid());
        ds.setString(Tag.SeriesInstanceUID, VR.UI, s.seriesUid());
        ds.setString(Tag.StudyID, VR.SH, "1");
        ds.setString(Tag.SeriesNumber, VR.IS, Integer.toString(s.seriesNumber()));
        ds.setString(Tag.InstanceNumber, VR.IS, Integer.toString(instanceNumber));
        ds.setInt(Tag.SamplesPerPixel, VR.US, 1);
        ds.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tag.Rows, VR.US, SIZE);
        ds.setInt(Tag.Columns, VR.US, SIZE);
        ds.setInt(Tag.BitsAllocated, VR.US, 16);
        ds.setInt(Tag.BitsStored, VR.US, 12);
        ds.setInt(Tag.HighBit, VR.US, 11);
        ds.setInt(Tag.PixelRepresentation, VR.US, 0);
        byte[] px = new byte[SIZE * SIZE * 2];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int v = x * 256; // dark on the left, bright on the right
                int p = (y * SIZE + x) * 2;
                px[p] = (byte) v;
                px[p + 1] = (byte) (v >> 8);
            }
        }
        ds.setValue(Tag.PixelData, VR.OW, px);
        Attributes meta = FileMetaInformation.create(UID.CTImageStorage, sop, UID.ExplicitVRLittleEndian);
        DicomWriter.writeFile(file, meta, ds);
        return file;
    }
}
