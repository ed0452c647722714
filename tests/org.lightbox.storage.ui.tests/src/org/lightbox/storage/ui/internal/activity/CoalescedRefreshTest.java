package org.lightbox.storage.ui.internal.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A thousand requests while a refresh runs cost one more refresh, not a thousand. */
class CoalescedRefreshTest {

    @Test
    void requestsDuringARunAreServedByOneMoreRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(2);
        CoalescedRefresh r = new CoalescedRefresh("test", 10, () -> {
            runs.incrementAndGet();
            first.countDown();
            second.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            r.request();
            assertTrue(first.await(20, TimeUnit.SECONDS), "the first refresh ran");
            for (int i = 0; i < 1000; i++) {
                r.request(); // e.g. one per received instance
            }
            release.countDown();
            assertTrue(second.await(20, TimeUnit.SECONDS), "the requests made meanwhile were served");
            // no further request: nothing more is pending
            Thread.sleep(200);
            assertEquals(2, runs.get());
        } finally {
            r.close();
        }
    }

    @Test
    void nothingRunsAfterClose() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CoalescedRefresh r = new CoalescedRefresh("test", 50, runs::incrementAndGet);
        r.close();
        r.request();
        r.now();
        Thread.sleep(200);
        assertEquals(0, runs.get());
    }
}
