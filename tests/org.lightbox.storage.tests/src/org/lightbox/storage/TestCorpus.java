package org.lightbox.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.core.io.ReadOptions;
import org.lightbox.testing.DcmtkTool;
import org.opentest4j.AssertionFailedError;

/** Test instances written as Part 10 files (our writer, or dcmcjpeg for compressed ones), and their bytes. */
public final class TestCorpus {

    private TestCorpus() {
    }

    /**
     * A 16-bit MONOCHROME2 image in ISO_IR 100 with a private block and a sequence, encoded the way dcmtk's
     * senders send it unchanged.
     */
    public static Attributes image(String sopClass, String patientId, String patientName, String studyUid,
            String seriesUid, String sopUid, String studyDate, String modality, int rows, int cols) {
        Attributes a = new Attributes();
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        a.setString(Tag.SOPClassUID, VR.UI, sopClass);
        a.setString(Tag.SOPInstanceUID, VR.UI, sopUid);
        a.setString(Tag.StudyDate, VR.DA, studyDate);
        a.setString(Tag.StudyTime, VR.TM, "101500");
        a.setString(Tag.AccessionNumber, VR.SH, "A" + Math.abs(studyUid.hashCode() % 100000));
        a.setString(Tag.Modality, VR.CS, modality);
        a.setString(Tag.ReferringPhysicianName, VR.PN, "Öztürk^Ayse");
        a.setString(Tag.StudyDescription, VR.LO, "Thorax");
        a.setString(Tag.SeriesDescription, VR.LO, "Axial " + modality);
        Sequence codes = a.newSequence(Tag.ProcedureCodeSequence);
        Attributes code = codes.addItem();
        code.setString(Tag.CodeValue, VR.SH, "P-" + modality);
        code.setString(Tag.CodingSchemeDesignator, VR.SH, "99LBX");
        code.setString(Tag.CodeMeaning, VR.LO, "Procédure " + modality);
        // defined lengths: dcmtk's senders re-encode undefined-length sequences with explicit lengths
        codes.setUndefinedLength(false);
        code.setUndefinedLength(false);
        a.setString(Tag.PatientName, VR.PN, patientName);
        a.setString(Tag.PatientID, VR.LO, patientId);
        a.setString(Tag.PatientBirthDate, VR.DA, "19700101");
        a.setString(Tag.PatientSex, VR.CS, "O");
        int creator = a.reservePrivateTag("LIGHTBOX TEST", 0x00290010);
        a.setBytes(creator, VR.OB, new byte[] { 1, 2, 3, 4, 5, 6 });
        a.setString(creator + 1, VR.LO, "private Ä");
        a.setString(Tag.StudyInstanceUID, VR.UI, studyUid);
        a.setString(Tag.SeriesInstanceUID, VR.UI, seriesUid);
        a.setString(Tag.StudyID, VR.SH, "S" + Math.abs(studyUid.hashCode() % 1000));
        a.setString(Tag.SeriesNumber, VR.IS, "1");
        a.setString(Tag.InstanceNumber, VR.IS, sopUid.substring(sopUid.lastIndexOf('.') + 1));
        a.setInt(Tag.SamplesPerPixel, VR.US, 1);
        a.setString(Tag.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        a.setInt(Tag.Rows, VR.US, rows);
        a.setInt(Tag.Columns, VR.US, cols);
        a.setInt(Tag.BitsAllocated, VR.US, 16);
        a.setInt(Tag.BitsStored, VR.US, 12);
        a.setInt(Tag.HighBit, VR.US, 11);
        a.setInt(Tag.PixelRepresentation, VR.US, 0);
        byte[] px = new byte[rows * cols * 2];
        for (int i = 0; i < px.length; i += 2) {
            int v = (i * 13 + sopUid.hashCode()) & 0x0FFF;
            px[i] = (byte) v;
            px[i + 1] = (byte) (v >> 8);
        }
        a.setBytes(Tag.PixelData, VR.OW, px);
        return a;
    }

    /** An 8-bit version (JPEG baseline needs 8-bit samples). */
    public static Attributes eightBit(Attributes a) {
        int rows = a.getInt(Tag.Rows, 0);
        int cols = a.getInt(Tag.Columns, 0);
        a.setInt(Tag.BitsAllocated, VR.US, 8);
        a.setInt(Tag.BitsStored, VR.US, 8);
        a.setInt(Tag.HighBit, VR.US, 7);
        byte[] px = new byte[rows * cols];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) ((i / cols) * 4 + (i % cols));
        }
        a.setBytes(Tag.PixelData, VR.OB, px);
        return a;
    }

    /** Writes {@code a} as a Part 10 file in transfer syntax {@code ts}. */
    public static Path write(Path file, Attributes a, String ts) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        DicomWriter.writeFile(file, FileMetaInformation.create(a.getString(Tag.SOPClassUID),
                a.getString(Tag.SOPInstanceUID), ts), a);
        return file;
    }

    /** Compresses {@code src} with dcmcjpeg ({@code +e1} lossless SV1, {@code +eb} baseline), keeping its UIDs. */
    public static Path jpeg(Path src, Path dst, String option) throws IOException, InterruptedException {
        Path log = dst.resolveSibling(dst.getFileName() + ".log");
        int rc = DcmtkTool.run(List.of("dcmcjpeg", option, "--uid-never", src.toString(), dst.toString()), log, 60);
        if (rc != 0) {
            throw new AssertionFailedError("dcmcjpeg failed (" + rc + "): " + DcmtkTool.log(log));
        }
        return dst;
    }

    /**
     * The bytes of a Part 10 file after its meta information: the data set as encoded (still deflated for a
     * deflated transfer syntax). The meta information's end comes from its group length (0002,0000).
     */
    public static byte[] dataSetBytes(Path file) throws IOException {
        Attributes meta = meta(file);
        if (meta == null) {
            throw new IOException(file + " has no file meta information");
        }
        long groupLength = meta.getLong(0x00020000, -1);
        if (groupLength < 0) {
            throw new IOException(file + " has no (0002,0000) group length");
        }
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, (int) (132 + 12 + groupLength), all.length);
    }

    /** The file meta information of a Part 10 file. */
    public static Attributes meta(Path file) throws IOException {
        try (DicomReader r = new DicomReader(file, ReadOptions.headerOnly())) {
            return r.readFileMetaInformation();
        }
    }

    /** Every stored file of a store folder (not the incoming or quarantine folders). */
    public static List<Path> storedFiles(Path storeRoot) throws IOException {
        try (var walk = Files.walk(storeRoot)) {
            return walk.filter(p -> p.toString().endsWith(".dcm"))
                    .filter(p -> !storeRoot.relativize(p).startsWith("incoming")
                            && !storeRoot.relativize(p).startsWith("quarantine"))
                    .sorted().toList();
        }
    }
}
