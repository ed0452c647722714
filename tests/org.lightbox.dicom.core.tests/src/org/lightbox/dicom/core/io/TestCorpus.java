package org.lightbox.dicom.core.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Fragments;
import org.lightbox.dicom.core.Sequence;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.VR;

/** Generated data sets for the reader/writer tests: every VR, nested sequences, private blocks, pixel data. */
final class TestCorpus {

    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.7";
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    static final String PRIVATE_CREATOR = "LIGHTBOX TEST";
    static final List<TransferSyntax> NATIVE = List.of(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
            TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN,
            TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

    private TestCorpus() {
    }

    /**
     * One element of every VR (on tags whose dictionary VR is that VR, so implicit VR reads them back alike),
     * nested sequences with both length forms, an empty sequence and item, a private block, native pixel data.
     * {@code privateVRs}: private data elements with real VRs (LO, private SQ) instead of UN; those change when
     * passing through implicit VR.
     */
    static Attributes everyVR(boolean bigEndian, String charset, String patientName, boolean privateVRs) {
        Attributes ds = new Attributes(bigEndian, 64);
        ds.setString(0x00080005, VR.CS, charset);
        ds.setString(0x00080008, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        ds.setString(0x00080016, VR.UI, SOP_CLASS);
        ds.setString(0x00080018, VR.UI, "1.2.826.0.1.3680043.2.1143.1");
        ds.setString(0x00080020, VR.DA, "20240131");
        ds.setString(0x0008002A, VR.DT, "20240131123456.789012+0100");
        ds.setString(0x00080030, VR.TM, "123456.5");
        ds.setString(0x00080050, VR.SH, "ACC-1");
        ds.setString(0x00080054, VR.AE, "STORE_SCP", "ARCHIVE");
        ds.setString(0x00080060, VR.CS, "OT");
        ds.setString(0x00080070, VR.LO, "Lightbox Test Corp");
        ds.setString(0x00080081, VR.ST, "1 Main Street, Springfield");
        ds.setString(0x00080119, VR.UC, "a long code value that exceeds sixteen characters");
        ds.setString(0x00080120, VR.UR, "http://example.org/dicom?x=1");
        ds.setString(0x00100010, VR.PN, patientName);
        ds.setString(0x00100020, VR.LO, "PID-0815");
        ds.setString(0x00101010, VR.AS, "042Y");
        ds.setString(0x001021B0, VR.LT, "History line one\\with a backslash");
        ds.setLong(0x00186020, VR.SL, -123456, 7);
        ds.setDouble(0x00189328, VR.FD, 0.25, -1.5e-7);
        ds.setString(0x00200013, VR.IS, "42");
        ds.setLong(0x00209057, VR.UL, 4_000_000_000L);
        ds.setInt(0x00280002, VR.US, 1);
        ds.setString(0x00280004, VR.CS, "MONOCHROME2");
        ds.setInt(0x00280009, VR.AT, 0x00181063, 0x00181065);
        ds.setInt(0x00280010, VR.US, 4);
        ds.setInt(0x00280011, VR.US, 4);
        ds.setString(0x00280030, VR.DS, "0.5", "0.25");
        ds.setInt(0x00280100, VR.US, 16);
        ds.setInt(0x00281201, VR.OW, 0, 1, 0x1234, 0xFFFF);
        ds.setInt(0x00289503, VR.SS, -3, 32767);
        ds.setBytes(0x00420011, VR.OB, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
        ds.setString(0x0040A160, VR.UT, "unlimited text");
        ds.setLong(0x00660040, VR.OL, 1, 2, 70000);
        ds.setFloat(0x00700262, VR.FL, 2.5f);
        ds.setLong(0x00720082, VR.SV, Long.MIN_VALUE, 5);
        ds.setLong(0x00720083, VR.UV, -1L, 9);
        ds.setLong(0x7FE00001, VR.OV, 0, 4096);
        ds.setDouble(0x7FE00008, VR.OF, 1.5, -2.25);
        ds.setDouble(0x7FE00009, VR.OD, Math.PI);
        addSequences(ds);
        addPrivateBlock(ds, privateVRs);
        int[] pixels = new int[16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = i * 1000;
        }
        ds.setInt(0x7FE00010, VR.OW, pixels);
        return ds;
    }

    /** (0008,1115) undefined length with 3 items, each with (0008,1199) of alternating length forms; 5 deep. */
    static void addSequences(Attributes ds) {
        ds.newSequence(0x00081140); // empty, undefined length
        Sequence series = ds.newSequence(0x00081115);
        for (int i = 0; i < 3; i++) {
            Attributes s = series.addItem();
            s.setUndefinedLength(i != 1);
            s.setString(0x0020000E, VR.UI, "1.2.3." + i);
            Sequence sops = s.newSequence(0x00081199);
            sops.setUndefinedLength(i % 2 == 0);
            for (int j = 0; j < 2; j++) {
                Attributes sop = sops.addItem();
                sop.setUndefinedLength(j == 0);
                sop.setString(0x00081150, VR.UI, SOP_CLASS);
                sop.setString(0x00081155, VR.UI, "1.2.3." + i + "." + j);
            }
        }
        series.addItem(); // empty item
        Attributes level = ds;
        for (int depth = 0; depth < 5; depth++) {
            Sequence content = level.newSequence(0x0040A730);
            content.setUndefinedLength(depth % 2 == 1);
            level = content.addItem();
            level.setUndefinedLength(depth % 2 == 0);
            level.setString(0x0040A040, VR.CS, "CONTAINER");
            level.setString(0x0040A010, VR.CS, "CONTAINS");
        }
    }

    static void addPrivateBlock(Attributes ds, boolean privateVRs) {
        int text = ds.reservePrivateTag(PRIVATE_CREATOR, 0x00290001);
        int data = ds.reservePrivateTag(PRIVATE_CREATOR, 0x00290002);
        if (privateVRs) {
            ds.setString(text, VR.LO, "private text");
            Sequence seq = ds.newSequence(ds.reservePrivateTag(PRIVATE_CREATOR, 0x00290003));
            seq.addItem().setString(0x00100020, VR.LO, "inside private sequence");
        } else {
            ds.setBytes(text, VR.UN, "private text".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        ds.setBytes(data, VR.UN, new byte[] { (byte) 0xDE, (byte) 0xAD, (byte) 0xBE, (byte) 0xEF, 0, 1 });
    }

    /** A JPEG-like encapsulated image: a basic offset table of two frames, three fragments. */
    static Attributes encapsulated() {
        Attributes ds = new Attributes();
        ds.setString(0x00080016, VR.UI, SOP_CLASS);
        ds.setString(0x00080018, VR.UI, "1.2.3.99");
        ds.setInt(0x00280010, VR.US, 8);
        ds.setInt(0x00280011, VR.US, 8);
        ds.setString(0x00280008, VR.IS, "2");
        Fragments f = ds.newFragments(0x7FE00010, VR.OB, 4);
        f.add(new byte[] { 0, 0, 0, 0, 20, 0, 0, 0 });
        f.add(new byte[] { (byte) 0xFF, (byte) 0xD8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });
        f.add(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9 });
        f.add(new byte[] { (byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9, 0 });
        return ds;
    }

    static Attributes meta(String tsUid) {
        return FileMetaInformation.create(SOP_CLASS, "1.2.826.0.1.3680043.2.1143.1", tsUid);
    }

    /** A Part 10 file image of {@code ds} in {@code ts}. */
    static byte[] part10(Attributes ds, String tsUid) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(bytes)) {
            w.writeFileMetaInformation(meta(tsUid));
            w.writeDataset(ds, TransferSyntax.of(tsUid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A bare data set image (no preamble, no meta). */
    static byte[] bare(Attributes ds, TransferSyntax ts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(bytes)) {
            w.writeDataset(ds, ts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static DicomFile read(byte[] bytes) throws IOException {
        try (DicomReader r = new DicomReader(new ByteArrayInputStream(bytes), ReadOptions.DEFAULT)) {
            Attributes meta = r.readFileMetaInformation();
            return new DicomFile(meta, r.readDataset(), r.transferSyntax());
        }
    }

    static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    /** Writes a file read before back to bytes, in its own transfer syntax. */
    static byte[] rewrite(DicomFile f) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DicomWriter w = new DicomWriter(bytes)) {
            if (f.fileMetaInformation() != null) {
                w.writeFileMetaInformation(f.fileMetaInformation());
            }
            w.writeDataset(f.dataset(), f.transferSyntax());
        }
        return bytes.toByteArray();
    }
}
