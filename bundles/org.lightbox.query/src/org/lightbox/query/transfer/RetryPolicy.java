package org.lightbox.query.transfer;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failed attempt is tried again: after {@code base}, doubling with each further attempt up to {@code max};
 * after {@code maxAttempts} attempts the job fails for good.
 */
public record RetryPolicy(Duration base, Duration max, int maxAttempts) {

    /** 10 s, 20 s, 40 s ... at most 10 minutes apart; 8 attempts. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(10), 8);

    public RetryPolicy {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(max, "max");
        if (base.isNegative() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("retry delays must satisfy 0 <= base <= max, not " + base + ", " + max);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt, not " + maxAttempts);
        }
    }

    /** The delay after the failure of attempt {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        Duration d = base;
        for (int i = 1; i < attempt && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /** True when another attempt follows a failure of attempt {@code attempt}. */
    public boolean retriesAfter(int attempt) {
        return attempt < maxAttempts;
    }
}
