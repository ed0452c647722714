package org.lightbox.query.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lightbox.catalog.InstanceOutcome;
import org.lightbox.catalog.Job;
import org.lightbox.catalog.JobState;
import org.lightbox.testing.DcmtkTool;

/**
 * The queue's durability: a peer that dies mid-send (retry with backoff until it is back), pause, resume, cancel
 * and retry, a restart in the middle of a job, and jobs of a crashed process.
 */
@Timeout(180)
class QueueRecoveryTest {

    @TempDir
    Path tmp;

    @Test
    void aPeerKilledMidSendIsRetriedWithBackoffUntilItIsBack() throws Exception {
        try (TransferFixture fx = new TransferFixture(tmp)) {
            String study = "1.2.826.0.1.3680043.10.543.8.1";
            fx.study(study, 12, 16);
            int port = DcmtkTool.freePort();
            Path out = tmp.resolve("received");
            Process[] peer = { fx.storescp("STORESCP", port, out, false) };
            AtomicBoolean killed = new AtomicBoolean();
            List<TransferJob> seen = new CopyOnWriteArrayList<>();
            fx.queue.addListener(j -> {
                seen.add(j);
                if (j.state() == JobState.RUNNING && j.done() >= 3 && killed.compareAndSet(false, true)) {
                    peer[0].destroyForcibly(); // the listener runs on the worker: the next C-STORE meets a dead peer
                    try {
                        peer[0].waitFor(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            fx.queue.start();
            long id = fx.queue.submit(SendRequest.ofStudies(TransferFixture.peer("STORESCP", port), List.of(study)));
            // while the peer is away the job goes back to pending with the error, attempt after attempt
            TransferFixture.await("three failed attempts", () -> job(fx, id).attempts() >= 3);
            TransferJob waiting = job(fx, id);
            assertTrue(waiting.error() != null, "the failure is recorded: " + waiting.describe());
            assertTrue(waiting.done() >= 3 && waiting.done() < 12, "progress kept: " + waiting.describe());
            peer[0] = fx.storescp("STORESCP", port, out, false);
            TransferJob done = fx.queue.await(id, Duration.ofSeconds(60));
            assertEquals(JobState.COMPLETED, done.state(), done.describe());
            assertEquals(12, done.done());
            assertEquals(12, TransferFixture.received(out).size(), "every instance arrived in the end");
            assertTrue(fx.queue.failures(id).isEmpty(), "instances tried again after a broken association succeed");
            assertEquals(12, fx.catalog.transferRecords().outcomes(id).size(), "each instance recorded once");
            assertTrue(seen.stream().anyMatch(j -> j.state() == JobState.PENDING && j.error() != null),
                    "listeners saw the failed attempt");
            assertEquals(1, fx.catalog.activityLog().sends(null, null, 0).size(), "one send log line per study");
        }
    }

    private static TransferJob job(TransferFixture fx, long id) {
        try {
            return fx.queue.job(id).orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void pauseResumeCancelAndRetry() throws Exception {
        try (TransferFixture fx = new TransferFixture(tmp)) {
            String study = "1.2.826.0.1.3680043.10.543.8.2";
            fx.study(study, 8, 16);
            int port = DcmtkTool.freePort();
            Path out = tmp.resolve("received");
            fx.storescp("STORESCP", port, out, false);
            long[] job = { -1 };
            AtomicBoolean paused = new AtomicBoolean();
            fx.queue.addListener(j -> {
                if (j.id() == job[0] && j.state() == JobState.RUNNING && j.done() >= 2
                        && paused.compareAndSet(false, true)) {
                    try {
                        assertTrue(fx.queue.pause(j.id()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            synchronized (job) {
                job[0] = fx.queue.submit(SendRequest.ofStudies(TransferFixture.peer("STORESCP", port), List.of(study)));
            }
            long id = job[0];
            fx.queue.start();
            TransferJob p = fx.queue.await(id, Duration.ofSeconds(60));
            assertEquals(JobState.PAUSED, p.state(), p.describe());
            Thread.sleep(600); // three poll intervals: a paused job is not claimed
            TransferJob still = fx.queue.job(id).orElseThrow();
            assertEquals(JobState.PAUSED, still.state());
            assertTrue(still.done() >= 2 && still.done() < 8, still.describe());
            assertTrue(fx.queue.resume(id));
            TransferJob done = fx.queue.await(id, Duration.ofSeconds(60));
            assertEquals(JobState.COMPLETED, done.state(), done.describe());
            assertEquals(8, TransferFixture.received(out).size());

            // a job to a peer that is not there: pending between attempts; cancel, then retry once it is there
            int deadPort = DcmtkTool.freePort();
            long lost = fx.queue.submit(SendRequest.ofStudies(TransferFixture.peer("LATER", deadPort), List.of(study)));
            TransferFixture.await("a failed attempt", () -> job(fx, lost).attempts() >= 1
                    && job(fx, lost).state() == JobState.PENDING);
            assertTrue(fx.queue.cancel(lost));
            assertEquals(JobState.CANCELED, fx.queue.await(lost, Duration.ofSeconds(10)).state());
            assertFalse(fx.queue.resume(lost), "only a paused job resumes");
            Path later = tmp.resolve("later");
            fx.storescp("LATER", deadPort, later, false);
            assertTrue(fx.queue.retry(lost));
            TransferJob retried = fx.queue.await(lost, Duration.ofSeconds(60));
            assertEquals(JobState.COMPLETED, retried.state(), retried.describe());
            assertEquals(8, TransferFixture.received(later).size());
            assertEquals(2, fx.queue.jobs(Set.of(JobState.COMPLETED), 0).size());
        }
    }

    @Test
    void aRestartInTheMiddleOfAJobResumesIt() throws Exception {
        try (TransferFixture fx = new TransferFixture(tmp)) {
            String study = "1.2.826.0.1.3680043.10.543.8.3";
            fx.study(study, 10, 16);
            int port = DcmtkTool.freePort();
            Path out = tmp.resolve("received");
            fx.storescp("STORESCP", port, out, false);
            CountDownLatch reached = new CountDownLatch(1);
            CountDownLatch proceed = new CountDownLatch(1);
            fx.queue.addListener(j -> {
                if (j.state() == JobState.RUNNING && j.done() >= 3 && reached.getCount() > 0) {
                    reached.countDown();
                    try {
                        proceed.await(20, TimeUnit.SECONDS); // hold the worker until the exit has begun
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            fx.queue.start();
            long id = fx.queue.submit(SendRequest.ofStudies(TransferFixture.peer("STORESCP", port), List.of(study)));
            assertTrue(reached.await(60, TimeUnit.SECONDS));
            TransferQueue exiting = fx.queue;
            Thread closer = new Thread(exiting::close);
            closer.start();
            Thread.sleep(300); // close() has asked the attempt to stop
            proceed.countDown();
            closer.join(30_000);
            assertFalse(closer.isAlive());
            fx.queue = null;
            fx.shut();

            fx.open();
            Job interrupted = fx.catalog.jobs().get(id).orElseThrow();
            assertEquals(JobState.PENDING, interrupted.state(), "an exit mid-job leaves it pending");
            assertTrue(interrupted.done() >= 3 && interrupted.done() < 10, "progress kept: " + interrupted.done());
            fx.queue.start();
            TransferJob done = fx.queue.await(id, Duration.ofSeconds(60));
            assertEquals(JobState.COMPLETED, done.state(), done.describe());
            assertEquals(10, done.done());
            assertEquals(2, done.attempts(), "resumed in a second attempt");
            assertEquals(10, TransferFixture.received(out).size());
            List<InstanceOutcome> outcomes = fx.catalog.transferRecords().outcomes(id);
            assertEquals(10, outcomes.size());
        }
    }

    @Test
    void jobsOfACrashedProcessArePendingAgainOnStart() throws Exception {
        try (TransferFixture fx = new TransferFixture(tmp)) {
            String study = "1.2.826.0.1.3680043.10.543.8.4";
            fx.study(study, 2, 16);
            int port = DcmtkTool.freePort();
            Path out = tmp.resolve("received");
            fx.storescp("STORESCP", port, out, false);
            long id = fx.queue.submit(SendRequest.ofStudies(TransferFixture.peer("STORESCP", port), List.of(study)));
            // the previous run of this installation claimed it and died
            Job claimed = fx.catalog.jobs().claimNext(TransferFixture.OWNER, Set.of(), java.time.Instant.now())
                    .orElseThrow();
            assertEquals(id, claimed.id());
            // another workstation's running job is not ours to requeue
            long foreign = fx.catalog.jobs().submit("move", "someone else's", null, null);
            fx.catalog.jobs().claimNext("other-node", Set.of("move"), java.time.Instant.now()).orElseThrow();
            fx.queue.start();
            TransferJob done = fx.queue.await(id, Duration.ofSeconds(60));
            assertEquals(JobState.COMPLETED, done.state(), done.describe());
            assertEquals(2, TransferFixture.received(out).size());
            assertEquals(JobState.RUNNING, fx.catalog.jobs().get(foreign).orElseThrow().state());
        }
    }
}
