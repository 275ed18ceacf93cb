package dev.sluice.channel.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks whose messages name the bad value. */
final class Checks {
    private Checks() {}

    static <E> E element(E element) {
        return Objects.requireNonNull(element, "element is null");
    }

    /** A timeout as nanoseconds, saturating at {@code Long.MAX_VALUE}. */
    static long timeoutNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout is negative: " + timeout);
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
