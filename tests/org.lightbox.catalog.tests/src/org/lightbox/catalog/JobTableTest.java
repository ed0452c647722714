package org.lightbox.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobTableTest implements DatabaseUnderTest {

    private final DriverConnectionSource db = newDatabase();
    private Catalog catalog;
    private JobTable jobs;

    @BeforeEach
    void open() throws Exception {
        catalog = Catalog.open(db, CatalogSettings.DEFAULT);
        jobs = catalog.jobs();
    }

    @AfterEach
    void close() {
        catalog.close();
        dropDatabase(db);
    }

    @Test
    void aJobGoesThroughRetriesToCompletion() throws Exception {
        byte[] payload = "study=1.2.3;to=PACS".getBytes(StandardCharsets.UTF_8);
        long id = jobs.submit("send", "Müller to PACS", payload, null);
        Instant now = Instant.now().plusSeconds(1);
        Job claimed = jobs.claimNext("node-a", Set.of("send"), now).orElseThrow();
        assertEquals(id, claimed.id());
        assertEquals(JobState.RUNNING, claimed.state());
        assertEquals(1, claimed.attempts());
        assertEquals("node-a", claimed.owner());
        assertArrayEquals(payload, claimed.payload());
        assertTrue(jobs.claimNext("node-b", Set.of(), now).isEmpty(), "a running job is not claimed twice");

        jobs.progress(id, 10, 300);
        assertTrue(jobs.fail(id, "association rejected", now.plusSeconds(60)));
        Job pending = jobs.get(id).orElseThrow();
        assertEquals(JobState.PENDING, pending.state());
        assertEquals("association rejected", pending.error());
        assertEquals(10, pending.done());
        assertEquals(300, pending.total());
        assertTrue(jobs.claimNext("node-a", Set.of(), now).isEmpty(), "not due yet");
        Job second = jobs.claimNext("node-a", Set.of("send"), now.plusSeconds(61)).orElseThrow();
        assertEquals(2, second.attempts());
        assertTrue(jobs.complete(id));
        assertEquals(JobState.COMPLETED, jobs.get(id).orElseThrow().state());
        assertFalse(jobs.cancel(id), "a finished job cannot be canceled");
    }

    @Test
    void typesDueOrderCancelRetryRequeueAndPurge() throws Exception {
        Instant now = Instant.now();
        long late = jobs.submit("send", null, null, now.minusSeconds(10));
        long early = jobs.submit("send", null, null, now.minusSeconds(100));
        long move = jobs.submit("move", null, null, now.minusSeconds(1000));
        assertEquals(early, jobs.claimNext("n", Set.of("send"), now).orElseThrow().id(), "due first, of the type");
        assertTrue(jobs.cancel(late));
        assertEquals(JobState.CANCELED, jobs.get(late).orElseThrow().state());
        assertTrue(jobs.retry(late));
        assertEquals(JobState.PENDING, jobs.get(late).orElseThrow().state());
        assertEquals(move, jobs.claimNext("n", Set.of(), now).orElseThrow().id());
        assertEquals(2, jobs.requeue("n"), "after a restart the node's running jobs are pending again");
        assertEquals(3, jobs.list(EnumSet.of(JobState.PENDING), 0).size());
        assertTrue(jobs.fail(jobs.claimNext("n", Set.of("move"), now).orElseThrow().id(), "gone", null));
        assertEquals(JobState.FAILED, jobs.get(move).orElseThrow().state());
        assertEquals(1, jobs.purge(Instant.now().plusSeconds(1)));
        assertEquals(Optional.empty(), jobs.get(move));
        assertEquals(2, jobs.list(Set.of(), 0).size());
    }

    @Test
    void concurrentWorkersNeverClaimOneJobTwice() throws Exception {
        for (int i = 0; i < 40; i++) {
            jobs.submit("send", "job " + i, null, null);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String owner = "w" + w;
                fs.add(pool.submit(() -> {
                    Optional<Job> j;
                    while ((j = jobs.claimNext(owner, Set.of(), Instant.now().plusSeconds(1))).isPresent()) {
                        claimed.add(j.get().id());
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40, claimed.size());
        assertEquals(40, Set.copyOf(claimed).size());
    }
}
