package dev.sluice.channel.internal;

import dev.sluice.channel.Readiness;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one place that parks and wakes: a FIFO of parties waiting for one side of a channel ("an
 * element may be available", or "a slot may be free").
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Waiters are nodes of an intrusive doubly linked list guarded by a {@link ReentrantLock} (not
 * {@code synchronized}, so virtual threads never pin). The lock is taken only on slow paths: a
 * party that is about to wait, and a notifier that sees {@link #count} non-zero. The fast path of
 * every send and receive is one volatile read of {@code count}.
 *
 * <p><b>No lost wake-up (Dekker).</b> A waiter (1) adds itself, a volatile write of {@code count},
 * then (2) re-checks the channel with volatile reads. A notifier (a) publishes its change with a
 * volatile write or CAS (the ring's index CAS), then (b) reads {@code count}. Volatile accesses are
 * sequentially consistent, so either (2) sees (a) and the waiter does not wait, or (b) sees (1)
 * and the notifier wakes someone.
 *
 * <p><b>Wake one, pass on.</b> {@link #wakeOne()} removes the first waiter and wakes it. A woken
 * party that then leaves without acting (timeout, interrupt, cancellation) must pass the wake-up
 * on ({@link #leave}), so a wake-up is never swallowed while another party waits. Closing a
 * channel wakes everyone ({@link #wakeAll()}).
 */
public final class Waiters {
    private final ReentrantLock lock = new ReentrantLock();
    /** Sentinel of the circular list; guarded by {@link #lock}. */
    private final Node sentinel = new SentinelNode();

    /** Number of queued nodes; written under the lock, read without it on the fast path. */
    private volatile int count;

    /** A queued party. */
    public abstract static class Node {
        // guarded by the owning Waiters' lock
        Node prev;
        Node next;
        boolean queued;

        /** Set (under the lock) when a notifier dequeued this node to wake it. */
        volatile boolean woken;

        /** Runs outside the lock, once, after the node was dequeued by a notifier. */
        abstract void wake();
    }

    private static final class SentinelNode extends Node {
        @Override
        void wake() {
            throw new AssertionError("sentinel woken");
        }
    }

    public Waiters() {
        sentinel.prev = sentinel;
        sentinel.next = sentinel;
    }

    /** Whether anyone waits (a snapshot). */
    public boolean isEmpty() {
        return count == 0;
    }

    /** Queues {@code node}. The caller must re-check the channel afterwards (see overview). */
    public void add(Node node) {
        lock.lock();
        try {
            node.woken = false;
            Node last = sentinel.prev;
            node.prev = last;
            node.next = sentinel;
            last.next = node;
            sentinel.prev = node;
            node.queued = true;
            count = count + 1; // volatile write: step (1) of the Dekker argument
        } finally {
            lock.unlock();
        }
        // Keeps the caller's re-check (which may use acquire loads) after the count write.
        VarHandle.fullFence();
    }

    /**
     * Removes {@code node} if it is still queued.
     *
     * @return {@code true} if it was removed, {@code false} if a notifier already took it
     */
    public boolean remove(Node node) {
        lock.lock();
        try {
            if (!node.queued) {
                return false;
            }
            unlink(node);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes {@code node} as a party that leaves without acting: if a notifier already took it,
     * the wake-up it carried is passed on to the next waiter.
     */
    public void leave(Node node) {
        if (!remove(node)) {
            wakeOne();
        }
    }

    private void unlink(Node node) {
        node.prev.next = node.next;
        node.next.prev = node.prev;
        node.prev = null;
        node.next = null;
        node.queued = false;
        count = count - 1;
    }

    /** Wakes the longest-waiting party, if any. One volatile read when nobody waits. */
    public void wakeOne() {
        if (count == 0) { // step (b) of the Dekker argument
            return;
        }
        Node node;
        lock.lock();
        try {
            node = sentinel.next;
            if (node == sentinel) {
                return;
            }
            unlink(node);
            node.woken = true;
        } finally {
            lock.unlock();
        }
        node.wake();
    }

    /** Wakes up to {@code n} parties. */
    public void wakeMany(int n) {
        for (int i = 0; i < n && count != 0; i++) {
            wakeOne();
        }
    }

    /** Wakes every party (used when the channel closes). */
    public void wakeAll() {
        if (count == 0) {
            return;
        }
        Node[] woken;
        lock.lock();
        try {
            woken = new Node[count];
            int k = 0;
            for (Node n = sentinel.next; n != sentinel; ) {
                Node next = n.next;
                n.prev = null;
                n.next = null;
                n.queued = false;
                n.woken = true;
                woken[k++] = n;
                n = next;
            }
            sentinel.next = sentinel;
            sentinel.prev = sentinel;
            count = 0;
        } finally {
            lock.unlock();
        }
        for (Node n : woken) {
            n.wake();
        }
    }

    /**
     * Fires a just-registered callback at once, on the caller's thread, if it is still queued. Used
     * when the channel turns out to be ready right after registering.
     */
    public void fireIfQueued(Readiness registration) {
        CallbackWaiter w = (CallbackWaiter) registration;
        if (remove(w)) {
            w.woken = true;
            w.wake();
        }
    }

    /** A parked thread. Reusable across waits by the same thread. */
    public static final class ThreadWaiter extends Node {
        private final Thread thread = Thread.currentThread();

        @Override
        void wake() {
            LockSupport.unpark(thread);
        }

        /**
         * Parks until woken, the deadline passes, or the thread is interrupted.
         *
         * @param deadline a {@link System#nanoTime()} deadline, or {@code Long.MAX_VALUE}... see
         *     {@code timed}
         * @return {@code true} if woken; {@code false} on timeout or interrupt (the caller tells
         *     which from the interrupt flag)
         */
        boolean await(boolean timed, long deadline, Object blocker) {
            while (!woken) {
                if (thread.isInterrupted()) {
                    return false;
                }
                if (timed) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    LockSupport.parkNanos(blocker, left);
                } else {
                    LockSupport.park(blocker);
                }
            }
            return true;
        }
    }

    /**
     * Whether a registration made by {@link #register} has been taken by a notifier (it fired, or is
     * about to). Its owner then acts on that wake-up instead of waiting for another; judging this
     * from the registration itself, not from a flag the callback sets, keeps a late callback of an
     * older registration from being mistaken for the current one.
     */
    static boolean hasFired(Readiness registration) {
        return ((CallbackWaiter) registration).woken;
    }

    /** Registers a one-shot callback; the returned handle withdraws it. */
    public Readiness register(Runnable callback) {
        CallbackWaiter w = new CallbackWaiter(this, Objects.requireNonNull(callback, "callback"));
        add(w);
        return w;
    }

    /**
     * A registered readiness callback. States: PENDING -> FIRED (ran) -> PASSED (cancelled after
     * firing: wake-up passed on); PENDING -> CANCELLED (withdrawn before it fired, or dequeued by a
     * notifier but cancelled before it ran, in which case {@link #wake} passes the wake-up on).
     */
    static final class CallbackWaiter extends Node implements Readiness {
        private static final int PENDING = 0, FIRED = 1, CANCELLED = 2, PASSED = 3;
        private static final VarHandle STATE;

        static {
            try {
                STATE = MethodHandles.lookup().findVarHandle(CallbackWaiter.class, "state", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Waiters owner;
        private final Runnable callback;
        private volatile int state;

        CallbackWaiter(Waiters owner, Runnable callback) {
            this.owner = owner;
            this.callback = callback;
        }

        @Override
        void wake() {
            Trampoline.run(this::fire); // chains of callbacks run one after another, not nested
        }

        private void fire() {
            if (STATE.compareAndSet(this, PENDING, FIRED)) {
                try {
                    callback.run();
                } catch (Throwable t) {
                    // The notifier is some sender or receiver whose own operation already
                    // succeeded; a failing callback must not make that operation look failed.
                    Thread cur = Thread.currentThread();
                    cur.getUncaughtExceptionHandler().uncaughtException(cur, t);
                }
            } else {
                // Cancelled between dequeue and now: the registrant will not act; pass it on.
                owner.wakeOne();
            }
        }

        @Override
        public boolean cancel() {
            if (owner.remove(this)) {
                state = CANCELLED;
                return true;
            }
            for (; ; ) {
                int s = state;
                if (s == PENDING) {
                    // dequeued by a notifier that has not called wake() yet; wake() passes on
                    if (STATE.compareAndSet(this, PENDING, CANCELLED)) {
                        return true; // the callback will never run
                    }
                } else if (s == FIRED) {
                    if (STATE.compareAndSet(this, FIRED, PASSED)) {
                        owner.wakeOne();
                    }
                    return false;
                } else {
                    return false;
                }
            }
        }
    }
}
