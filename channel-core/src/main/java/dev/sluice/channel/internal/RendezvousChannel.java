package dev.sluice.channel.internal;

import static dev.sluice.channel.SendStatus.CLOSED;
import static dev.sluice.channel.SendStatus.FULL;
import static dev.sluice.channel.SendStatus.SENT;

import dev.sluice.channel.Overflow;
import dev.sluice.channel.SendStatus;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The capacity-0 flavor: a send completes only when a receiver takes the element.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>A dual queue, as in {@link java.util.concurrent.SynchronousQueue}'s fair mode and
 * crossbeam-channel's {@code flavors/zero.rs}: at any time either senders wait (each {@link Party}
 * holding its element) or receivers wait (each holding an empty cell), never both. An arriving
 * operation matches the oldest waiter of the other side, or queues itself. Waiters are threads
 * (parked) or futures ({@code sendAsync}/{@code recvAsync}), so an asynchronous sender can meet an
 * asynchronous receiver with no thread waiting at all.
 *
 * <p>Matching happens under a {@link ReentrantLock} (not {@code synchronized}: virtual threads do
 * not pin): whoever dequeues a party owns it and completes it after unlocking. A party that gives
 * up (timeout, interrupt, cancel) must remove itself under the lock; if it is no longer queued it
 * was already matched and the match stands, so an element is never both delivered and withdrawn.
 * Closing rejects every waiter under the same lock.
 *
 * <p>Readiness callbacks ({@code whenReceivable}/{@code whenSendable}) fire when a party of the
 * other side starts waiting; a {@code tryRecv}/{@code trySend} then matches it.
 *
 * @param <T> the element type
 */
final class RendezvousChannel<T> extends ChannelCore<T> {
    private static final int WAITING = 0, MATCHED = 1, REJECTED = 2, WITHDRAWN = 3;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Party<T>> senders = new ArrayDeque<>(); // guarded by lock
    private final ArrayDeque<Party<T>> receivers = new ArrayDeque<>(); // guarded by lock
    private volatile boolean closed; // written under lock

    RendezvousChannel() {
        super(Overflow.BLOCK, null);
    }

    /** A waiting sender (with its element) or receiver (waiting for one). */
    static final class Party<T> {
        @Nullable
        T element;

        final @Nullable Thread thread;
        final @Nullable RendezvousFuture<T, ?> future;
        volatile int state = WAITING;

        Party(@Nullable T element, @Nullable Thread thread, @Nullable RendezvousFuture<T, ?> future) {
            this.element = element;
            this.thread = thread;
            this.future = future;
        }
    }

    /** A future for an asynchronous party; outside completion withdraws the party first. */
    static final class RendezvousFuture<T, R> extends WithdrawableFuture<R> {
        private final RendezvousChannel<T> channel;
        private final boolean sending;

        @Nullable
        Party<T> party;

        RendezvousFuture(RendezvousChannel<T> channel, boolean sending) {
            this.channel = channel;
            this.sending = sending;
        }

        @SuppressWarnings("unchecked")
        void settleFrom(Party<T> p) {
            if (p.state == MATCHED) {
                settle(sending ? null : (R) p.element);
            } else {
                settleExceptionally(sending ? channel.closedForSending() : channel.closedForReceiving());
            }
        }

        @Override
        boolean withdraw() {
            Party<T> p = party;
            return p != null && channel.withdraw(p, sending);
        }
    }

    /** Completes a dequeued party (outside the lock). */
    private static <T> void settle(Party<T> p, int state) {
        p.state = state;
        wakeParty(p);
    }

    private static <T> void wakeParty(Party<T> p) {
        if (p.thread != null) {
            LockSupport.unpark(p.thread);
        } else if (p.future != null) {
            p.future.settleFrom(p);
        }
    }

    /** Removes a waiting party; {@code true} if it was still waiting (nothing happened to it). */
    boolean withdraw(Party<T> p, boolean sending) {
        lock.lock();
        try {
            if (p.state == WAITING && (sending ? senders : receivers).remove(p)) {
                p.state = WITHDRAWN;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    // ---- sending ----------------------------------------------------------------------------

    @Override
    SendStatus trySend(T element) {
        Party<T> r;
        lock.lock();
        try {
            if (closed) {
                return CLOSED;
            }
            r = receivers.poll();
        } finally {
            lock.unlock();
        }
        if (r == null) {
            return FULL;
        }
        r.element = element; // published by the volatile state write in settle
        settle(r, MATCHED);
        return SENT;
    }

    @Override
    boolean send(T element, boolean timed, long nanos) throws InterruptedException {
        Party<T> me;
        Party<T> r;
        lock.lock();
        try {
            if (closed) {
                throw closedForSending();
            }
            r = receivers.poll();
            if (r == null) {
                if (timed && nanos <= 0) {
                    return false;
                }
                me = new Party<>(element, Thread.currentThread(), null);
                senders.add(me);
            } else {
                me = null;
            }
        } finally {
            lock.unlock();
        }
        if (r != null) {
            r.element = element;
            settle(r, MATCHED);
            return true;
        }
        recvWaiters.wakeOne(); // an element is now available to a tryRecv
        return awaitOutcome(me, true, timed, nanos) != null;
    }

    @Override
    CompletableFuture<Void> sendAsync(T element) {
        RendezvousFuture<T, Void> f = new RendezvousFuture<>(this, true);
        Party<T> me = new Party<>(element, null, f);
        f.party = me;
        if (enqueueOrMatch(me, true)) {
            recvWaiters.wakeOne();
        }
        return f;
    }

    // ---- receiving --------------------------------------------------------------------------

    @Override
    @Nullable
    T tryRecv() {
        T e = takeNow();
        if (e == null && closed) {
            throw terminal();
        }
        return e;
    }

    @Override
    @Nullable
    T takeNow() {
        Party<T> s;
        lock.lock();
        try {
            s = senders.poll();
        } finally {
            lock.unlock();
        }
        return s == null ? null : takeFrom(s);
    }

    private T takeFrom(Party<T> s) {
        T e = s.element;
        s.element = null;
        settle(s, MATCHED);
        return e;
    }

    @Override
    @Nullable
    T recv(boolean timed, long nanos) throws InterruptedException {
        Party<T> me;
        Party<T> s;
        lock.lock();
        try {
            s = senders.poll();
            if (s == null) {
                if (closed) {
                    throw closedForReceiving();
                }
                if (timed && nanos <= 0) {
                    return null;
                }
                me = new Party<>(null, Thread.currentThread(), null);
                receivers.add(me);
            } else {
                me = null;
            }
        } finally {
            lock.unlock();
        }
        if (s != null) {
            return takeFrom(s);
        }
        sendWaiters.wakeOne(); // a receiver now waits: a trySend would succeed
        return awaitOutcome(me, false, timed, nanos);
    }

    @Override
    CompletableFuture<T> recvAsync() {
        RendezvousFuture<T, T> f = new RendezvousFuture<>(this, false);
        Party<T> me = new Party<>(null, null, f);
        f.party = me;
        if (enqueueOrMatch(me, false)) {
            sendWaiters.wakeOne();
        }
        return f;
    }

    /**
     * Matches an asynchronous party with a waiting one of the other side, or queues it.
     *
     * @return {@code true} if it was queued
     */
    private boolean enqueueOrMatch(Party<T> me, boolean sending) {
        Party<T> other;
        lock.lock();
        try {
            if (closed) {
                other = null;
                me.state = REJECTED;
            } else {
                other = (sending ? receivers : senders).poll();
                if (other == null) {
                    (sending ? senders : receivers).add(me);
                    return true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (other != null) {
            if (sending) {
                other.element = me.element;
            } else {
                me.element = takeFrom(other);
            }
            if (sending) {
                settle(other, MATCHED);
            }
            me.state = MATCHED;
        }
        @SuppressWarnings("null")
        RendezvousFuture<T, ?> f = me.future;
        f.settleFrom(me);
        return false;
    }

    /**
     * Parks until the party is matched or rejected, or gives up on timeout or interrupt.
     *
     * @return for a receiver the element, for a sender a non-null token; {@code null} on timeout
     */
    private static final int MATCH_SPINS = Integer.getInteger("sluice.rendezvous.spins", 256);

    private static final int MATCH_YIELDS = Integer.getInteger("sluice.rendezvous.yields", 8);

    private @Nullable T awaitOutcome(Party<T> me, boolean sending, boolean timed, long nanos)
            throws InterruptedException {
        long deadline = timed ? System.nanoTime() + nanos : 0L;
        int idle = 0;
        for (; ; ) {
            int s = me.state;
            if (s == MATCHED) {
                return sending ? nonNullToken() : me.element;
            }
            if (s == REJECTED) {
                throw sending ? closedForSending() : closedForReceiving();
            }
            boolean interrupted = Thread.interrupted();
            long left = timed ? deadline - System.nanoTime() : 1L;
            if (interrupted || left <= 0) {
                if (withdraw(me, sending)) {
                    if (interrupted) {
                        throw new InterruptedException();
                    }
                    return null;
                }
                // Matched or rejected meanwhile: that outcome stands; keep the interrupt visible.
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                for (int spins = 0; me.state == WAITING; spins++) {
                    // the matcher dequeued us under the lock and is about to settle us
                    if (spins < 64) {
                        Thread.onSpinWait();
                    } else {
                        Thread.yield();
                    }
                }
                continue;
            }
            // A partner usually comes within a few microseconds: wait for it busily first, since
            // a park/unpark round trip costs far more (as SynchronousQueue does).
            if (idle < MATCH_SPINS) {
                idle++;
                Thread.onSpinWait();
            } else if (idle < MATCH_SPINS + MATCH_YIELDS) {
                idle++;
                Thread.yield();
            } else if (timed) {
                LockSupport.parkNanos(this, left);
            } else {
                LockSupport.park(this);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private T nonNullToken() {
        return (T) this;
    }

    // ---- permits: a rendezvous channel has no slots -------------------------------------------

    @Override
    SendStatus tryReserve(int n) {
        throw noSlots();
    }

    @Override
    boolean reserve(int n, boolean timed, long nanos) {
        throw noSlots();
    }

    @Override
    SendStatus sendReserved(T element) {
        throw noSlots();
    }

    @Override
    void releaseReserved(int n) {
        throw noSlots();
    }

    private static UnsupportedOperationException noSlots() {
        return new UnsupportedOperationException("a rendezvous channel has no slots to reserve");
    }

    // ---- closing and introspection ----------------------------------------------------------

    @Override
    boolean markClosed() {
        List<Party<T>> rejected = new ArrayList<>();
        lock.lock();
        try {
            if (closed) {
                return false;
            }
            closed = true;
            rejected.addAll(senders);
            rejected.addAll(receivers);
            senders.clear();
            receivers.clear();
            // Every outcome is decided under the lock, before anyone is woken: a party that times
            // out meanwhile sees REJECTED at once instead of waiting for its turn to be woken.
            for (Party<T> p : rejected) {
                p.state = REJECTED;
            }
        } finally {
            lock.unlock();
        }
        for (Party<T> p : rejected) {
            wakeParty(p);
        }
        return true;
    }

    @Override
    boolean mayReceive() {
        return hasWaiting(senders);
    }

    @Override
    boolean mayAccept() {
        return hasWaiting(receivers);
    }

    private boolean hasWaiting(ArrayDeque<Party<T>> parties) {
        lock.lock();
        try {
            return closed || !parties.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    boolean isDrained() {
        return closed; // closing rejects every waiting sender: nothing is left to receive
    }

    @Override
    public int capacity() {
        return 0;
    }

    @Override
    public int size() {
        return 0;
    }

    @Override
    void discardBuffered() {
        // nothing is buffered
    }
}
