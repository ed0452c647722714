package org.lightbox.query.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;

/**
 * A small archive for the Remote view's tests: two patients, three studies, five series, nine instances of 8x8
 * pixels, as Part 10 files (Explicit VR Little Endian).
 */
public final class RemoteCorpus {

    public record Instance(String patientId, String patientName, String birthDate, String sex, String studyUid,
            String studyDate, String accession, String description, String seriesUid, String modality,
            int seriesNumber, String sopUid, int instanceNumber) {
    }

    public static final String ROOT = "1.2.826.0.1.3680043.9.7433.77.";
    public static final String STUDY_1 = ROOT + "1";
    public static final String STUDY_2 = ROOT + "2";
    public static final String STUDY_3 = ROOT + "3";

    public final List<Instance> instances = new ArrayList<>();

    public RemoteCorpus() {
        study("RQ001", "MUELLER^HANS", "19640512", "M", STUDY_1, "20240105", "Thorax CT", new String[] { "CT", "CT" },
                2);
        study("RQ001", "MUELLER^HANS", "19640512", "M", STUDY_2, "20240311", "Knee MR", new String[] { "MR" }, 3);
        study("RQ002", "SMITH^ANNA", "19801224", "F", STUDY_3, "20231120", "Head", new String[] { "CT", "MR" }, 1);
    }

    private void study(String pid, String name, String birth, String sex, String studyUid, String date, String desc,
            String[] modalities, int perSeries) {
        for (int s = 0; s < modalities.length; s++) {
            String seriesUid = studyUid + "." + (s + 1);
            for (int i = 1; i <= perSeries; i++) {
                instances.add(new Instance(pid, name, birth, sex, studyUid, date, "ACC" + studyUid.substring(
                        ROOT.length()), desc, seriesUid, modalities[s], s + 1, seriesUid + "." + i, i));
            }
        }
    }

    public List<Instance> ofStudy(String studyUid) {
        return instances.stream().filter(x -> x.studyUid().equals(studyUid)).toList();
    }

    public List<Instance> ofSeries(String seriesUid) {
        return instances.stream().filter(x -> x.seriesUid().equals(seriesUid)).toList();
    }

    public static Attributes dataset(Instance x) {
        Attributes a = new Attributes();
        String cuid = x.modality().equals("CT") ? UID.CTImageStorage : UID.MRImageStorage;
        a.setString(Tag.SOPClassUID, VR.UI, cuid);
        a.setString(Tag.SOPInstanceUID, VR.UI, x.sopUid());
        a.setString(Tag.StudyDate, VR.DA, x.studyDate());
        a.setString(Tag.StudyTime, VR.TM, "093000");
        a.setString(Tag.AccessionNumber, VR.SH, x.accession());
        a.setString(Tag.Modality, VR.CS, x.modality());
        a.setString(Tag.ReferringPhysicianName, VR.PN, "WHO^REFERRED");
        a.setString(Tag.StudyDescription, VR.LO, x.description());
        a.setString(Tag.SeriesDescription, VR.LO, x.modality() + " " + x.seriesNumber());
        a.setString(Tag.PatientName, VR.PN, x.patientName());
        a.setString(Tag.PatientID, VR.LO, x.patientId());
        a.setString(Tag.PatientBirthDate, VR.DA, x.birthDate());
        a.setString(Tag.PatientSex, VR.CS, x.sex());
        a.setString(Tag.StudyInstanceUID, VR.UI, x.studyUid());
        a.setString(Tag.SeriesInstanceUID, VR.UI, x.seriesUid());
        a.setString(Tag.StudyID, VR.SH, "S" + x.studyUid().substring(ROOT.length()));
        a.setString(Tag.SeriesNumber, VR.IS, Integer.toString(x.seriesNumber()));
        a.setString(Tag.InstanceNumber, VR.IS, Integer.toString(x.instanceNumber()));
        a.setInt(Tag.SamplesPerPixel, VR.US, 1);
        a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        a.setInt(Tag.Rows, VR.US, 8);
        a.setInt(Tag.Columns, VR.US, 8);
        a.setInt(Tag.BitsAllocated, VR.US, 16);
        a.setInt(Tag.BitsStored, VR.US, 12);
        a.setInt(Tag.HighBit, VR.US, 11);
        a.setInt(Tag.PixelRepresentation, VR.US, 0);
        byte[] px = new byte[8 * 8 * 2];
        for (int i = 0; i < px.length; i += 2) {
            px[i] = (byte) (i * 3 + x.instanceNumber());
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        return a;
    }

    /** Writes every instance into {@code dir}; returns it. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Instance x : instances) {
            Attributes a = dataset(x);
            DicomWriter.writeFile(dir.resolve(x.sopUid() + ".dcm"), FileMetaInformation.create(
                    a.getString(Tag.SOPClassUID), x.sopUid(), UID.ExplicitVRLittleEndian), a);
        }
        return dir;
    }
}
