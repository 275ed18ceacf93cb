package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The waiters of one side of a buffered channel ("an element may be available", "a slot may be
 * free"), or of one kind of readiness. Parked threads and readiness callbacks queue in a {@link
 * WaitQueue} under a lock; the standing registrations of drain loops are kept in a copy-on-write
 * array and armed by a single volatile write, so a steady reactive flow takes no lock.
 *
 * <h2>No lost wake-up (Dekker)</h2>
 *
 * <p>A waiter (1) arms itself, a volatile write (of the queue's {@link #queued} count, or of the
 * standing registration's state), followed by a full fence, then (2) re-checks the channel. A
 * notifier (a) publishes its change with a volatile write or CAS (the ring's index CAS), then (b)
 * reads {@code queued} and the standing registrations' states. Sequential consistency of those
 * accesses means either (2) sees (a), and the waiter does not wait, or (b) sees (1), and the
 * notifier claims a waiter.
 *
 * <p><b>Wake one, pass on.</b> {@link #wakeOne()} claims the longest-queued waiter, then a standing
 * registration. A claimed party acts on its wake-up (it retries its operation); one that withdraws
 * after acting some other way passes the wake-up on ({@link #disarm}), so it is never swallowed while
 * another party waits. A close wakes everyone ({@link #wakeAll()}).
 */
final class Waiters {
    private static final Standing[] NONE = {};
    private static final VarHandle QUEUED;

    static {
        try {
            QUEUED = MethodHandles.lookup().findVarHandle(Waiters.class, "queued", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final WaitQueue queue = new WaitQueue(); // guarded by lock
    /** The queue's size: written under the lock, read without it by notifiers (step b). */
    private volatile int queued;
    /** Standing registrations ever armed here and not released; replaced whole under the lock. */
    private volatile Standing[] standing = NONE;

    /** Queues a thread or a callback; the caller re-checks the channel afterwards (step 2). */
    void enqueue(Waiter w) {
        acquire();
        try {
            queue.add(w);
            QUEUED.setVolatile(this, queue.size()); // step (1)
        } finally {
            lock.unlock();
        }
        VarHandle.fullFence(); // keeps the caller's re-check (acquire loads) after step (1)
    }

    /** How many waiters are queued (for tests: none is left behind). */
    int queued() {
        return queued;
    }

    /** Unlinks a queued waiter that withdrew. */
    void remove(Waiter w) {
        acquire();
        try {
            queue.remove(w);
            queued = queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A queued waiter that acted without its wake-up (its re-check succeeded) leaves: if a notifier
     * claimed it meanwhile, that wake-up is passed on.
     */
    void leave(Waiter w) {
        if (w.withdraw()) {
            remove(w);
        } else {
            w.awaitSignalled();
            wakeOne();
        }
    }

    /** Registers a user's readiness callback. */
    OneShot register(Runnable callback) {
        OneShot r = new OneShot(this, callback);
        enqueue(r);
        return r;
    }

    /** Fires a just-registered callback at once if it is still waiting (the channel was ready). */
    static void fireNow(OneShot r) {
        r.wake();
    }

    /**
     * Arms a standing registration here; the caller re-checks the channel afterwards (step 2). The
     * first time, it is added to the standing array, where it stays until {@link #release}.
     */
    void arm(Standing s) {
        if (s.armedIn != this) {
            attach(s);
        }
        s.armIfIdle(); // step (1); armed already, or claimed and about to signal: leave it
        VarHandle.fullFence();
    }

    /**
     * Withdraws an armed standing registration whose owner no longer needs it. If a notifier claimed
     * it meanwhile, the owner got a wake-up it will not use: it is passed on.
     */
    void disarm(Standing s) {
        if (s.withdraw()) {
            return;
        }
        if (s.state() == Waiter.IDLE) {
            return; // was not armed
        }
        s.awaitSignalled();
        s.reset();
        wakeOne();
    }

    /** Disarms {@code s} and forgets it; its owner is done. */
    void release(Standing s) {
        if (s.armedIn != this) {
            return;
        }
        disarm(s);
        acquire();
        try {
            Standing[] cur = standing;
            int i = Arrays.asList(cur).indexOf(s);
            if (i >= 0) {
                Standing[] next = new Standing[cur.length - 1];
                System.arraycopy(cur, 0, next, 0, i);
                System.arraycopy(cur, i + 1, next, i, cur.length - i - 1);
                standing = next;
            }
            s.armedIn = null;
        } finally {
            lock.unlock();
        }
    }

    private void attach(Standing s) {
        Waiters previous = s.armedIn;
        if (previous != null) {
            previous.release(s); // one queue at a time: another queue's notifier must not claim it
        }
        acquire();
        try {
            Standing[] cur = standing;
            Standing[] next = Arrays.copyOf(cur, cur.length + 1);
            next[cur.length] = s;
            standing = next;
            s.armedIn = this;
        } finally {
            lock.unlock();
        }
    }

    /** Whether nobody waits (a snapshot). */
    boolean isEmpty() {
        if (queued != 0) {
            return false;
        }
        for (Standing s : standing) {
            if (s.state() == Waiter.WAITING) {
                return false;
            }
        }
        return true;
    }

    /**
     * Wakes the longest-queued waiter, else an armed standing registration (step b). Costs a few
     * volatile reads when nobody waits.
     *
     * @return whether someone was woken
     */
    boolean wakeOne() {
        if (queued != 0) {
            Waiter w;
            acquire();
            try {
                w = queue.claimFirst();
                queued = queue.size();
            } finally {
                lock.unlock();
            }
            if (w != null) {
                w.complete(Waiter.WOKEN, null);
                return true;
            }
        }
        for (Standing s : standing) {
            if (s.wake()) {
                return true;
            }
        }
        return false;
    }

    /** Wakes every waiter (a close, or a change every waiter must see). */
    void wakeAll() {
        if (queued != 0) {
            Waiter chain;
            acquire();
            try {
                chain = queue.claimAll();
                queued = 0;
            } finally {
                lock.unlock();
            }
            completeChain(chain, Waiter.WOKEN);
        }
        for (Standing s : standing) {
            s.wake();
        }
    }

    /** Completes waiters claimed by {@link WaitQueue#claimAll}, outside the lock. */
    static void completeChain(@Nullable Waiter chain, int outcome) {
        while (chain != null) {
            Waiter next = chain.next;
            chain.next = null;
            chain.complete(outcome, outcome == Waiter.REJECTED ? chain.packet : null);
            chain = next;
        }
    }

    /**
     * Takes the lock. A hold is a few queue operations and never runs user code, so a non-blocking
     * caller waits here at most that long; this one method is where it may park, and what tools
     * that police non-blocking threads (the Reactor bridge's BlockHound integration) are told to allow.
     */
    private void acquire() {
        lock.lock();
    }
}
