package dev.sluice.channel.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks whose messages name the bad value. */
final class Checks {
    private Checks() {}

    static <E> E element(E element) {
        return Objects.requireNonNull(element, "element is null");
    }

    /** A timeout as a deadline from now; a timeout too long for nanoseconds is no deadline. */
    static Deadline deadline(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout is negative: " + timeout);
        }
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        return Deadline.in(nanos);
    }
}
