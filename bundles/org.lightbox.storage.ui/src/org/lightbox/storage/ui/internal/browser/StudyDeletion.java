package org.lightbox.storage.ui.internal.browser;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.lightbox.catalog.CatalogException;
import org.lightbox.catalog.DeletedStudy;
import org.lightbox.catalog.FileStore;
import org.lightbox.catalog.StudyInUseException;
import org.lightbox.storage.LocalNode;

/**
 * Deletes studies the user chose, through the file store (files first, then rows, logged in the deletion log).
 * A protected study, or one being read or sent (pinned), is refused with the reason and left as it is.
 */
final class StudyDeletion extends Job {

    static final String REASON = "deleted by the user in the study browser";
    private static final String PLUGIN = "org.lightbox.storage.ui";

    private final LocalNode node;
    private final List<String> studyUids;
    private final List<DeletedStudy> deleted = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    StudyDeletion(LocalNode node, List<String> studyUids) {
        super("Deleting " + studyUids.size() + " study(ies)");
        this.node = node;
        this.studyUids = List.copyOf(studyUids);
        setUser(true);
    }

    /** The studies deleted (after the job ran). */
    synchronized List<DeletedStudy> deleted() {
        return List.copyOf(deleted);
    }

    /** Why studies were not deleted, one line each (after the job ran). */
    synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor progress = SubMonitor.convert(monitor, getName(), studyUids.size());
        FileStore store;
        try {
            store = node.fileStore();
        } catch (IOException e) {
            return new Status(IStatus.ERROR, PLUGIN, "cannot open the store: " + e.getMessage(), e);
        }
        for (String uid : studyUids) {
            if (progress.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            progress.subTask(uid);
            try {
                DeletedStudy d = store.deleteStudy(uid, REASON);
                synchronized (this) {
                    deleted.add(d);
                }
            } catch (StudyInUseException e) {
                // "study <uid> is protected" / "is pinned: it is being read or sent" / "is being deleted"
                refuse("Not deleted: " + e.getMessage() + (e.getMessage().endsWith("is protected")
                        ? " (unprotect it first)" : " (try again when that has finished)"));
            } catch (CatalogException | IOException e) {
                refuse("Study " + uid + " could not be deleted: " + e.getMessage());
            }
            progress.worked(1);
        }
        return Status.OK_STATUS;
    }

    private synchronized void refuse(String why) {
        refused.add(why);
    }
}
