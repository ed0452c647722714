package org.lightbox.storage.ui.internal.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import job on its own: canceling, duplicates, files that are not DICOM or are broken. */
class StudyImportTest {

    @TempDir
    Path tmp;
    private BrowserFixture fx;

    @AfterEach
    void close() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void cancelStopsBetweenFilesAndKeepsWhatWasImported() throws Exception {
        fx = new BrowserFixture(tmp.resolve("home"));
        Path dir = TestImages.series(tmp.resolve("in"), TestImages.DOE, 10);
        AtomicInteger stored = new AtomicInteger();
        StudyImport job = new StudyImport(fx.node, List.of(dir), stored::incrementAndGet);
        IStatus status = job.run(new NullProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return stored.get() >= 3;
            }
        });
        assertEquals(IStatus.CANCEL, status.getSeverity());
        assertEquals(3, job.tally().imported);
        assertEquals(3, fx.node.catalog().study(TestImages.DOE.studyUid()).orElseThrow().numberOfInstances());
    }

    @Test
    void countsNonDicomAndBrokenFilesAndSaysWhichFailed() throws Exception {
        fx = new BrowserFixture(tmp.resolve("home"));
        Path dir = TestImages.series(tmp.resolve("in"), TestImages.DOE, 2);
        Files.writeString(dir.resolve("notes.txt"), "not DICOM");
        byte[] good = Files.readAllBytes(dir.resolve(TestImages.DOE.seriesUid() + ".1.dcm"));
        byte[] cut = java.util.Arrays.copyOf(good, 200); // preamble and part of the meta information
        Files.write(dir.resolve("truncated.dcm"), cut);
        StudyImport job = new StudyImport(fx.node, List.of(dir), () -> { });
        IStatus status = job.run(new NullProgressMonitor());
        assertEquals(2, job.tally().imported);
        assertEquals(1, job.tally().skipped);
        assertEquals(1, job.tally().failed);
        assertEquals(IStatus.WARNING, status.getSeverity());
        assertTrue(status.getMessage().contains("truncated.dcm"), status.getMessage());
    }
}
