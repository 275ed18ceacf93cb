package dev.sluice.channel.internal;

/**
 * When a wait gives up: never, at once (a zero timeout: try, do not wait), or at a {@link
 * System#nanoTime()} instant. One value instead of a {@code (timed, nanos)} pair, as crossbeam
 * passes one {@code Option<Instant>}. The two constant answers are shared, so an untimed or
 * zero-timeout call allocates nothing.
 */
final class Deadline {
    /** An untimed wait. */
    static final Deadline NEVER = new Deadline(false, 0L);
    /** A zero timeout: the operation is attempted once and never waits. */
    static final Deadline NOW = new Deadline(true, 0L);

    private final boolean timed;
    private final long at;

    private Deadline(boolean timed, long at) {
        this.timed = timed;
        this.at = at;
    }

    /** A deadline {@code nanos} from now ({@link #NOW} for 0, {@link #NEVER} for {@code Long.MAX_VALUE}). */
    static Deadline in(long nanos) {
        if (nanos <= 0L) {
            return NOW;
        }
        if (nanos == Long.MAX_VALUE) {
            return NEVER; // as good as forever (292 years), and nanoTime + nanos would overflow
        }
        return new Deadline(true, System.nanoTime() + nanos);
    }

    /** Whether the caller must not wait at all. */
    boolean isNow() {
        return this == NOW;
    }

    /** Whether this wait has a limit. */
    boolean isTimed() {
        return timed;
    }

    /** Nanoseconds left (positive), or 0 or less once passed; meaningless when not timed. */
    long remaining() {
        return at - System.nanoTime();
    }

    /** Whether the deadline has passed (never, for {@link #NEVER}). */
    boolean hasPassed() {
        return timed && remaining() <= 0L;
    }
}
