package org.lightbox.viewer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;
import org.lightbox.viewer.internal.DumpPanel;
import org.lightbox.viewer.internal.TagsDump;

class TagsDumpTest {

    @TempDir
    Path dir;

    private Series latin1Series() throws Exception {
        Attributes a = SyntheticImages.gray8("MONOCHROME2", 4, 4);
        a.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        a.setString(Tag.PatientName, VR.PN, "Müller^Jürgen");
        Path file = SyntheticImages.write(dir.resolve("latin1.dcm"), a);
        byte[] bytes = Files.readAllBytes(file);
        String asLatin1 = new String(bytes, StandardCharsets.ISO_8859_1);
        assertTrue(asLatin1.contains("M\u00fcller^J\u00fcrgen"), "the file must hold the name in Latin-1");
        return Series.open(List.of(file));
    }

    @Test
    void dumpPanelShowsALatin1PatientName() throws Exception {
        Series s = latin1Series();
        Display display = Display.getDefault();
        Shell shell = new Shell(display);
        try {
            shell.setLayout(new FillLayout());
            DumpPanel panel = new DumpPanel(shell, SWT.NONE);
            shell.setSize(600, 400);
            shell.open();
            panel.show(s.get(0));
            assertTrue(panel.text().contains("(0010,0010) PN [Müller^Jürgen]"), panel.text());
            assertTrue(panel.text().contains("(0008,0005) CS [ISO_IR 100]"));
            panel.setFilter("patientname");
            String[] lines = panel.text().strip().split("\n");
            assertEquals(1, lines.length, panel.text());
            assertTrue(lines[0].startsWith("(0010,0010) PN [Müller^Jürgen]"), lines[0]);
            panel.setFilter("");
            assertTrue(panel.text().contains("(7fe0,0010)"), "pixel data line shown, from the reference");
        } finally {
            shell.dispose();
        }
    }

    @Test
    void filterKeepsMatchingLinesIgnoringCase() {
        String dump = "(0010,0010) PN [A^B]  # PatientName\n(0008,0060) CS [CT]  # Modality\n";
        assertEquals("(0008,0060) CS [CT]  # Modality\n", TagsDump.filter(dump, "MODALITY"));
        assertEquals("(0010,0010) PN [A^B]  # PatientName\n", TagsDump.filter(dump, "0010,0010"));
        assertEquals(dump, TagsDump.filter(dump, "  "));
    }

    @Test
    void aFileThatFailedDumpsItsError() throws Exception {
        Path bad = dir.resolve("x.dcm");
        Files.write(bad, new byte[] { 1, 2, 3 });
        Series s = Series.open(List.of(bad));
        String dump = TagsDump.of(s.get(0));
        assertTrue(dump.contains(s.get(0).error()), dump);
        assertFalse(s.get(0).error().isBlank());
    }
}
