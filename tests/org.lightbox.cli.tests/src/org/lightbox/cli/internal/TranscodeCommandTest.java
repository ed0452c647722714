package org.lightbox.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.cli.UsageException;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.UID;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomFile;
import org.lightbox.dicom.core.io.DicomReader;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;
import org.lightbox.dicom.imageio.PixelData;

class TranscodeCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return new TranscodeCommand().run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    /** A 16 x 12 image of 16-bit samples whose values are their index. */
    private Path image(Path file) throws Exception {
        Attributes ds = new Attributes();
        ds.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(0x00080018, VR.UI, "1.2.3.4");
        ds.setString(0x00100010, VR.PN, "Doe^John");
        ds.setInt(0x00280002, VR.US, 1);
        ds.setString(0x00280004, VR.CS, "MONOCHROME2");
        ds.setInt(0x00280010, VR.US, 12);
        ds.setInt(0x00280011, VR.US, 16);
        ds.setInt(0x00280100, VR.US, 16);
        ds.setInt(0x00280101, VR.US, 16);
        ds.setInt(0x00280102, VR.US, 15);
        ds.setInt(0x00280103, VR.US, 0);
        byte[] px = new byte[2 * 16 * 12];
        for (int i = 0; i < px.length / 2; i++) {
            px[2 * i] = (byte) (i * 7);
            px[2 * i + 1] = (byte) (i >> 3);
        }
        ds.setBytes(0x7FE00010, VR.OW, px);
        Files.createDirectories(file.getParent());
        DicomWriter.writeFile(file, FileMetaInformation.create("1.2.840.10008.5.1.4.1.1.7", "1.2.3.4",
                UID.ExplicitVRLittleEndian), ds);
        return file;
    }

    private static int[] samples(Path file) throws Exception {
        DicomFile f = DicomReader.readFile(file);
        PixelData p = PixelData.of(f.dataset(), f.transferSyntax());
        int[] v = new int[16 * 12];
        var frame = p.frame(0);
        for (int i = 0; i < v.length; i++) {
            v[i] = frame.value(i);
        }
        return v;
    }

    @Test
    void transcodesAFileByAliasNameOrUid() throws Exception {
        Path src = image(dir.resolve("in/a.dcm"));
        for (String ts : new String[] { "jpeg-ls", "JPEG Lossless, Non-Hierarchical, First-Order Prediction "
                + "(Process 14 [Selection Value 1])", UID.RLELossless }) {
            Path dst = dir.resolve("out.dcm");
            assertEquals(0, run("--ts", ts, src.toString(), dst.toString()), err.toString());
            assertTrue(DicomReader.readFile(dst).transferSyntax().encapsulated());
            assertTrue(java.util.Arrays.equals(samples(src), samples(dst)));
        }
    }

    @Test
    void mirrorsAFolderAndReportsBadFiles() throws Exception {
        image(dir.resolve("in/x/one.dcm"));
        image(dir.resolve("in/two.dcm"));
        Files.writeString(dir.resolve("in/readme.txt"), "not DICOM");
        assertEquals(1, run("--ts", "rle", dir.resolve("in").toString(), dir.resolve("out").toString()));
        assertEquals(UID.RLELossless, DicomReader.readFile(dir.resolve("out/x/one.dcm")).transferSyntax().uid());
        assertEquals(UID.RLELossless, DicomReader.readFile(dir.resolve("out/two.dcm")).transferSyntax().uid());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("readme.txt"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("2 file(s) transcoded to RLE Lossless, 1 failed"));
    }

    @Test
    void wrongArgumentsAreUsageErrors() throws Exception {
        Path src = image(dir.resolve("a.dcm"));
        assertThrows(UsageException.class, () -> run(src.toString(), "b.dcm"));
        assertThrows(UsageException.class, () -> run("--ts", "nonsense", src.toString(), "b.dcm"));
        assertThrows(UsageException.class, () -> run("--ts", UID.MPEG2MPML, src.toString(), "b.dcm"));
        assertThrows(UsageException.class, () -> run("--ts", "rle", "--quality", "0", src.toString(), "b.dcm"));
        assertThrows(UsageException.class, () -> run("--ts", "rle", src.toString()));
    }
}
