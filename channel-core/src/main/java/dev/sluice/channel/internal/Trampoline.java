package dev.sluice.channel.internal;

import java.util.ArrayDeque;

/**
 * Runs callbacks one after another instead of nested. Readiness callbacks and async completions
 * often trigger further ones (an op that completes wakes the other side, which completes another
 * op, which starts the next chained op...); run inline, such chains would grow the stack without
 * bound. Each thread runs them from its outermost call.
 */
final class Trampoline {
    private static final ThreadLocal<Trampoline> CURRENT = ThreadLocal.withInitial(Trampoline::new);

    private boolean running;
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();

    private Trampoline() {}

    /**
     * Suspends this thread's trampoline while it calls into a subscriber, so that wake-ups raised
     * by the subscriber's own code run inline: a subscriber that blocks (say, sends into a full
     * channel from onNext) must not hold back the very wake-ups that would unblock it. Recursion
     * stays bounded because every drain loop refuses to re-enter itself.
     *
     * @return the state to hand back to {@link #resume}
     */
    static boolean suspend() {
        Trampoline t = CURRENT.get();
        boolean was = t.running;
        t.running = false;
        return was;
    }

    static void resume(boolean wasRunning) {
        CURRENT.get().running = wasRunning;
    }

    /** Runs {@code task} now, or after the task this thread is already running. */
    static void run(Runnable task) {
        Trampoline t = CURRENT.get();
        if (t.running) {
            t.pending.add(task);
            return;
        }
        t.running = true;
        try {
            runReporting(task);
            for (Runnable next; (next = t.pending.poll()) != null; ) {
                runReporting(next); // a failing task must not cost the queued ones their turn
            }
        } finally {
            t.running = false;
        }
    }

    private static void runReporting(Runnable task) {
        try {
            task.run();
        } catch (Throwable failure) {
            Thread cur = Thread.currentThread();
            cur.getUncaughtExceptionHandler().uncaughtException(cur, failure);
        }
    }
}
