package org.lightbox.query;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.core.io.ReadOptions;

/**
 * A small generated archive for the query/retrieve tests: three patients (one with a Latin-1 name), four studies,
 * seven series of CT and MR, 16 instances of 16x16 pixels, in ISO_IR 100, as Part 10 files in Explicit VR LE.
 */
public final class QrCorpus {

    /** One instance's identifying and descriptive values (what a query should find). */
    public record Instance(String patientId, String patientName, String birthDate, String sex, String studyUid,
            String studyDate, String studyTime, String accession, String studyId, String referring,
            String studyDescription, String seriesUid, String modality, String seriesNumber,
            String seriesDescription, String sopClass, String sopUid, String instanceNumber) {
    }

    public final List<Instance> instances = new ArrayList<>();

    public QrCorpus() {
        patient("QR001", "Müller^Jürgen", "19640512", "M", 1, "20240105", new String[] { "CT", "CT" }, 3);
        patient("QR001", "Müller^Jürgen", "19640512", "M", 2, "20240311", new String[] { "MR" }, 2);
        patient("QR002", "Smith^Anna", "19801224", "F", 3, "20231120", new String[] { "CT", "MR" }, 2);
        patient("QR003", "Dubois^René", "19551001", "O", 4, "20240601", new String[] { "MR", "MR" }, 1);
    }

    private void patient(String pid, String name, String birth, String sex, int study, String date,
            String[] seriesModalities, int perSeries) {
        String studyUid = "1.2.826.0.1.3680043.9.7433.1." + study;
        for (int s = 0; s < seriesModalities.length; s++) {
            String seriesUid = studyUid + "." + (s + 1);
            String mod = seriesModalities[s];
            for (int i = 1; i <= perSeries; i++) {
                instances.add(new Instance(pid, name, birth, sex, studyUid, date, "0930" + study + "0",
                        "ACC" + study, "S" + study, "Öztürk^Ayşe".replace('ş', 's'), "Study " + study + " Thorax",
                        seriesUid, mod, Integer.toString(s + 1), mod + " series " + (s + 1),
                        mod.equals("CT") ? UID.CTImageStorage : UID.MRImageStorage, seriesUid + "." + i,
                        Integer.toString(i)));
            }
        }
    }

    /** The data set of an instance: its values, a private element, a sequence, and a small pixel pattern. */
    public static Attributes dataset(Instance x) {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        a.setString(Tag.SOPClassUID, VR.UI, x.sopClass());
        a.setString(Tag.SOPInstanceUID, VR.UI, x.sopUid());
        a.setString(Tag.StudyDate, VR.DA, x.studyDate());
        a.setString(Tag.StudyTime, VR.TM, x.studyTime());
        a.setString(Tag.AccessionNumber, VR.SH, x.accession());
        a.setString(Tag.Modality, VR.CS, x.modality());
        a.setString(Tag.ReferringPhysicianName, VR.PN, x.referring());
        a.setString(Tag.StudyDescription, VR.LO, x.studyDescription());
        a.setString(Tag.SeriesDescription, VR.LO, x.seriesDescription());
        a.setString(Tag.PatientName, VR.PN, x.patientName());
        a.setString(Tag.PatientID, VR.LO, x.patientId());
        a.setString(Tag.PatientBirthDate, VR.DA, x.birthDate());
        a.setString(Tag.PatientSex, VR.CS, x.sex());
        int creator = a.reservePrivateTag("LIGHTBOX QR TEST", 0x00290010);
        a.setString(creator + 1, VR.LO, "privat Ä");
        a.setString(Tag.StudyInstanceUID, VR.UI, x.studyUid());
        a.setString(Tag.SeriesInstanceUID, VR.UI, x.seriesUid());
        a.setString(Tag.StudyID, VR.SH, x.studyId());
        a.setString(Tag.SeriesNumber, VR.IS, x.seriesNumber());
        a.setString(Tag.InstanceNumber, VR.IS, x.instanceNumber());
        a.setInt(Tag.SamplesPerPixel, VR.US, 1);
        a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        a.setInt(Tag.Rows, VR.US, 16);
        a.setInt(Tag.Columns, VR.US, 16);
        a.setInt(Tag.BitsAllocated, VR.US, 16);
        a.setInt(Tag.BitsStored, VR.US, 12);
        a.setInt(Tag.HighBit, VR.US, 11);
        a.setInt(Tag.PixelRepresentation, VR.US, 0);
        byte[] px = new byte[16 * 16 * 2];
        for (int i = 0; i < px.length; i += 2) {
            int v = (i * 13 + x.sopUid().hashCode()) & 0x0FFF;
            px[i] = (byte) v;
            px[i + 1] = (byte) (v >> 8);
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        return a;
    }

    /** Writes every instance as a Part 10 file into {@code dir}; returns the folder. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Instance x : instances) {
            DicomWriter.writeFile(dir.resolve(x.sopUid() + ".dcm"),
                    FileMetaInformation.create(x.sopClass(), x.sopUid(), UID.ExplicitVRLittleEndian), dataset(x));
        }
        return dir;
    }

    public List<Instance> ofStudy(String studyUid) {
        return instances.stream().filter(x -> x.studyUid().equals(studyUid)).toList();
    }

    /** The bytes of a Part 10 file after its meta information (from the group length (0002,0000)). */
    public static byte[] dataSetBytes(Path file) throws IOException {
        Attributes meta;
        try (DicomReader r = new DicomReader(file, ReadOptions.headerOnly())) {
            meta = r.readFileMetaInformation();
        }
        long groupLength = meta.getLong(0x00020000, -1);
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, (int) (132 + 12 + groupLength), all.length);
    }

    /** The SOP Instance UID in a Part 10 file's meta information. */
    public static String sopInstanceUid(Path file) throws IOException {
        try (DicomReader r = new DicomReader(file, ReadOptions.headerOnly())) {
            return r.readFileMetaInformation().getString(Tag.MediaStorageSOPInstanceUID);
        }
    }
}
