package dev.sluice.channel.internal;

import dev.sluice.channel.ChannelClosedException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;

/**
 * The one slot of a {@code Oneshot} (S16), apart from any channel: a {@code Oneshot} is made per
 * request, so it is one state word and a queue of waiters instead of a whole channel with two
 * handles (four times slower per round trip than a {@link CompletableFuture}, measured).
 *
 * <h2>States</h2>
 *
 * <pre>
 *   EMPTY --send--> value --receive--> TAKEN
 *     |--sender closed (or forgotten)--> CLOSED_EMPTY
 *     |--fail(cause)--> Failed(cause)
 *   any --receiver closed--> RECEIVER_GONE
 * </pre>
 *
 * <p>The sending side moves the state only out of EMPTY (one CAS), so exactly one of a send and the
 * receiver's close wins: a send that finds RECEIVER_GONE reports "not delivered", and a close that
 * comes after a send discards the value the receiver chose not to read. A receive takes the value by
 * a CAS from the value to TAKEN, so it is read at most once whoever races for it.
 *
 * <p><b>Waiting.</b> Blocked receivers, async receives ({@link #stage}), a subscription and select
 * clauses are {@link Waiter}s in one {@link WaitQueue} under a {@link SpinLock}. A waiter queues
 * under the lock and then re-reads the state; every state change is made before the lock is taken
 * to wake all waiters; so a waiter either sees the change or is woken by it. Every change is a final
 * one for waiting (nothing waits once the state left EMPTY), so all waiters are woken and each acts
 * on the state it then reads.
 *
 * @param <T> the value's type
 */
public final class OneshotCell<T> {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(OneshotCell.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A state that is not a value. */
    private static final class Terminal {
        final String name;
        final @Nullable Throwable cause;

        Terminal(String name, @Nullable Throwable cause) {
            this.name = name;
            this.cause = cause;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Terminal TAKEN = new Terminal("received", null);
    private static final Terminal CLOSED_EMPTY = new Terminal("closed", null);
    private static final Terminal RECEIVER_GONE = new Terminal("receiver closed", null);

    /** {@code null} (EMPTY), the value, or a {@link Terminal}. */
    private volatile @Nullable Object state;

    private final SpinLock lock = new SpinLock();
    private final WaitQueue waiters = new WaitQueue(); // guarded by lock

    /** Whether a subscriber took the receiving end (one at most, as a channel handle). */
    private volatile boolean subscribed;

    private static final VarHandle SUBSCRIBED;

    static {
        try {
            SUBSCRIBED = MethodHandles.lookup().findVarHandle(OneshotCell.class, "subscribed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // ---- the sending side ---------------------------------------------------------------------

    /**
     * Closes the cell as empty when {@code sender} becomes unreachable unused (a forgotten sender),
     * as {@link LeakGuard} does for channel handles. {@link Cleaner.Cleanable#clean()} on every use
     * of the sender unregisters it: the state has left EMPTY by then, so the action does nothing.
     */
    public Cleaner.Cleanable guard(Object sender) {
        Throwable origin = LeakGuard.origin("the Oneshot was created here");
        return LeakGuard.watch(sender, new ForgottenSender(this, origin));
    }

    /** The cleaning action: must not reach the sender (it would keep it reachable). */
    private static final class ForgottenSender implements Runnable {
        private final OneshotCell<?> cell;
        private final @Nullable Throwable origin;

        ForgottenSender(OneshotCell<?> cell, @Nullable Throwable origin) {
            this.cell = cell;
            this.origin = origin;
        }

        @Override
        public void run() {
            if (cell.closeEmpty()) {
                LeakGuard.reportForgotten("A Oneshot sender", origin);
            }
        }
    }

    /** Sends {@code value}; {@code false} if the receiver is gone (the value will not be read). */
    public boolean offer(T value) {
        return settle(value);
    }

    /** Ends the oneshot with {@code cause}; {@code false} if the receiver is gone. */
    public boolean fail(Throwable cause) {
        return settle(new Terminal("failed", cause));
    }

    /** Ends the oneshot without a value; {@code false} if it had already left EMPTY. */
    public boolean closeEmpty() {
        return settle(CLOSED_EMPTY);
    }

    private boolean settle(Object s) {
        if (!STATE.compareAndSet(this, null, s)) {
            return false; // the sending side settles once; the receiver left first
        }
        wakeAll();
        return true;
    }

    /** Whether the receiving end was closed, so that a value sent now is not delivered. */
    public boolean isReceiverGone() {
        return state == RECEIVER_GONE;
    }

    // ---- the receiving side -------------------------------------------------------------------

    /** Closes the receiving end: a later send reports "not delivered"; an unread value is dropped. */
    public void closeReceiver() {
        if (STATE.getAndSet(this, RECEIVER_GONE) != RECEIVER_GONE) {
            wakeAll(); // a thread blocked on this end learns that it was closed
        }
    }

    /** Whether the value has come and is not yet received. */
    public boolean isReady() {
        Object s = state;
        return s != null && !(s instanceof Terminal);
    }

    /**
     * The value if it has come (taking it), else {@code null}.
     *
     * @throws ChannelClosedException if the oneshot ended without a value, failed, or its value was
     *     received already
     * @throws IllegalStateException if the receiving end was closed
     */
    public @Nullable T poll() {
        for (; ; ) {
            Object s = state;
            if (s == null) {
                return null;
            }
            if (s instanceof Terminal) {
                throw ended((Terminal) s);
            }
            if (STATE.compareAndSet(this, s, TAKEN)) {
                @SuppressWarnings("unchecked")
                T value = (T) s;
                return value;
            }
        }
    }

    private static RuntimeException ended(Terminal t) {
        if (t == RECEIVER_GONE) {
            return new IllegalStateException("this Oneshot receiver is closed");
        }
        if (t == TAKEN) {
            return new ChannelClosedException("the Oneshot's value was already received", null);
        }
        if (t == CLOSED_EMPTY) {
            return new ChannelClosedException("the Oneshot's sender closed without a value", null);
        }
        return new ChannelClosedException("the Oneshot's sender failed it", t.cause);
    }

    /**
     * Waits for the value, at most {@code timeout} ({@code null}: without limit).
     *
     * @return the value; {@code null} if the timeout passed first
     */
    public @Nullable T await(@Nullable Duration timeout) throws InterruptedException {
        T v = poll();
        if (v != null) {
            return v;
        }
        Deadline deadline = timeout == null ? Deadline.NEVER : Checks.deadline(timeout);
        if (deadline.isNow()) {
            return null;
        }
        BlockingCalls.check("Oneshot.await", deadline);
        for (; ; ) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            ThreadWaiter me = new ThreadWaiter();
            enqueue(me);
            if (state == null) {
                if (!me.await(deadline, true, this)) {
                    dequeue(me);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    return null; // the deadline passed
                }
            } else {
                leave(me); // settled meanwhile: no need to wait
            }
            if ((v = poll()) != null) {
                return v;
            }
        }
    }

    /**
     * A stage completed with the value, or exceptionally as {@link #poll} throws. Completing it from
     * outside (cancel, {@code orTimeout}) takes effect only if it withdraws the stage's waiter first,
     * so a value that comes later is left for a later receive; once the waiter was claimed, the
     * outside call returns {@code false} and the stage completes from the cell (a value taken is
     * always delivered: it is never taken and put back).
     */
    public CompletableFuture<T> stage() {
        Stage<T> f = new Stage<>(this);
        if (isSettled()) {
            f.settle();
            return f;
        }
        enqueue(f.waiter);
        if (isSettled() && f.waiter.withdraw()) {
            dequeue(f.waiter);
            f.settle();
        } // else waiting, or claimed: its signal completes the stage
        return f;
    }

    /** An async receive: a stage that the cell completes through its waiter. */
    private static final class Stage<T> extends OwnedStage<T> {
        private final OneshotCell<T> cell;
        final Waiter waiter = new Waiter() {
            @Override
            void signal() {
                settle();
            }
        };

        Stage(OneshotCell<T> cell) {
            this.cell = cell;
        }

        /** Completes from the state, which has left EMPTY (only the cell calls this). */
        void settle() {
            T v;
            try {
                v = cell.poll();
            } catch (RuntimeException ended) {
                settleExceptionally(ended);
                return;
            }
            settle(v); // not null: the state never goes back to EMPTY
        }

        /** An outside completion: only if the waiter is withdrawn, so that nothing was taken for it. */
        @Override
        boolean withdraw() {
            if (waiter.withdraw()) {
                cell.dequeue(waiter);
                return true;
            }
            return false; // claimed (the cell completes the stage), or settled without waiting
        }
    }

    /** Subscribes {@code s} to the value: the receiving end as a publisher of zero or one element. */
    public void subscribe(Subscriber<? super T> s) {
        if (!SUBSCRIBED.compareAndSet(this, false, true)) {
            s.onSubscribe(NoSubscription.INSTANCE); // §1.9: onSubscribe before onError
            s.onError(new IllegalStateException("this Oneshot receiver already has a subscriber"));
            return;
        }
        new OneshotSubscription<>(this, s).start();
    }

    // ---- waiting --------------------------------------------------------------------------------

    /** Whether the state has left EMPTY, so that a receive would not wait (a select's re-check). */
    boolean isSettled() {
        return state != null;
    }

    /** Queues {@code w}; the caller re-reads the state afterwards (see the class comment). */
    void enqueue(Waiter w) {
        lock.lock();
        try {
            waiters.add(w);
        } finally {
            lock.unlock();
        }
    }

    /** Unlinks {@code w} if it is still queued (it withdrew, or was never claimed). */
    void dequeue(Waiter w) {
        lock.lock();
        try {
            waiters.remove(w);
        } finally {
            lock.unlock();
        }
    }

    /** A queued waiter that will not wait: withdraws it, or waits out the claim that beat it. */
    void leave(Waiter w) {
        if (w.withdraw()) {
            dequeue(w);
        } else {
            w.awaitSignalled();
        }
    }

    /**
     * Wakes every waiter, in two passes: all are completed first, then signalled. A signal can run
     * user code (a stage's dependents, a subscriber's {@code onNext}, an async select's callback) on
     * this thread; a waiter still claimed but not completed meanwhile would keep its owner spinning
     * (past its timeout), or forever if that user code waits for it.
     */
    private void wakeAll() {
        Waiter chain;
        lock.lock();
        try {
            chain = waiters.claimAll();
        } finally {
            lock.unlock();
        }
        for (Waiter w = chain; w != null; w = w.next) {
            w.publish(Waiter.WOKEN);
        }
        while (chain != null) {
            Waiter next = chain.next;
            chain.next = null;
            chain.signal();
            chain = next;
        }
    }

    @Override
    public String toString() {
        Object s = state;
        return s == null ? "waiting" : s instanceof Terminal ? s.toString() : "ready";
    }
}
