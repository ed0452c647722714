package org.lightbox.storage.ui.internal.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.Pin;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StoredInstance;
import org.lightbox.catalog.StudyRecord;
import org.lightbox.testing.DcmtkTool;

/** The browser over a real node and catalog, driven as a user would through its widgets and actions. */
class StudyBrowserTest {

    private static final TestImages.Spec DOE = TestImages.DOE;
    private static final TestImages.Spec DOE_MR = DOE.withSeries("1.2.826.0.1.3680043.99.1.2", 2, "MR", "T1");
    private static final TestImages.Spec DOE_OLD = DOE.withStudy("1.2.826.0.1.3680043.99.2", "20190611", "Knee")
            .withSeries("1.2.826.0.1.3680043.99.2.1", 1, "CR", "Lateral");
    private static final TestImages.Spec ROE = DOE.withPatient("Roe^Jane", "PID2")
            .withStudy("1.2.826.0.1.3680043.99.3", "20240110", "Abdomen")
            .withSeries("1.2.826.0.1.3680043.99.3.1", 1, "US", "Liver");
    private static final TestImages.Spec ADAMS = DOE.withPatient("Adams^Ann", "XID3")
            .withStudy("1.2.826.0.1.3680043.99.4", "20231201", "Head")
            .withSeries("1.2.826.0.1.3680043.99.4.1", 1, "CT", "Brain");

    @TempDir
    Path tmp;
    private BrowserFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    /** A fixture whose catalog holds the given series, n images each. */
    private BrowserFixture withSeries(int n, TestImages.Spec... specs) throws Exception {
        fx = new BrowserFixture(tmp.resolve("home"));
        List<Path> files = new ArrayList<>();
        for (TestImages.Spec s : specs) {
            files.addAll(list(TestImages.series(tmp.resolve("in").resolve(s.seriesUid()), s, n)));
        }
        fx.store(files);
        fx.open();
        return fx;
    }

    private static List<Path> list(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void showsPatientsStudiesAndSeriesWithTheirColumns() throws Exception {
        withSeries(3, DOE, DOE_MR, DOE_OLD, ROE);
        fx.expandAll();
        // newest studies first: Doe (latest 2024-03-05) before Roe (2024-01-10); Doe's 2024 study before 2019
        assertEquals(List.of(
                "0|Doe, John|PID1|1970-01-02|M|2024-03-05|||CR, CT, MR|3|9",
                "1|CT Chest||||2024-03-05|10:15:30|ACC1|CT, MR|2|6",
                "2|#1 Axial|||||||CT||3",
                "2|#2 T1|||||||MR||3",
                "1|Knee||||2019-06-11|10:15:30|ACC1|CR|1|3",
                "2|#1 Lateral|||||||CR||3",
                "0|Roe, Jane|PID2|1970-01-02|M|2024-01-10|||US|1|3",
                "1|Abdomen||||2024-01-10|10:15:30|ACC1|US|1|3",
                "2|#1 Liver|||||||US||3"), fx.rows());
        assertEquals("2 patient(s), 3 study(ies)", fx.browser.statusText());
        assertEquals("2 patient(s), 3 study(ies)", fx.host.status);
    }

    @Test
    void searchMatchesLikeCFindWithWildcardsDatesAndModality() throws Exception {
        withSeries(1, DOE, DOE_OLD, ROE, ADAMS);
        assertEquals(List.of("Doe, John", "Roe, Jane", "Adams, Ann"), fx.names(0));

        searchAndWait(new StudySearch("d*", "", null, null, ""));
        assertEquals(List.of("Doe, John"), fx.names(0), "names match ignoring case, with a wildcard");
        assertTrue(fx.browser.statusText().endsWith("matching the search"), fx.browser.statusText());

        searchAndWait(new StudySearch("", "PID?", null, null, ""));
        assertEquals(List.of("Doe, John", "Roe, Jane"), fx.names(0), "'?' is one character");

        searchAndWait(new StudySearch("", "", LocalDate.of(2023, 12, 1), LocalDate.of(2024, 1, 31), ""));
        assertEquals(List.of("Roe, Jane", "Adams, Ann"), fx.names(0), "the range includes both ends");

        searchAndWait(new StudySearch("", "", LocalDate.of(2024, 1, 11), null, ""));
        assertEquals(List.of("Doe, John"), fx.names(0), "an open range");
        fx.expandAll();
        assertEquals(List.of("CT Chest"), fx.names(1), "only the matching study of the patient");

        searchAndWait(new StudySearch("", "", null, LocalDate.of(2020, 1, 1), "CR"));
        assertEquals(List.of("Doe, John"), fx.names(0));

        searchAndWait(new StudySearch("", "", null, null, "ct"));
        assertEquals(List.of("Doe, John", "Adams, Ann"), fx.names(0), "any of the study's modalities");

        searchAndWait(new StudySearch("Doe", "", null, null, ""));
        assertEquals(List.of(), fx.names(0), "without a wildcard the name must match whole, as in C-FIND");
        assertEquals("0 patient(s), 0 study(ies) matching the search", fx.browser.statusText());

        searchAndWait(StudySearch.ALL);
        assertEquals(3, fx.names(0).size());
    }

    @Test
    void searchBarFieldsAndAMalformedDate() throws Exception {
        withSeries(1, DOE, ROE);
        SearchBar bar = fx.browser.searchBar();
        bar.patientName.setText("ROE*");
        bar.from.setText("2024-01-01");
        bar.to.setText("20240131");
        int before = fx.browser.refreshesShown();
        bar.search.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        fx.waitFor("the search", () -> fx.browser.refreshesShown() > before);
        assertEquals(List.of("Roe, Jane"), fx.names(0));

        bar.to.setText("2024-13-40");
        bar.search.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
        assertTrue(fx.browser.statusText().contains("\"2024-13-40\" is not a date"), fx.browser.statusText());
        assertEquals(List.of("Roe, Jane"), fx.names(0), "the list stays as it was");
    }

    private void searchAndWait(StudySearch s) {
        int before = fx.browser.refreshesShown();
        fx.browser.search(s);
        fx.waitFor("the search " + s, () -> fx.browser.refreshesShown() > before);
        fx.settle();
    }

    @Test
    void columnHeadersSortAndReverse() throws Exception {
        withSeries(1, DOE, ROE, ADAMS);
        fx.browser.sortByColumn(BrowserColumn.NAME);
        assertEquals(List.of("Adams, Ann", "Doe, John", "Roe, Jane"), fx.names(0));
        fx.browser.sortByColumn(BrowserColumn.NAME);
        assertEquals(List.of("Roe, Jane", "Doe, John", "Adams, Ann"), fx.names(0));
        fx.browser.sortByColumn(BrowserColumn.PATIENT_ID);
        assertEquals(List.of("Doe, John", "Roe, Jane", "Adams, Ann"), fx.names(0));
        fx.browser.sortByColumn(BrowserColumn.STUDY_DATE);
        assertEquals(List.of("Adams, Ann", "Roe, Jane", "Doe, John"), fx.names(0), "oldest first");
    }

    @Test
    void storescuSendsIntoTheRunningNodeAndTheListFollows() throws Exception {
        withSeries(1, DOE);
        fx.node.start();
        int images = 40;
        Path dir = TestImages.series(tmp.resolve("send"), ROE, images);
        int before = fx.browser.refreshesShown();
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aet", "SENDER", "-aec", BrowserFixture.AET,
                "127.0.0.1", Integer.toString(fx.port)));
        list(dir).forEach(p -> cmd.add(p.toString()));
        Path log = tmp.resolve("storescu.log");
        DcmtkTool.require("storescu");
        // started here, not with DcmtkTool.run: the display loop must keep turning while the node receives
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("TCP_NODELAY", "1");
        Process p = pb.start();
        try {
            fx.waitFor("the received study in the list", () -> fx.names(0).contains("Roe, Jane")
                    && rowOf("Roe, Jane").endsWith("|" + images));
            fx.waitFor("storescu to end", () -> !p.isAlive());
            assertEquals(0, p.exitValue(), DcmtkTool.log(log));
        } finally {
            p.destroyForcibly();
        }
        int refreshes = fx.browser.refreshesShown() - before;
        assertTrue(refreshes >= 1 && refreshes < images / 2, "refreshes are coalesced, not one per instance: "
                + refreshes + " for " + images + " images");
        assertEquals("2 patient(s), 2 study(ies)", fx.browser.statusText());
    }

    private String rowOf(String name) {
        for (String r : fx.rows()) {
            if (r.split("\\|", -1)[1].equals(name)) {
                return r;
            }
        }
        return "";
    }

    @Test
    void deleteAsksThenRemovesStudyFromTreeCatalogAndDisk() throws Exception {
        withSeries(2, DOE, ROE);
        List<Path> files = fx.browser.node().catalog().instancesOfStudy(ROE.studyUid()).stream()
                .map(f -> {
                    try {
                        return fx.node.fileStore().resolve(f.file());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }).toList();
        assertEquals(2, files.size());
        assertTrue(files.stream().allMatch(Files::exists));

        fx.select(study(ROE.studyUid()));
        fx.host.answer = false;
        assertNull(fx.browser.deleteSelection(), "nothing happens when the user says no");
        assertEquals(1, fx.host.questions.size());
        assertTrue(fx.host.questions.get(0).contains("Roe, Jane") && fx.host.questions.get(0).contains("2 image"),
                fx.host.questions.get(0));

        fx.host.answer = true;
        StudyDeletion job = fx.browser.deleteSelection();
        assertNotNull(job);
        fx.finish(job);
        fx.waitFor("the study to leave the list", () -> !fx.names(0).contains("Roe, Jane"));
        assertEquals(List.of("Doe, John"), fx.names(0));
        assertTrue(fx.node.catalog().study(ROE.studyUid()).isEmpty());
        assertTrue(files.stream().noneMatch(Files::exists), "the files are deleted");
        assertTrue(fx.node.catalog().study(DOE.studyUid()).isPresent(), "the other study stays");
    }

    @Test
    @SuppressWarnings("try") // the pin is held for the block
    void protectShowsALockAndDeleteRefusesProtectedAndPinnedStudies() throws Exception {
        withSeries(1, DOE, ROE);
        fx.select(study(DOE.studyUid()));
        assertTrue(fx.browser.actions().protect.isEnabled());
        assertFalse(fx.browser.actions().unprotect.isEnabled());
        fx.finish(fx.browser.protectSelection(true));
        fx.waitFor("the lock", () -> study(DOE.studyUid()).isProtected());
        assertTrue(fx.node.catalog().study(DOE.studyUid()).orElseThrow().isProtected());
        fx.browser.viewer().expandAll();
        assertNotNull(fx.item("CT Chest").getImage(0), "a protected study shows a lock");
        assertNull(fx.item("Abdomen").getImage(0));

        fx.select(study(DOE.studyUid()));
        assertTrue(fx.browser.actions().unprotect.isEnabled());
        assertNull(fx.browser.deleteSelection());
        assertTrue(fx.host.questions.isEmpty(), "no question for a study that cannot be deleted");
        assertTrue(fx.host.warnings.get(0).contains("is protected"), fx.host.warnings.get(0));
        assertTrue(fx.node.catalog().study(DOE.studyUid()).isPresent());

        try (Pin pin = fx.node.catalog().pin(ROE.studyUid())) {
            fx.select(study(ROE.studyUid()));
            assertNull(fx.browser.deleteSelection());
            assertTrue(fx.host.warnings.get(1).contains("in use"), fx.host.warnings.get(1));
        }
        assertTrue(fx.node.catalog().study(ROE.studyUid()).isPresent());

        fx.select(study(DOE.studyUid()));
        fx.finish(fx.browser.protectSelection(false));
        fx.waitFor("the lock to go", () -> !study(DOE.studyUid()).isProtected());
        fx.browser.viewer().expandAll();
        assertNull(fx.item("CT Chest").getImage(0));
    }

    private StudyRecord study(String uid) {
        StudyRecord s = fx.browser.snapshot().study(uid);
        assertNotNull(s, "study " + uid + " is listed");
        return s;
    }

    @Test
    void importOfAFolderAddsItsDicomFilesAndSkipsTheRest() throws Exception {
        withSeries(1, DOE);
        Path folder = tmp.resolve("import");
        TestImages.series(folder.resolve("a"), ROE, 3);
        TestImages.series(folder.resolve("b/c"), ADAMS, 2);
        Files.writeString(folder.resolve("b/readme.txt"), "not DICOM");
        StudyImport job = fx.browser.importPaths(List.of(folder));
        fx.finish(job);
        assertEquals(5, job.tally().imported);
        assertEquals(1, job.tally().skipped);
        assertEquals(0, job.tally().failed);
        fx.waitFor("the imported studies", () -> fx.names(0).size() == 3);
        assertEquals(List.of("Doe, John", "Roe, Jane", "Adams, Ann"), fx.names(0));
        assertEquals("Imported 5 file(s); 0 already stored, 1 not DICOM, 0 failed", job.tally().summary());
        assertTrue(fx.host.warnings.isEmpty());

        StudyImport again = fx.browser.importPaths(List.of(folder.resolve("b/readme.txt"), tmp.resolve("nothing")));
        fx.finish(again);
        assertEquals(org.eclipse.core.runtime.IStatus.ERROR, again.getResult().getSeverity(),
                "a missing path is an error: " + again.getResult());
    }

    @Test
    void openAndThumbnailsOfTheSelectedStudy() throws Exception {
        withSeries(3, DOE, DOE_MR);
        fx.expandAll();
        SeriesRecord mr = fx.browser.snapshot().series(DOE.studyUid()).get(1);
        fx.select(mr);
        fx.browser.openSelection();
        fx.waitFor("the viewer to be asked", () -> !fx.host.opened.isEmpty());
        List<Path> opened = fx.host.opened.get(0);
        assertEquals(3, opened.size());
        assertTrue(opened.stream().allMatch(Files::exists));
        assertTrue(opened.stream().allMatch(p -> p.getParent().getFileName().toString().equals(mr.seriesUid())),
                opened.toString());

        ThumbnailStrip strip = fx.browser.thumbnails();
        fx.waitFor("the thumbnails", () -> strip.cells().size() == 2
                && strip.cells().stream().allMatch(c -> c.picture().getImage() != null));
        assertEquals(DOE.studyUid(), strip.studyUid());
        assertEquals("#1 CT (3)", strip.cells().get(0).caption().getText());
        assertEquals("#2 MR (3)", strip.cells().get(1).caption().getText());
        org.eclipse.swt.graphics.ImageData d = strip.cells().get(0).picture().getImage().getImageData();
        assertEquals(TestImages.SIZE, d.width, "a small image is not enlarged");
        int left = d.palette.getRGB(d.getPixel(0, 8)).red;
        int right = d.palette.getRGB(d.getPixel(15, 8)).red;
        assertTrue(left < 30 && right > 220, "the ramp is rendered dark to bright: " + left + ".." + right);

        fx.select(fx.browser.snapshot().patients().get(0).studies().get(0));
        assertEquals(2, strip.cells().size(), "the same study keeps its strip");
        strip.cells().get(1).picture().notifyListeners(org.eclipse.swt.SWT.MouseDoubleClick,
                new org.eclipse.swt.widgets.Event());
        fx.waitFor("the series opened from its thumbnail", () -> fx.host.opened.size() == 2);
        assertEquals(opened, fx.host.opened.get(1));
    }

    @Test
    void expandedStudiesKeepTheirSeriesAcrossRefreshes() throws Exception {
        withSeries(1, DOE, ROE);
        fx.expandAll();
        assertEquals(List.of("#1 Axial", "#1 Liver"), fx.names(2));
        List<StoredInstance> more = fx.store(List.of(TestImages.image(tmp.resolve("mr.dcm"), DOE_MR, 1)));
        assertEquals(1, more.size());
        fx.refreshAndWait();
        fx.waitFor("the new series under the open study", () -> fx.names(2).contains("#2 T1"));
        assertEquals(List.of("#1 Axial", "#2 T1", "#1 Liver"), fx.names(2));
    }
}
