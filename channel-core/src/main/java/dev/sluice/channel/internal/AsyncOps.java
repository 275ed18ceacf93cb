package dev.sluice.channel.internal;

import dev.sluice.channel.SendStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * The pending {@code sendAsync} or {@code recvAsync} operations of one handle, carried out in the
 * order they were started (docs/design.md S8): a queue, a {@link DrainLoop} and one {@link Standing}
 * registration, which waits for room or an element for the operation at the head. On a rendezvous
 * channel that registration is itself the waiting party of the hand-off, holding the head send's
 * element, or waiting to be handed one.
 *
 * <h2>Ownership of the element</h2>
 *
 * <p>Each operation is an {@link Op}: a future that the channel completes, and that anyone completing
 * it from outside ({@code cancel}, {@code complete}, {@code orTimeout}...) must first withdraw from
 * the channel. Its state decides who owns the element: the loop moves PENDING to ATTEMPTING for one
 * non-blocking attempt, and a withdrawal succeeds only from PENDING (or, for a posted rendezvous
 * party, by withdrawing the party before a partner claims it). So an element is never both sent and
 * withdrawn, nor taken by a receive whose future was completed some other way.
 *
 * <p>Completions run on the loop's thread, and with them the stage's dependents; a dependent that
 * starts another operation on this handle only queues it (the loop is running), so chains of async
 * calls do not grow the stack. Each operation keeps this object, and so its handle, reachable: a
 * handle with a pending operation is never closed by the cleaner.
 *
 * @param <T> the element type
 */
final class AsyncOps<T> extends DrainLoop {
    private final ChannelCore<T> core;
    private final boolean sending;
    /** Held only to keep the handle reachable while operations are pending (see the class comment). */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final Object handle;

    private final ConcurrentLinkedQueue<Op<T, ?>> queue = new ConcurrentLinkedQueue<>();
    private final Standing party = new Standing(this);
    // touched only inside the loop
    private @Nullable Op<T, ?> current;
    /** The thread running an attempt; a withdrawal from that very thread cannot wait for it. */
    private volatile @Nullable Thread attempting;

    AsyncOps(ChannelCore<T> core, boolean sending, Object handle) {
        this.core = core;
        this.sending = sending;
        this.handle = handle;
    }

    CompletableFuture<Void> send(T element) {
        Op<T, Void> op = new Op<>(this, element);
        queue.offer(op);
        drain();
        return op;
    }

    CompletableFuture<T> recv() {
        Op<T, T> op = new Op<>(this, null);
        queue.offer(op);
        drain();
        return op;
    }

    @Override
    void pass() {
        boolean woken = false; // a plain wake-up taken and not yet used by an attempt
        for (; ; ) {
            int st = party.state();
            if (st == Waiter.CLAIMED || st == Waiter.SIGNALLED) {
                party.awaitSignalled();
                int outcome = party.outcome;
                Op<T, ?> posted = current;
                if (outcome != Waiter.WOKEN && posted != null) {
                    // The posted op's hand-off ended. It is settled before the registration is
                    // reset: a withdrawal racing it must see the claim (not an idle registration).
                    current = null;
                    posted.handOffEnded(outcome == Waiter.MATCHED, party.packet);
                }
                woken |= outcome == Waiter.WOKEN;
                party.reset();
            }
            Op<T, ?> op = current;
            if (op == null) {
                op = queue.poll();
                if (op == null) {
                    idle(woken);
                    return;
                }
                current = op;
            }
            int s = op.state;
            if (s == Op.POSTED || s == Op.WITHDRAWING) {
                return; // a partner claims the party, or the withdrawal ends and drains us
            }
            if (s != Op.PENDING || !op.begin()) {
                current = null; // withdrawn (or done)
                continue;
            }
            woken = false;
            attempting = Thread.currentThread();
            try {
                if (!attempt(op)) {
                    return; // armed: the registration brings us back
                }
            } finally {
                attempting = null;
            }
            current = null;
        }
    }

    /** One non-blocking attempt; {@code false} if the op waits (armed, or posted). */
    @SuppressWarnings("unchecked")
    private boolean attempt(Op<T, ?> op) {
        Flavor<T> flavor = core.flavor;
        if (sending) {
            @SuppressWarnings("null")
            SendStatus s = flavor.sendOrArm(op.element, party);
            if (s == SendStatus.SENT) {
                op.succeed(null);
                return true;
            }
            if (s == SendStatus.CLOSED) {
                flavor.disarm(party);
                op.fail(core.close.closedForSending());
                return true;
            }
            op.waitFor(core.slots == null ? Op.POSTED : Op.PENDING);
            return false;
        }
        T e = flavor.recvOrArm(party);
        if (e != null) {
            ((Op<T, T>) op).succeed(e);
            return true;
        }
        if (flavor.isDrained()) {
            flavor.disarm(party);
            op.fail(core.close.closedForReceiving());
            return true;
        }
        op.waitFor(core.slots == null && party.state() != Waiter.IDLE ? Op.POSTED : Op.PENDING);
        return false;
    }

    /** Nothing is pending: a registration still armed is withdrawn, and a wake-up it got passed on. */
    private void idle(boolean woken) {
        if (party.state() != Waiter.IDLE) {
            core.flavor.disarm(party);
            party.reset();
        }
        Waiters armedIn = party.armedIn;
        if (armedIn != null) {
            if (woken) {
                armedIn.wakeOne(); // woken for an op that is gone: someone else may need it
            }
            armedIn.release(party);
        }
    }

    /** A rendezvous op's posted party is withdrawn; {@code false} if a partner claimed it first. */
    private boolean withdrawPosted() {
        return core.flavor.disarm(party);
    }

    /**
     * One asynchronous operation: the future its caller holds.
     *
     * @param <T> the channel's element type
     * @param <R> the result: {@code Void} for a send, {@code T} for a receive
     */
    static final class Op<T, R> extends OwnedStage<R> {
        static final int PENDING = 0, ATTEMPTING = 1, POSTED = 2, WITHDRAWING = 3, DONE = 4, WITHDRAWN = 5;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(Op.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final AsyncOps<T> owner;
        final @Nullable T element;
        volatile int state;

        Op(AsyncOps<T> owner, @Nullable T element) {
            this.owner = owner;
            this.element = element;
        }

        boolean begin() {
            return STATE.compareAndSet(this, PENDING, ATTEMPTING);
        }

        /** After an attempt that could not proceed: withdrawable again (PENDING) or posted. */
        void waitFor(int next) {
            state = next;
        }

        void succeed(@Nullable R value) {
            state = DONE;
            settle(value);
        }

        void fail(Throwable error) {
            state = DONE;
            settleExceptionally(error);
        }

        /** The posted party's hand-off ended: matched (sent, or received {@code handed}) or closed. */
        @SuppressWarnings("unchecked")
        void handOffEnded(boolean matched, @Nullable Object handed) {
            for (int step = 0; state == WITHDRAWING; step++) {
                Backoff.snooze(step); // a withdrawal is finding out that it lost
            }
            if (matched) {
                succeed((R) handed);
            } else {
                fail(owner.sending ? owner.core.close.closedForSending() : owner.core.close.closedForReceiving());
            }
        }

        /** Takes the op away from the channel; {@code true} if nothing had happened to it. */
        @Override
        boolean withdraw() {
            for (int step = 0; ; step++) {
                int s = state;
                if (s == PENDING) {
                    if (STATE.compareAndSet(this, PENDING, WITHDRAWN)) {
                        owner.drain(); // the loop moves on, passing on a wake-up it will not use
                        return true;
                    }
                } else if (s == POSTED) {
                    if (STATE.compareAndSet(this, POSTED, WITHDRAWING)) {
                        if (owner.withdrawPosted()) {
                            state = WITHDRAWN;
                            owner.drain();
                            return true;
                        }
                        state = POSTED; // claimed by a partner: the loop completes it
                        return false;
                    }
                } else if (s == ATTEMPTING || s == WITHDRAWING) {
                    if (owner.attempting == Thread.currentThread()) {
                        return false; // called from inside the attempt (user code it woke): too late
                    }
                    Backoff.snooze(step); // one non-blocking attempt, or a withdrawal, in progress
                } else {
                    return false;
                }
            }
        }
    }
}
