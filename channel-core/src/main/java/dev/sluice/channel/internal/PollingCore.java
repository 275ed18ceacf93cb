package dev.sluice.channel.internal;

import static dev.sluice.channel.SendStatus.CLOSED;
import static dev.sluice.channel.SendStatus.FULL;
import static dev.sluice.channel.SendStatus.SENT;

import dev.sluice.channel.Overflow;
import dev.sluice.channel.SendStatus;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The blocking, timed and asynchronous operations of every buffered flavor, written once on top of
 * five non-blocking primitives ({@link #offer}, {@link #poll}, {@link #reserveSlots}, {@link
 * #offerReserved}, {@link #releaseSlots}).
 *
 * <p>Waiting: try, spin briefly, then queue in {@link Waiters}, re-check, and park (see {@code
 * Waiters} for why no wake-up is lost). Every successful offer wakes one receiver and every
 * successful poll wakes one sender; with nobody waiting that costs one volatile read.
 *
 * @param <T> the element type
 */
abstract class PollingCore<T> extends ChannelCore<T> {
    /**
     * Busy attempts (with {@link Thread#onSpinWait}) before yielding; a park/unpark round trip costs
     * far more than these. Tunable with {@code -Dsluice.spinTries}.
     */
    private static final int SPIN_TRIES = Integer.getInteger("sluice.spinTries", 32);
    /**
     * Attempts after a {@link Thread#yield} before parking: on a machine with few cores the partner
     * thread often needs this core to make progress. Tunable with {@code -Dsluice.yieldTries}.
     */
    private static final int YIELD_TRIES = Integer.getInteger("sluice.yieldTries", 8);

    private static final int OP_SEND = 0, OP_RESERVE = 1;

    PollingCore(Overflow overflow, @Nullable Consumer<? super T> onDrop) {
        super(overflow, onDrop);
    }

    // ---- primitives -------------------------------------------------------------------------

    /** SENT, FULL, or CLOSED (the mark is set). Does not wake anyone. */
    abstract SendStatus offer(T element);

    /** An element, or {@code null} if none is buffered. Does not wake anyone. */
    abstract @Nullable T poll();

    /** Reserves {@code n} slots: SENT, FULL or CLOSED. */
    abstract SendStatus reserveSlots(int n);

    /** Fills one reserved slot (turning it into a buffered element): SENT or CLOSED. */
    abstract SendStatus offerReserved(T element);

    abstract void releaseSlots(int n);

    // ---- sending ----------------------------------------------------------------------------

    @Override
    final SendStatus trySend(T element) {
        SendStatus s = offer(element);
        if (s == SENT) {
            recvWaiters.wakeOne();
        } else if (s == FULL && overflow == Overflow.DROP_OLDEST) {
            s = offerEvicting(element);
        }
        return s;
    }

    @Override
    final boolean send(T element, boolean timed, long nanos) throws InterruptedException {
        SendStatus s = offer(element);
        if (s == SENT) {
            recvWaiters.wakeOne();
            return true;
        }
        if (s == CLOSED) {
            throw closedForSending();
        }
        switch (overflow) {
            case DROP_NEWEST:
                dropped(element);
                return true;
            case DROP_OLDEST:
                s = offerEvicting(element);
                if (s == CLOSED) {
                    throw closedForSending();
                }
                if (s == FULL) {
                    dropped(element); // every slot is reserved by permits: nothing older to drop
                }
                return true;
            default:
                return !(timed && nanos <= 0) && awaitSendable(OP_SEND, element, 1, timed, nanos);
        }
    }

    /**
     * DROP_OLDEST: evicts the oldest elements until ours fits. FULL only if nothing is buffered to
     * evict while the channel is full, which means permits hold every free slot.
     */
    private SendStatus offerEvicting(T element) {
        for (; ; ) {
            SendStatus s = offer(element);
            if (s == SENT) {
                recvWaiters.wakeOne();
                return s;
            }
            if (s == CLOSED) {
                return s;
            }
            T oldest = poll();
            if (oldest != null) {
                dropped(oldest);
            } else if (size() == 0) {
                // Full with nothing buffered: reserved slots fill the channel. Retry once in case
                // a permit was just released or used, then give up.
                s = offer(element);
                if (s == SENT) {
                    recvWaiters.wakeOne();
                }
                return s;
            }
        }
    }

    @Override
    final SendStatus tryReserve(int n) {
        return reserveSlots(n);
    }

    @Override
    final boolean reserve(int n, boolean timed, long nanos) throws InterruptedException {
        SendStatus s = reserveSlots(n);
        if (s == SENT) {
            return true;
        }
        if (s == CLOSED) {
            throw closedForSending();
        }
        return !(timed && nanos <= 0) && awaitSendable(OP_RESERVE, null, n, timed, nanos);
    }

    @Override
    final SendStatus sendReserved(T element) {
        SendStatus s = offerReserved(element);
        if (s == SENT) {
            recvWaiters.wakeOne();
        } else {
            releaseSlots(1);
        }
        return s;
    }

    @Override
    final void releaseReserved(int n) {
        releaseSlots(n);
        sendWaiters.wakeMany(n);
        roomWaiters.wakeAll();
    }

    private SendStatus attemptSend(int op, @Nullable T element, int n) {
        if (op == OP_RESERVE) {
            return reserveSlots(n);
        }
        @SuppressWarnings("null")
        SendStatus s = offer(element);
        if (s == SENT) {
            recvWaiters.wakeOne();
        }
        return s;
    }

    private boolean awaitSendable(int op, @Nullable T element, int n, boolean timed, long nanos)
            throws InterruptedException {
        long deadline = timed ? System.nanoTime() + nanos : 0L;
        SendStatus s;
        for (int i = 0; i < SPIN_TRIES + YIELD_TRIES; i++) {
            if (i < SPIN_TRIES) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
            if ((s = attemptSend(op, element, n)) != FULL) {
                return accepted(s);
            }
        }
        Waiters.ThreadWaiter w = new Waiters.ThreadWaiter();
        for (; ; ) {
            sendWaiters.add(w);
            s = attemptSend(op, element, n); // re-check after queueing: no lost wake-up
            if (s != FULL) {
                if (!sendWaiters.remove(w)) {
                    // Woken for a slot while we used another one: the wake-up is still owed.
                    sendWaiters.wakeOne();
                }
                return accepted(s);
            }
            if (!w.await(timed, deadline, this)) {
                sendWaiters.leave(w);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                return false;
            }
            if ((s = attemptSend(op, element, n)) != FULL) {
                return accepted(s);
            }
        }
    }

    private boolean accepted(SendStatus s) {
        if (s == CLOSED) {
            throw closedForSending();
        }
        return true;
    }

    // ---- receiving --------------------------------------------------------------------------

    @Override
    final @Nullable T takeNow() {
        return take();
    }

    /** A poll that wakes a sender when it took something. */
    private @Nullable T take() {
        T e = poll();
        if (e != null) {
            afterTake();
        }
        return e;
    }

    @Override
    final @Nullable T tryRecv() {
        T e = take();
        if (e == null && isDrained()) {
            throw terminal();
        }
        return e;
    }

    @Override
    final @Nullable T recv(boolean timed, long nanos) throws InterruptedException {
        T e = take();
        if (e != null) {
            return e;
        }
        if (isDrained()) {
            throw closedForReceiving();
        }
        if (timed && nanos <= 0) {
            return null;
        }
        long deadline = timed ? System.nanoTime() + nanos : 0L;
        for (int i = 0; i < SPIN_TRIES + YIELD_TRIES; i++) {
            if (i < SPIN_TRIES) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
            if ((e = take()) != null) {
                return e;
            }
        }
        Waiters.ThreadWaiter w = new Waiters.ThreadWaiter();
        for (; ; ) {
            recvWaiters.add(w);
            e = take(); // re-check after queueing: no lost wake-up
            if (e != null || isDrained()) {
                if (!recvWaiters.remove(w)) {
                    recvWaiters.wakeOne();
                }
                if (e != null) {
                    return e;
                }
                throw closedForReceiving();
            }
            if (!w.await(timed, deadline, this)) {
                recvWaiters.leave(w);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                return null;
            }
            if ((e = take()) != null) {
                return e;
            }
            if (isDrained()) {
                throw closedForReceiving();
            }
        }
    }

    // ---- asynchronous -----------------------------------------------------------------------

    @Override
    final CompletableFuture<Void> sendAsync(T element) {
        if (overflow != Overflow.BLOCK) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            try {
                send(element, true, 0L); // never waits under a dropping policy
                f.complete(null);
            } catch (RuntimeException | InterruptedException e) {
                f.completeExceptionally(e);
            }
            return f;
        }
        return new PendingOp<Void>() {
            @Override
            Waiters waiters() {
                return sendWaiters;
            }

            @Override
            boolean attempt() {
                SendStatus s = offer(element);
                if (s == FULL) {
                    return false;
                }
                done();
                if (s == SENT) {
                    recvWaiters.wakeOne();
                    settle(null);
                } else {
                    settleExceptionally(closedForSending());
                }
                return true;
            }
        };
    }

    @Override
    final CompletableFuture<T> recvAsync() {
        return new PendingOp<T>() {
            @Override
            Waiters waiters() {
                return recvWaiters;
            }

            @Override
            boolean attempt() {
                T e = poll();
                if (e != null) {
                    done();
                    afterTake();
                    settle(e);
                    return true;
                }
                if (isDrained()) {
                    done();
                    settleExceptionally(closedForReceiving());
                    return true;
                }
                return false;
            }
        };
    }
}
