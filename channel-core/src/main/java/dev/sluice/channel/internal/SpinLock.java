package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A test-and-set lock for critical sections of a few instructions that never block and never run
 * user code (the rendezvous flavor's queue operations): a waiter backs off through {@link Backoff}
 * (spin, then yield) instead of parking, as crossbeam's spinlock does for its zero-capacity channel.
 * With more threads than cores a parking lock ({@code ReentrantLock}) put contenders to sleep for
 * microseconds over a hold of nanoseconds. Not reentrant; no {@code synchronized}, so virtual threads
 * never pin (and {@code Backoff} only yields on them).
 */
final class SpinLock {
    private static final VarHandle HELD;

    static {
        try {
            HELD = MethodHandles.lookup().findVarHandle(SpinLock.class, "held", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int held;

    void lock() {
        if (!HELD.compareAndSet(this, 0, 1)) {
            contended();
        }
    }

    private void contended() {
        for (int step = 0; ; step++) {
            Backoff.snooze(step);
            if (held == 0 && HELD.compareAndSet(this, 0, 1)) {
                return;
            }
        }
    }

    void unlock() {
        HELD.setRelease(this, 0);
    }
}
