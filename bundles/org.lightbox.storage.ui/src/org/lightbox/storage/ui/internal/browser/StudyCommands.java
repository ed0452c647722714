package org.lightbox.storage.ui.internal.browser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.SeriesRecord;
import org.lightbox.catalog.StudyRecord;
import org.lightbox.storage.LocalNode;

/**
 * What the browser's commands do to the chosen rows: open them in the viewer, delete, protect, import. Each runs
 * as a job; questions and results go through the {@link BrowserHost} on the UI thread, and the list is read
 * again afterwards.
 */
final class StudyCommands {

    private final StudyBrowser browser;
    private final LocalNode node;
    private final BrowserHost host;
    private final StudyFiles files;

    StudyCommands(StudyBrowser browser, LocalNode node, BrowserHost host, StudyFiles files) {
        this.browser = browser;
        this.node = node;
        this.host = host;
        this.files = files;
    }

    /** Looks up the files of series, studies or patients in a job, then shows them in the viewer. */
    void open(List<?> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Job j = new Job("Opening images") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                List<Path> paths = new ArrayList<>();
                try {
                    for (Object o : rows) {
                        if (o instanceof SeriesRecord s) {
                            paths.addAll(files.ofSeries(s.seriesUid()));
                        } else if (o instanceof StudyRecord s) {
                            paths.addAll(files.ofStudy(s.studyUid()));
                        } else if (o instanceof PatientGroup p) {
                            for (StudyRecord s : p.studies()) {
                                paths.addAll(files.ofStudy(s.studyUid()));
                            }
                        }
                    }
                } catch (IOException | CatalogException e) {
                    ui(() -> host.warn("Open", "Cannot find the files: " + e.getMessage()));
                    return Status.OK_STATUS;
                }
                ui(() -> {
                    if (paths.isEmpty()) {
                        browser.showStatus("No image files to open");
                    } else {
                        host.open(paths);
                    }
                });
                return Status.OK_STATUS;
            }
        };
        j.schedule();
    }

    /**
     * Asks, then deletes {@code chosen} in a job. Protected studies and studies in use are refused up front with
     * the reason (and again by the store, should that change meanwhile); returns the job, or {@code null} when
     * nothing is deleted.
     */
    StudyDeletion delete(List<StudyRecord> chosen) {
        List<String> refused = new ArrayList<>();
        List<StudyRecord> deletable = new ArrayList<>();
        for (StudyRecord s : chosen) {
            if (s.isProtected()) {
                refused.add(describe(s) + " is protected: unprotect it first.");
            } else if (isPinned(s.studyUid())) {
                refused.add(describe(s) + " is in use (being read or sent): try again when that has finished.");
            } else {
                deletable.add(s);
            }
        }
        if (!refused.isEmpty()) {
            host.warn("Delete", String.join("\n", refused));
        }
        if (deletable.isEmpty()) {
            return null;
        }
        int images = deletable.stream().mapToInt(StudyRecord::numberOfInstances).sum();
        String what = deletable.size() == 1 ? "the study " + describe(deletable.get(0))
                : deletable.size() + " studies";
        if (!host.confirm("Delete", "Delete " + what + " (" + images + " image(s))?\n\nIts files are removed from "
                + "the store. This cannot be undone.")) {
            return null;
        }
        StudyDeletion job = new StudyDeletion(node, deletable.stream().map(StudyRecord::studyUid).toList());
        whenDone(job, () -> {
            if (!job.refused().isEmpty()) {
                host.warn("Delete", String.join("\n", job.refused()));
            }
            browser.showStatus("Deleted " + job.deleted().size() + " study(ies)");
            browser.refresh();
        });
        job.schedule();
        return job;
    }

    private boolean isPinned(String studyUid) {
        try {
            return node.catalog().isPinned(studyUid);
        } catch (IOException e) {
            return false; // the deletion job reports it
        }
    }

    static String describe(StudyRecord s) {
        String name = DisplayText.personName(s.patientName());
        return (name.isEmpty() ? "" : name + ", ") + DisplayText.date(s.studyDate())
                + (s.description() == null || s.description().isBlank() ? "" : " " + s.description());
    }

    /** Protects or unprotects studies in a job; returns it, or {@code null} for none. */
    Job protect(List<StudyRecord> studies, boolean protect) {
        List<String> uids = studies.stream().map(StudyRecord::studyUid).toList();
        if (uids.isEmpty()) {
            return null;
        }
        Job j = new Job(protect ? "Protecting studies" : "Unprotecting studies") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    for (String uid : uids) {
                        node.catalog().setProtected(uid, protect);
                    }
                } catch (IOException | CatalogException e) {
                    ui(() -> host.warn(getName(), e.getMessage()));
                }
                return Status.OK_STATUS;
            }
        };
        whenDone(j, browser::refresh);
        j.schedule();
        return j;
    }

    /** Imports in a job; the list is refreshed (coalesced) as files arrive and once at the end. */
    StudyImport importPaths(List<Path> paths) {
        StudyImport job = new StudyImport(node, paths, () -> browser.requestRefresh(StudyBrowser.LIVE_DELAY_MS));
        whenDone(job, () -> {
            StudyImport.Tally t = job.tally();
            browser.showStatus(t.summary());
            if (t.failed > 0) {
                host.warn("Import", t.summary() + "\n" + String.join("\n", job.firstFailures()));
            }
            browser.refresh();
        });
        job.schedule();
        return job;
    }

    private void whenDone(Job job, Runnable onUi) {
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                ui(onUi);
            }
        });
    }

    private void ui(Runnable r) {
        if (!browser.isDisposed()) {
            browser.getDisplay().asyncExec(() -> {
                if (!browser.isDisposed()) {
                    r.run();
                }
            });
        }
    }
}
