package org.lightbox.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;

/** Data sets for tests: small CT instances with Latin-1 text, and their encodings. */
final class TestInstances {

    private TestInstances() {
    }

    /** A CT instance in ISO_IR 100 with the given identity; add further attributes as needed. */
    static Attributes ct(String patientId, String patientName, String studyUid, String seriesUid, String sopUid) {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.SOPClassUID, VR.UI, UID.CTImageStorage);
        a.setString(Tag.SOPInstanceUID, VR.UI, sopUid);
        a.setString(Tag.StudyDate, VR.DA, "20240115");
        a.setString(Tag.StudyTime, VR.TM, "101500");
        a.setString(Tag.AccessionNumber, VR.SH, "ACC-" + studyUid.substring(studyUid.length() - 3));
        a.setString(Tag.Modality, VR.CS, "CT");
        a.setString(Tag.ReferringPhysicianName, VR.PN, "Öztürk^Ayse");
        a.setString(Tag.StudyDescription, VR.LO, "Thorax");
        a.setString(Tag.SeriesDescription, VR.LO, "Axial");
        a.setString(Tag.PatientName, VR.PN, patientName);
        a.setString(Tag.PatientID, VR.LO, patientId);
        a.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        a.setString(Tag.PatientSex, VR.CS, "O");
        a.setString(Tag.BodyPartExamined, VR.CS, "CHEST");
        a.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        a.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        a.setString(Tag.StudyID, VR.SH, "S1");
        a.setString(Tag.SeriesNumber, VR.IS, "1");
        a.setString(Tag.InstanceNumber, VR.IS, "1");
        a.setInt(Tag.Rows, VR.US, 4);
        a.setInt(Tag.Columns, VR.US, 4);
        return a;
    }

    /** Adds 4x4 16-bit pixel data. */
    static Attributes withPixels(Attributes a) {
        a.setInt(Tag.BitsAllocated, VR.US, 16);
        a.setInt(Tag.BitsStored, VR.US, 12);
        a.setInt(Tag.HighBit, VR.US, 11);
        a.setInt(Tag.PixelRepresentation, VR.US, 0);
        a.setInt(Tag.SamplesPerPixel, VR.US, 1);
        a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        byte[] px = new byte[32];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i * 7);
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        return a;
    }

    /** The data set encoded in {@code ts} without meta information (as a C-STORE carries it). */
    static byte[] dataset(Attributes a, TransferSyntax ts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(out)) {
            w.writeDataset(a, ts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A whole Part 10 file. */
    static byte[] part10(Attributes a, TransferSyntax ts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(out)) {
            w.writeFileMetaInformation(FileMetaInformation.create(a.getString(Tag.SOPClassUID),
                    a.getString(Tag.SOPInstanceUID), ts.uid()));
            w.writeDataset(a, ts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A file row for catalog-only tests (no file on disk). */
    static StoredFile file(String sopUid) {
        return new StoredFile("test-store", "s/" + sopUid + ".dcm", 1000, UID.ExplicitVRLittleEndian, null);
    }
}
