package org.lightbox.dicom.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.TransferSyntax;
import org.lightbox.dicom.core.VR;

/** Layout details of the dump, as dcmdump 3.6.7 prints them. */
class DicomDumpTest {

    @TempDir
    Path dir;

    private static String line(Attributes ds) {
        return new DicomDump().toString(ds).strip();
    }

    @Test
    void columnsAndPadding() {
        Attributes ds = new Attributes();
        ds.setInt(0x00280010, VR.US, 512);
        assertEquals("(0028,0010) US 512                                      #   2, 1 Rows", line(ds));
    }

    @Test
    void longStringsAreShortenedTo70Characters() {
        Attributes ds = new Attributes();
        ds.setString(0x00100020, VR.LO, "B".repeat(68));
        assertEquals("(0010,0020) LO [" + "B".repeat(68) + "] #  68, 1 PatientID", line(ds));
        ds.setString(0x00100020, VR.LO, "B".repeat(70));
        assertEquals("(0010,0020) LO [" + "B".repeat(66) + "... #  70, 1 PatientID", line(ds));
    }

    @Test
    void longBinaryValuesStopBeforeTheLimit() {
        Attributes ds = new Attributes();
        int[] words = new int[16];
        for (int i = 0; i < words.length; i++) {
            words[i] = i;
        }
        ds.setInt(0x7FE00010, VR.OW, words);
        assertEquals("(7fe0,0010) OW 0000\\0001\\0002\\0003\\0004\\0005\\0006\\0007\\0008\\0009\\000a\\000b\\000c..."
                + " #  32, 1 PixelData", line(ds));
        ds.setInt(0x7FE00010, VR.OW, java.util.Arrays.copyOf(words, 14)); // 69 characters: fits
        assertTrue(line(ds).contains("\\000c\\000d #  28, 1"), line(ds));
        ds.setInt(0x00283006, VR.US, 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012,
                1013, 1014);
        assertTrue(new DicomDump().toString(ds).contains("US 1000\\1001\\1002\\1003\\1004\\1005\\1006\\1007\\1008\\1009"
                + "\\1010\\1011\\1012... #  30,15 LUTData"));
    }

    @Test
    void emptyValuesUidNamesAndNumbers() {
        Attributes ds = new Attributes();
        ds.setNull(0x00181030, VR.LO);
        ds.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.setFloat(0x00700262, VR.FL, 0.1f);
        ds.setDouble(0x00189328, VR.FD, 0.1 + 0.2, 1e17, 1e-5);
        ds.setInt(0x00280009, VR.AT, 0x00181063);
        String dump = new DicomDump().toString(ds);
        assertTrue(dump.contains("(0018,1030) LO (no value available)                     #   0, 0 ProtocolName"),
                dump);
        assertTrue(dump.contains("(0008,0016) UI =CTImageStorage                          #  26, 1 SOPClassUID"), dump);
        assertTrue(dump.contains("FL 0.100000001 "), dump);
        assertTrue(dump.contains("FD 0.30000000000000004\\1e+17\\1e-05 "), dump);
        assertTrue(dump.contains("AT (0018,1063) "), dump);
        assertTrue(new DicomDump(false, false).toString(ds).contains("UI [1.2.840.10008.5.1.4.1.1.2] "));
    }

    @Test
    void implicitVRShowsDcmdumpsPseudoVRs() throws IOException {
        Attributes ds = new Attributes();
        ds.setInt(0x00280106, VR.US, 0);
        ds.setString(0x00290010, VR.LO, "ACME");
        ds.setBytes(0x00291001, VR.UN, new byte[] { 1, 2 });
        Path file = TestCorpus.write(dir, "i.dcm", TestCorpus.bare(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN));
        StringBuilder sb = new StringBuilder();
        new DicomDump().print(DicomReader.readFile(file), sb);
        assertTrue(sb.toString().contains("(0028,0106) xs 0 "), sb.toString());
        assertTrue(sb.toString().contains("(0029,1001) ?? 01\\02 "), sb.toString());
        assertTrue(sb.toString().contains("# Used TransferSyntax: Little Endian Implicit"), sb.toString());
    }

    @Test
    void bulkDataIsPrintedFromItsFirstBytes() throws IOException {
        Attributes ds = new Attributes();
        byte[] pixels = new byte[1 << 20];
        pixels[0] = 0x34;
        pixels[1] = 0x12;
        ds.setBytes(0x7FE00010, VR.OW, pixels);
        Path file = dir.resolve("b.dcm");
        DicomWriter.writeFile(file, TestCorpus.meta(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid()), ds);
        StringBuilder sb = new StringBuilder();
        new DicomDump().dump(file, false, sb);
        assertTrue(sb.toString().contains("(7fe0,0010) OW 1234\\0000\\"), sb.toString());
        assertTrue(sb.toString().contains("... # 1048576, 1 PixelData"), sb.toString());
        sb.setLength(0);
        new DicomDump().dump(file, true, sb);
        assertTrue(!sb.toString().contains("(7fe0,0010)"), "--no-pixel stops before pixel data");
    }
}
