package dev.sluice.channel.internal;

import java.util.ArrayDeque;

/**
 * Runs users' readiness callbacks one after another instead of nested: a callback that makes
 * another channel ready (a {@code whenReceivable} callback that sends, say) would otherwise run that
 * channel's callbacks inside itself, and a chain of them would grow the stack without bound.
 *
 * <p>Only readiness callbacks go through it, and they must not block (see {@code Readiness}). The
 * library's own waiters (threads, drain loops) are always woken at once: a callback deferred behind
 * code that blocks waiting for it would hang, which is why nothing else may be queued here.
 */
final class Trampoline {
    private static final ThreadLocal<Trampoline> CURRENT = ThreadLocal.withInitial(Trampoline::new);

    private boolean running;
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();

    private Trampoline() {}

    /** Runs {@code task} now, or after the callback this thread is already running. */
    static void run(Runnable task) {
        Trampoline t = CURRENT.get();
        if (t.running) {
            t.pending.add(task);
            return;
        }
        t.running = true;
        try {
            Failures.runReporting(task);
            for (Runnable next; (next = t.pending.poll()) != null; ) {
                Failures.runReporting(next); // a failing callback must not cost the queued ones their turn
            }
        } finally {
            t.running = false;
        }
    }
}
