package org.lightbox.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.cli.UsageException;
import org.lightbox.config.AutoDeleteRules;
import org.lightbox.config.ConfigurationStore;
import org.lightbox.config.DeviceConfiguration;
import org.lightbox.config.StorageSettings;
import org.lightbox.dicom.core.Attributes;
import org.lightbox.dicom.core.Tag;
import org.lightbox.dicom.core.VR;
import org.lightbox.dicom.core.io.DicomWriter;
import org.lightbox.dicom.core.io.FileMetaInformation;

/**
 * {@code lightbox studies}: the Local Studies browser's list, protect, delete and auto-delete, headless, on a
 * catalog filled by {@code lightbox import}.
 */
class StudiesCommandTest {

    static {
        DerbyLog.toTemporaryFile();
    }

    private static final String CT_STUDY = "1.2.77.1";
    private static final String MR_STUDY = "1.2.77.2";
    private static final String US_STUDY = "1.2.77.3";

    @TempDir
    Path dir;
    private Path home;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    /** Three studies of two patients, imported oldest first; each about 400 KB. */
    @BeforeEach
    void importStudies() throws Exception {
        home = dir.resolve("home");
        Path in = dir.resolve("in");
        image(in.resolve("1.dcm"), CT_STUDY, "1", "Müller^Jürgen", "P1", "20230105", "CT", "Head");
        image(in.resolve("2.dcm"), CT_STUDY, "2", "Müller^Jürgen", "P1", "20230105", "CT", "Head");
        image(in.resolve("3.dcm"), MR_STUDY, "1", "Müller^Jürgen", "P1", "20250310", "MR", "Knee");
        image(in.resolve("4.dcm"), US_STUDY, "1", "Nakamura^Yuki", "P2", "20240620", "US", "Abdomen");
        for (int i = 1; i <= 4; i++) { // one at a time: the studies' received times keep this order
            assertEquals(0, new ImportCommand().run(List.of("--home", home.toString(), in.resolve(i + ".dcm")
                    .toString()), new PrintStream(new ByteArrayOutputStream()), System.err));
        }
    }

    private static void image(Path file, String study, String number, String name, String id, String date,
            String modality, String description) throws Exception {
        String iuid = study + ".1." + number;
        Attributes ds = new Attributes();
        ds.setString(Tag.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tag.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tag.SOPInstanceUID, VR.UI, iuid);
        ds.setString(Tag.StudyDate, VR.DA, date);
        ds.setString(Tag.Modality, VR.CS, modality);
        ds.setString(Tag.StudyDescription, VR.LO, description);
        ds.setString(Tag.PatientName, VR.PN, name);
        ds.setString(Tag.PatientID, VR.LO, id);
        ds.setString(Tag.StudyInstanceUID, VR.UI, study);
        ds.setString(Tag.SeriesInstanceUID, VR.UI, study + ".1");
        ds.setString(Tag.SeriesNumber, VR.IS, "1");
        ds.setBytes(Tag.PixelData, VR.OB, new byte[400_000 / ("1.2.77.1".equals(study) ? 2 : 1)]);
        Files.createDirectories(file.getParent());
        DicomWriter.writeFile(file, FileMetaInformation.create("1.2.840.10008.5.1.4.1.1.7", iuid,
                "1.2.840.10008.1.2.1"), ds);
    }

    private int run(String... args) throws Exception {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        return new StudiesCommand().run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines() {
        return out().lines().toList();
    }

    @Test
    void listsEveryStudyNewestFirstWithItsCounts() throws Exception {
        assertEquals(0, run());
        List<String> lines = lines();
        assertTrue(lines.get(0).startsWith("StudyDate  PatientName"), lines.get(0));
        assertTrue(lines.get(1).startsWith("20250310") && lines.get(1).endsWith(MR_STUDY), lines.get(1));
        assertTrue(lines.get(2).startsWith("20240620") && lines.get(2).contains("Nakamura^Yuki"), lines.get(2));
        assertTrue(lines.get(3).startsWith("20230105") && lines.get(3).contains("Müller^Jürgen"), lines.get(3));
        assertTrue(lines.get(3).matches(".*CT\\s+1\\s+2\\s+0\\.4\\s+received\\s+" + CT_STUDY), lines.get(3));
        assertEquals("3 study(ies), 4 image(s), 1.2 MB", lines.get(4));
    }

    @Test
    void matchesLikeAFindWithNamesIgnoringCase() throws Exception {
        assertEquals(0, run("list", "-m", "PatientName=müller*", "-m", "StudyDate=20240101-"));
        List<String> lines = lines();
        assertEquals(3, lines.size(), out());
        assertTrue(lines.get(1).endsWith(MR_STUDY), out());
        assertEquals(0, run("-m", "ModalitiesInStudy=US", "--json"));
        lines = lines();
        assertEquals(1, lines.size(), out());
        String json = lines.get(0);
        assertTrue(json.startsWith("{\"StudyInstanceUID\":\"" + US_STUDY + "\""), json);
        assertTrue(json.contains("\"PatientName\":\"Nakamura^Yuki\""), json);
        assertTrue(json.contains("\"ModalitiesInStudy\":[\"US\"],\"NumberOfStudyRelatedSeries\":1,"
                + "\"NumberOfStudyRelatedInstances\":1,"), json);
        assertTrue(json.contains("\"State\":\"RECEIVED\",\"Protected\":false"), json);
        assertEquals(0, run("-m", "PatientID=P1", "--json"));
        assertTrue(out().contains("\"PatientName\":\"M\\u00fcller^J\\u00fcrgen\""), "ASCII JSON in any locale: " + out());
        assertEquals(0, run("--limit", "2"));
        List<String> newest = lines();
        assertTrue(newest.get(1).endsWith(MR_STUDY) && newest.get(2).endsWith(US_STUDY), out());
        assertEquals("2 study(ies), 2 image(s), 0.8 MB (the newest 2; --limit)", newest.get(3));
        assertEquals(0, run("-m", "PatientID=P9"));
        assertEquals("0 study(ies), 0 image(s), 0.0 MB", lines().get(1));
    }

    @Test
    void badKeysAndActionsAreUsageErrors() {
        assertThrows(UsageException.class, () -> run("-m", "NoSuchKeyword=1"));
        assertThrows(UsageException.class, () -> run("-m", "StudyDate"));
        assertThrows(UsageException.class, () -> run("-m", "StudyDate=2024x"));
        assertThrows(UsageException.class, () -> run("purge"));
        assertThrows(UsageException.class, () -> run("delete"));
        assertThrows(UsageException.class, () -> run("series", CT_STUDY, MR_STUDY));
        assertThrows(UsageException.class, () -> run("deletions", "--days", "0"));
    }

    @Test
    void showsTheSeriesOfAStudy() throws Exception {
        assertEquals(0, run("series", CT_STUDY));
        List<String> lines = lines();
        assertEquals(2, lines.size(), out());
        assertTrue(lines.get(1).matches("1\\s+CT\\s+\\s*2\\s+" + CT_STUDY + "\\.1"), lines.get(1));
        assertEquals(1, run("series", "1.2.3.4"));
        assertTrue(err().contains("no study 1.2.3.4"), err());
    }

    @Test
    void aProtectedStudyIsNotDeletedUntilUnprotected() throws Exception {
        assertEquals(0, run("protect", CT_STUDY));
        assertEquals(0, run());
        assertTrue(lines().get(3).contains("received, protected"), out());
        assertEquals(1, run("delete", CT_STUDY, MR_STUDY));
        assertTrue(err().contains("not deleted: study " + CT_STUDY + " is protected (unprotect it first)"), err());
        assertTrue(out().contains("deleted " + MR_STUDY + ": 1 image(s), 0.4 MB"), out());
        assertEquals(0, run());
        assertFalse(out().contains(MR_STUDY), out());
        assertTrue(out().contains(CT_STUDY), out());

        assertEquals(0, run("unprotect", CT_STUDY));
        assertEquals(0, run("delete", CT_STUDY));
        assertTrue(out().contains("deleted " + CT_STUDY + ": 2 image(s)"), out());
        assertEquals(0, run());
        assertEquals("1 study(ies), 1 image(s), 0.4 MB", lines().get(2));
        assertEquals(1, run("delete", CT_STUDY));
        assertTrue(err().contains("no study " + CT_STUDY), err());
        assertEquals(1, run("protect", "1.2.3.4"));

        assertEquals(0, run("deletions", "--days", "2147483647"));
        assertTrue(out().contains("2 deletion(s)"), out());
        assertEquals(0, run("deletions"));
        List<String> log = lines();
        assertEquals("2 deletion(s) in the last 30 day(s)", log.get(log.size() - 1));
        assertTrue(out().contains("deleted with 'lightbox studies delete'"), out());
        assertTrue(log.stream().anyMatch(l -> l.contains("Müller^Jürgen") && l.endsWith(CT_STUDY)), out());
    }

    @Test
    void autoDeleteAppliesTheConfiguredRulesOldestFirstAndSparesProtectedStudies() throws Exception {
        assertEquals(0, run("auto-delete"));
        assertTrue(out().startsWith("no auto-delete rule is set"), out());

        ConfigurationStore config = new ConfigurationStore(NodeCommand.homeAt(home.toString()));
        DeviceConfiguration c = config.load();
        config.save(c.withStorage(StorageSettings.DEFAULTS.withAutoDelete(AutoDeleteRules.NONE
                .withMaxStoreMegabytes(1))));
        assertEquals(0, run("protect", CT_STUDY)); // received first: it would go first
        assertEquals(0, run("auto-delete"));
        List<String> lines = lines();
        assertEquals(2, lines.size(), out());
        assertTrue(lines.get(0).startsWith("deleted " + MR_STUDY + ": 1 image(s), 0.4 MB; auto-delete: store "),
                lines.get(0));
        assertTrue(lines.get(1).startsWith("deleted 1 study(ies), 0.4 MB; the store holds 0.8 MB"), lines.get(1));
        assertEquals(0, run());
        assertTrue(out().contains(CT_STUDY) && out().contains(US_STUDY) && !out().contains(MR_STUDY), out());
        assertEquals(0, run("deletions", "--json"));
        assertTrue(lines().get(0).contains("\"StudyInstanceUID\":\"" + MR_STUDY + "\""), out());
        assertTrue(lines().get(0).contains("\"Reason\":\"auto-delete: store "), out());
    }
}
