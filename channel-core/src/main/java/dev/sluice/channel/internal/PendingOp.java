package dev.sluice.channel.internal;

import dev.sluice.channel.Readiness;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An asynchronous send or receive on a polling flavor: a future that retries a non-blocking
 * attempt each time a readiness callback fires, and never blocks a thread.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Attempts run in a drain loop guarded by {@link #wip}, so they never overlap and a callback
 * firing during an attempt is not lost (it bumps {@code wip} and the loop runs again). After an
 * attempt that could not proceed, the op registers a callback and attempts once more, the usual
 * register-then-re-check step against lost wake-ups (see {@link Waiters}).
 *
 * <p>Ownership of the element is decided by {@link #state}: an attempt runs only after moving
 * ACTIVE to ATTEMPTING, and a withdrawal ({@link WithdrawableFuture}) succeeds only by moving
 * ACTIVE to WITHDRAWN. An attempt that succeeds moves to DONE <em>before</em> it wakes the other
 * side or completes the future, so code run by those (callbacks, dependents) never finds the op
 * mid-attempt.
 *
 * <p>Order: a handle starts its next op only when the previous one completed ({@link
 * #startAfter}), so one producer's async sends are accepted in the order they were made, and one
 * consumer's async receives complete in the order they were asked for. This also keeps a
 * single-producer or single-consumer ring to one operation at a time.
 *
 * <p>Wake-ups: a wake-up that triggered an attempt is used by it. If the op finishes while a
 * registration is still live, the registration is cancelled, which passes the wake-up on if it
 * fired meanwhile (the op succeeded without it, so someone else may need it).
 *
 * @param <R> the result type
 */
abstract class PendingOp<R> extends WithdrawableFuture<R> implements Runnable {
    private static final int ACTIVE = 0, ATTEMPTING = 1, DONE = 2, WITHDRAWN = 3;
    private static final int SPINS_BEFORE_YIELD = 64;
    private static final VarHandle STATE, WIP;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(PendingOp.class, "state", int.class);
            WIP = l.findVarHandle(PendingOp.class, "wip", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    private volatile int wip;
    /** The live registration, if any; touched only inside the drain loop. */
    private @Nullable Readiness registration;

    /** The queue this op waits in. */
    abstract Waiters waiters();

    /**
     * One non-blocking attempt. On success it calls {@link #done()}, then wakes the other side,
     * then completes the future ({@link #settle}/{@link #settleExceptionally}), and returns {@code
     * true}; it returns {@code false} if it cannot proceed yet.
     */
    abstract boolean attempt();

    /**
     * Starts the op once {@code previous} (the op started before it through the same handle) has
     * completed, so one handle's async ops reach the channel in the order they were started. The
     * first attempt runs on the thread that starts it.
     */
    final void startAfter(@Nullable CompletableFuture<?> previous) {
        if (previous == null || previous.isDone()) {
            Trampoline.run(this::drain);
        } else {
            previous.whenComplete((ignored, error) -> Trampoline.run(this::drain));
        }
    }

    /** The readiness callback. */
    @Override
    public final void run() {
        drain();
    }

    /** Marks the op finished, so a concurrent withdrawal fails at once. */
    final void done() {
        state = DONE;
    }

    private void drain() {
        if ((int) WIP.getAndAdd(this, 1) != 0) {
            return;
        }
        int missed = 1;
        for (; ; ) {
            step();
            missed = (int) WIP.getAndAdd(this, -missed) - missed;
            if (missed == 0) {
                return;
            }
        }
    }

    private void step() {
        for (; ; ) {
            if (!STATE.compareAndSet(this, ACTIVE, ATTEMPTING)) {
                if (state == WITHDRAWN) {
                    dropRegistration(); // passes on a wake-up we will not use
                }
                return;
            }
            if (registration != null && Waiters.hasFired(registration)) {
                registration = null; // this attempt acts on its wake-up
            }
            boolean finished;
            try {
                finished = attempt();
            } catch (Throwable t) {
                done();
                settleExceptionally(t);
                finished = true;
            }
            if (finished) {
                dropRegistration(); // a leftover callback must not swallow someone else's wake-up
                return;
            }
            state = ACTIVE;
            if (registration != null) {
                return; // a live registration will call us back
            }
            registration = waiters().register(this);
            // loop: attempt once more now that we are registered
        }
    }

    /** Cancels the live registration, passing on a wake-up it received meanwhile. */
    private void dropRegistration() {
        Readiness r = registration;
        if (r != null) {
            registration = null;
            r.cancel();
        }
    }

    @Override
    final boolean withdraw() {
        for (int spins = 0; ; spins++) {
            int s = state;
            if (s == ACTIVE) {
                if (STATE.compareAndSet(this, ACTIVE, WITHDRAWN)) {
                    drain(); // cancels the registration from inside the loop
                    return true;
                }
            } else if (s == ATTEMPTING) {
                // An attempt is one non-blocking ring operation; it may be descheduled, so yield.
                if (spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            } else {
                return false;
            }
        }
    }
}
