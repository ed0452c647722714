package org.lightbox.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.BulkDataReference;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;

class SeriesTest {

    @TempDir
    Path dir;

    private Path ct(String name, int instance, double z) throws Exception {
        Attributes a = SyntheticImages.signedCt(4, 4, instance);
        if (instance < 0) {
            a.remove(Tag.InstanceNumber);
        }
        a.setString(Tag.ImageOrientationPatient, VR.DS, "1", "0", "0", "0", "1", "0");
        a.setDouble(Tag.ImagePositionPatient, VR.DS, 0, 0, z);
        return SyntheticImages.write(dir.resolve(name), a);
    }

    private static List<String> names(Series s) {
        return s.frames().stream().map(f -> f.file().getFileName().toString()).toList();
    }

    @Test
    void sortsByInstanceNumberThenPositionThenFileName() throws Exception {
        ct("a.dcm", 3, 0);
        ct("b.dcm", 1, 0);
        ct("c.dcm", 2, 10);
        ct("d.dcm", 2, -10); // same instance number: lower position first
        ct("f.dcm", -1, 5); // no instance number: after the numbered ones, by position, then name
        ct("e.dcm", -1, 5);
        Series s = Series.open(List.of(dir));
        assertEquals(List.of("b.dcm", "d.dcm", "c.dcm", "a.dcm", "e.dcm", "f.dcm"), names(s));
    }

    @Test
    void positionAlongTheNormalOrdersSlicesOfAnyOrientation() {
        Attributes a = new Attributes();
        // sagittal: rows along y, columns along -z: normal is -x... position 7 along x gives -7
        a.setString(Tag.ImageOrientationPatient, VR.DS, "0", "1", "0", "0", "0", "-1");
        a.setDouble(Tag.ImagePositionPatient, VR.DS, 7, 100, 200);
        assertEquals(-7, Series.positionAlongNormal(a), 1e-9);
    }

    @Test
    void keepsPixelDataInTheFileAndExpandsFrames() throws Exception {
        Attributes a = SyntheticImages.gray8("MONOCHROME2", 8, 8);
        byte[] three = new byte[3 * 64];
        a.setBytes(Tag.PixelData, VR.OW, three);
        a.setString(Tag.NumberOfFrames, VR.IS, "3");
        SyntheticImages.write(dir.resolve("multi.dcm"), a);
        Series s = Series.open(List.of(dir.resolve("multi.dcm")));
        assertEquals(3, s.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, s.get(i).frame());
            assertEquals(3, s.get(i).frameCount());
        }
        assertTrue(s.get(0).dataset().getValue(Tag.PixelData) instanceof BulkDataReference,
                "pixel data must stay in the file");
        assertEquals(s.get(0).dicomFile(), s.get(2).dicomFile());
    }

    @Test
    void folderWalkSkipsFilesThatAreNotImages() throws Exception {
        ct("img.dcm", 1, 0);
        Files.createDirectories(dir.resolve("sub"));
        ct("sub/img2.dcm", 2, 0);
        Files.writeString(dir.resolve("notes.txt"), "not dicom at all, just some text that is long enough");
        Attributes noPixels = SyntheticImages.header("OT", 1, 1);
        SyntheticImages.write(dir.resolve("nopixels.dcm"), noPixels);
        Series s = Series.open(List.of(dir));
        assertEquals(List.of("img.dcm", "img2.dcm"), names(s));
        assertEquals(2, s.skippedFiles());
    }

    @Test
    void aNamedFileThatCannotBeReadStaysWithItsError() throws Exception {
        Path bad = dir.resolve("bad.dcm");
        byte[] b = new byte[200];
        b[128] = 'D';
        b[129] = 'I';
        b[130] = 'C';
        b[131] = 'M';
        b[132] = 0x02; // a group 0002 element header cut short
        Files.write(bad, b);
        Series s = Series.open(List.of(bad));
        assertEquals(1, s.size());
        assertNull(s.get(0).dataset());
        assertNotNull(s.get(0).error());
        assertTrue(!s.get(0).error().contains("\n"), s.get(0).error());
        // found in a folder it is DICOM (it has the preamble), so it stays too
        assertEquals(1, Series.open(List.of(dir)).size());
    }

    @Test
    void progressCanCancel() throws Exception {
        ct("1.dcm", 1, 0);
        ct("2.dcm", 2, 0);
        int[] calls = new int[1];
        assertThrows(CancellationException.class, () -> Series.open(List.of(dir), (done, total) -> {
            calls[0]++;
            assertEquals(2, total);
            return true;
        }));
        assertEquals(1, calls[0]);
    }

    @Test
    void stackCursorClampsAndReportsChanges() throws Exception {
        for (int i = 1; i <= 5; i++) {
            ct(i + ".dcm", i, 0);
        }
        ImageStack stack = new ImageStack(Series.open(List.of(dir)));
        int[] heard = { -1 };
        stack.addListener(i -> heard[0] = i);
        assertEquals(0, stack.index());
        assertTrue(stack.step(3));
        assertEquals(3, heard[0]);
        assertTrue(stack.last());
        assertEquals(4, stack.index());
        assertTrue(!stack.step(1), "already at the end");
        assertTrue(stack.setIndex(-7));
        assertEquals(0, stack.index());
        assertEquals("1.dcm", stack.current().file().getFileName().toString());
        assertEquals(List.of(0, 5), List.of(stack.cineRange()[0], stack.cineRange()[1]));
    }
}
