package org.lightbox.query.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void delaysDoubleUpToTheMaximumAndAttemptsAreCounted() {
        RetryPolicy p = new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60), 5);
        assertEquals(Duration.ofSeconds(10), p.delayAfter(1));
        assertEquals(Duration.ofSeconds(20), p.delayAfter(2));
        assertEquals(Duration.ofSeconds(40), p.delayAfter(3));
        assertEquals(Duration.ofSeconds(60), p.delayAfter(4));
        assertEquals(Duration.ofSeconds(60), p.delayAfter(1000), "no overflow after many attempts");
        assertTrue(p.retriesAfter(4));
        assertFalse(p.retriesAfter(5));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(Duration.ZERO, Duration.ZERO, 0));
    }
}
