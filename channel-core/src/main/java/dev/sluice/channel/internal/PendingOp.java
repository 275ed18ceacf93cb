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
 * ACTIVE to ATTEMPTING, and a cancellation (or any completion from outside: {@code cancel},
 * {@code complete}, {@code orTimeout}...) succeeds only by moving ACTIVE to WITHDRAWN. So an element
 * is never both sent and withdrawn, nor taken and dropped by a cancelled receive. A withdrawn op
 * cancels its registration, which passes on a wake-up it may already have received.
 *
 * @param <R> the result type
 */
abstract class PendingOp<R> extends CompletableFuture<R> implements Runnable {
    private static final int ACTIVE = 0, ATTEMPTING = 1, DONE = 2, WITHDRAWN = 3;
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
    /** Whether the last registration fired (or none was made yet); read and written in the loop. */
    private volatile boolean needsRegistration = true;
    /** Touched only inside the drain loop. */
    private @Nullable Readiness registration;

    /** The queue this op waits in. */
    abstract Waiters waiters();

    /**
     * One non-blocking attempt. Completes the op through {@link #succeed} or {@link #failWith} and
     * returns {@code true}, or returns {@code false} if it cannot proceed yet.
     */
    abstract boolean attempt();

    /** Starts the op: the first attempt runs on the caller's thread. */
    final PendingOp<R> start() {
        drain();
        return this;
    }

    /** The readiness callback. */
    @Override
    public final void run() {
        needsRegistration = true;
        drain();
    }

    final void succeed(@Nullable R value) {
        state = DONE;
        super.complete(value);
    }

    final void failWith(Throwable error) {
        state = DONE;
        super.completeExceptionally(error);
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
                    dropRegistration();
                }
                return;
            }
            boolean finished;
            try {
                finished = attempt();
            } catch (Throwable t) {
                failWith(t);
                finished = true;
            }
            if (finished) {
                dropRegistration(); // a leftover callback must not swallow someone else's wake-up
                return;
            }
            state = ACTIVE;
            if (!needsRegistration) {
                return; // a live registration will call us back
            }
            needsRegistration = false;
            registration = waiters().register(this);
            // loop: attempt once more now that we are registered
        }
    }

    /** Cancels the registration, passing on a wake-up it may have received and we will not use. */
    private void dropRegistration() {
        Readiness r = registration;
        if (r != null) {
            registration = null;
            r.cancel();
        }
    }

    /** Takes the op away from the channel if it has not completed; spins out an in-flight attempt. */
    private boolean withdraw() {
        for (; ; ) {
            int s = state;
            if (s == ACTIVE) {
                if (STATE.compareAndSet(this, ACTIVE, WITHDRAWN)) {
                    drain(); // cancels the registration from inside the loop
                    return true;
                }
            } else if (s == ATTEMPTING) {
                Thread.onSpinWait(); // an attempt is non-blocking and short
            } else {
                return false;
            }
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return withdraw() && super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean complete(R value) {
        return withdraw() && super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        return withdraw() && super.completeExceptionally(ex);
    }
}
