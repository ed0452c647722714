package org.lightbox.query.ui.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.InformationModel;
import org.lightbox.catalog.InstanceOutcome;
import org.lightbox.catalog.JobState;
import org.lightbox.config.RetrieveMethod;
import org.lightbox.query.RetrieveRequest;
import org.lightbox.query.transfer.RetrieveJob;
import org.lightbox.query.transfer.TransferAttempt;
import org.lightbox.query.transfer.TransferException;
import org.lightbox.query.transfer.TransferHandler;
import org.lightbox.query.transfer.TransferJob;
import org.lightbox.query.transfer.TransferQueue;
import org.lightbox.query.ui.internal.NodeFixture;
import org.lightbox.query.ui.internal.QrArchive;
import org.lightbox.query.ui.internal.RemoteCorpus;
import org.lightbox.query.transfer.LocalTransferQueue;

/**
 * The Transfers table over the workbench's real queue: a retrieve from dcmqrscp runs to completion on screen; pause,
 * resume, cancel and retry act on the selected job; the failed instances of a job show below.
 */
class TransferTableTest {

    @TempDir
    Path dir;

    private Display display;
    private Shell shell;
    private NodeFixture node;
    private LocalTransferQueue transfers;
    private TransferQueue queue;
    private TransferTable table;

    @BeforeEach
    void start() throws Exception {
        display = Display.getDefault();
        node = new NodeFixture(dir.resolve("home"), org.lightbox.testing.DcmtkTool.freePort(), List.of());
        transfers = new LocalTransferQueue(node.node);
        queue = transfers.queue();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setSize(1100, 600);
    }

    private TransferTable open() {
        table = new TransferTable(shell, queue);
        shell.open();
        return table;
    }

    @AfterEach
    void stop() {
        if (shell != null) {
            shell.dispose();
        }
        transfers.close();
        node.close();
    }

    private void waitFor(String what, BooleanSupplier c) {
        NodeFixture.waitFor(display, what, c, () -> "rows: " + table.shown().stream().map(TransferJob::describe)
                .toList());
    }

    private TransferJob row(long id) {
        return table.shown().stream().filter(j -> j.id() == id).findFirst().orElse(null);
    }

    private void waitForState(long id, JobState state) {
        waitFor("job " + id + " " + state, () -> row(id) != null && row(id).state() == state);
    }

    private void select(long id) {
        table.jobsViewer().setSelection(new StructuredSelection(row(id)), true);
    }

    private void press(String label) {
        Button b = find(shell, label);
        assertTrue(b.isEnabled(), label + " is enabled for the selection");
        b.notifyListeners(SWT.Selection, new org.eclipse.swt.widgets.Event());
    }

    private static Button find(Composite c, String label) {
        for (Control child : c.getChildren()) {
            if (child instanceof Button b && label.equals(b.getText())) {
                return b;
            }
            if (child instanceof Composite k) {
                Button b = find(k, label);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    @Test
    void aRetrieveFromTheArchiveRunsToCompletionOnScreen() throws Exception {
        RemoteCorpus corpus = new RemoteCorpus();
        try (QrArchive archive = new QrArchive(dir.resolve("qr"), Map.of())) {
            archive.load(corpus.write(dir.resolve("corpus")));
            open();
            AtomicInteger reports = new AtomicInteger();
            queue.addListener(j -> reports.incrementAndGet());
            long id = queue.submit(new RetrieveJob(archive.remote().withRetrieve(RetrieveMethod.GET),
                    RetrieveRequest.studies(InformationModel.STUDY_ROOT, null, RemoteCorpus.STUDY_2)));
            waitForState(id, JobState.COMPLETED);
            TransferJob j = row(id);
            assertEquals(3, j.done(), j.describe());
            assertEquals(3, j.total(), j.describe());
            assertTrue(j.bytes() > 0, j.describe());
            assertTrue(table.flushes() <= reports.get(), "reports are applied together, not one refresh each");
            assertEquals(3, node.node.catalog().study(RemoteCorpus.STUDY_2).orElseThrow().numberOfInstances());
        }
    }

    @Test
    void pauseResumeAndCancelTheSelectedJob() throws Exception {
        queue.register(new TransferHandler() {
            @Override
            public String type() {
                return "test-wait";
            }

            @Override
            public void run(TransferAttempt attempt) throws Exception {
                long end = System.currentTimeMillis() + NodeFixture.TIME_BOUND_MS;
                attempt.progress(1, 10, 1000);
                while (!attempt.stopRequested() && System.currentTimeMillis() < end) {
                    Thread.sleep(10);
                }
            }
        });
        open();
        long id = queue.submit("test-wait", "waits until stopped", new byte[0]);
        waitForState(id, JobState.RUNNING);
        waitFor("progress", () -> row(id).done() == 1);
        assertEquals("1 / 10", table.jobsViewer().getTable().getItem(0).getText(4));
        select(id);
        press("Pause");
        waitForState(id, JobState.PAUSED);
        select(id);
        press("Resume");
        waitFor("job running again", () -> row(id).state() == JobState.RUNNING
                || row(id).state() == JobState.PENDING);
        select(id);
        press("Cancel");
        waitForState(id, JobState.CANCELED);
        assertEquals(JobState.CANCELED, queue.job(id).orElseThrow().state());
    }

    @Test
    void failedInstancesShowBelowAndRetryRunsTheJobAgain() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        queue.register(new TransferHandler() {
            @Override
            public String type() {
                return "test-fail";
            }

            @Override
            public void run(TransferAttempt attempt) throws Exception {
                if (runs.incrementAndGet() == 1) {
                    for (String uid : List.of("1.2.3.1", "1.2.3.2")) {
                        attempt.record(new InstanceOutcome(attempt.jobId(), "1.2.3", uid, null,
                                InstanceOutcome.Result.FAILED, 0, "refused: out of resources " + uid, Instant.now()));
                    }
                    throw new TransferException("2 instances failed", false);
                }
                attempt.progress(2, 2, 10);
            }
        });
        open();
        long id = queue.submit("test-fail", "fails once", new byte[0]);
        waitForState(id, JobState.FAILED);
        assertEquals("2 instances failed", row(id).error());
        select(id);
        waitFor("the failed instances", () -> table.failuresViewer().getTable().getItemCount() == 2);
        String reason = table.failuresViewer().getTable().getItem(0).getText(2);
        assertTrue(reason.startsWith("refused: out of resources 1.2.3."), reason);
        press("Retry");
        waitForState(id, JobState.COMPLETED);
        assertEquals(2, runs.get());
        if (row(id).done() != 2) {
            fail("the retried job reports its progress: " + row(id).describe());
        }
    }
}
