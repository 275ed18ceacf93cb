package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

/**
 * A party waiting on a channel: a parked thread ({@link ThreadWaiter}), a drain loop's standing
 * registration ({@link Standing}), or a user's readiness callback ({@link OneShot}). Every wait in
 * the library, on every flavor, is one of these in a {@link WaitQueue} or {@link Waiters}.
 *
 * <h2>States</h2>
 *
 * <pre>
 *   IDLE --arm--> WAITING --claim (a notifier)--> CLAIMED --complete--> SIGNALLED --owner--> IDLE
 *                    \--withdraw (the owner)--> IDLE
 * </pre>
 *
 * <p>Exactly one of a notifier's {@link #claim} and the owner's {@link #withdraw} succeeds, so a
 * wake-up or a hand-off is either delivered or never happened: an owner that gives up (timeout,
 * interrupt, cancel) while a notifier claims it learns so from its failed withdraw and acts on the
 * claim instead.
 *
 * <p><b>Hand-off.</b> On a rendezvous channel a waiter carries a {@link #packet}: a waiting sender's
 * element, or the cell a waiting receiver is given. The claimer reads or writes it between its claim
 * and {@link #complete}, and the owner reads it only after seeing SIGNALLED (a volatile read of the
 * volatile write in {@code complete}), so the packet is a plain field. The {@link #outcome} says what
 * the claim meant: {@link #WOKEN} (retry, something may have changed), {@link #MATCHED} (the packet
 * was handed over) or {@link #REJECTED} (the channel closed first).
 *
 * <p><b>Select.</b> The waiters of one select, one per clause and each in its own channel's queue,
 * share a {@link SelectGroup}: a claim of any of them is the group's one CAS, so at most one clause
 * of a select is ever claimed (S14), by whichever notifier comes first; the others' claims fail, as a
 * withdrawn waiter's do.
 */
abstract class Waiter {
    static final int IDLE = 0, WAITING = 1, CLAIMED = 2, SIGNALLED = 3;
    static final int WOKEN = 0, MATCHED = 1, REJECTED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    /** The element handed over (rendezvous); see the class comment for why a plain field is safe. */
    @Nullable
    Object packet;
    /** What the claim meant; written before SIGNALLED, read after it. */
    int outcome;

    // Links of the queue holding this waiter; guarded by that queue's lock.
    @Nullable
    Waiter prev;

    @Nullable
    Waiter next;

    /** The queue this waiter is linked in, if any. */
    @Nullable
    WaitQueue queue;

    /** The select this waiter is a clause of (claimed together with its other clauses), or {@code null}. */
    @Nullable
    SelectGroup group;

    /** Runs after {@link #complete}, on the notifier's thread: wakes the owner. */
    abstract void signal();

    final int state() {
        return state;
    }

    /** Makes the waiter claimable. Only its owner calls this, from IDLE. */
    final void arm() {
        state = WAITING;
    }

    /** A notifier's claim; {@code true} if this call won the waiter (for a select's clause: the select). */
    final boolean claim() {
        SelectGroup g = group;
        if (g == null) {
            return STATE.compareAndSet(this, WAITING, CLAIMED);
        }
        if (!g.claim(this)) {
            return false;
        }
        // The group's CAS made this the only claim of any of its waiters, so this write decides
        // nothing: a release store, without the fence of a volatile one (complete's store follows).
        STATE.setRelease(this, CLAIMED);
        return true;
    }

    /** The owner gives up; {@code true} if no notifier had claimed it (it is IDLE again). */
    final boolean withdraw() {
        return STATE.compareAndSet(this, WAITING, IDLE);
    }

    /** After a successful {@link #claim}: publishes the outcome and wakes the owner. */
    final void complete(int outcome, @Nullable Object packet) {
        this.outcome = outcome;
        this.packet = packet;
        state = SIGNALLED; // publishes outcome and packet; volatile: see ThreadWaiter's parked flag
        signal();
    }

    /**
     * After a successful {@link #claim}: completes as {@link #complete} does, without the signal, which
     * the caller sends later ({@link #signal()}): for a notifier that completes several waiters before
     * it signals any (see {@code OneshotCell.wakeAll}). Only for waiters that are never re-armed by
     * their owner (a signal sent after a re-arm would be a stale one).
     */
    final void publish(int outcome) {
        this.outcome = outcome;
        this.packet = null;
        state = SIGNALLED;
    }

    /** Claims and completes as a plain wake-up; {@code false} if someone else won the waiter. */
    final boolean wake() {
        if (!claim()) {
            return false;
        }
        complete(WOKEN, null);
        return true;
    }

    /** The owner waits out a claimer that is completing the hand-off (a few instructions). */
    final void awaitSignalled() {
        for (int step = 0; state == CLAIMED; step++) {
            Backoff.snooze(step);
        }
    }

    /** Arms the waiter if it is IDLE (a CAS: of two threads arming one watch, one does it). */
    final boolean armIfIdle() {
        return STATE.compareAndSet(this, IDLE, WAITING);
    }

    /** Takes a signal if there is one (a CAS, for a watch armed from more than one thread). */
    final boolean tryReset() {
        if (STATE.compareAndSet(this, SIGNALLED, IDLE)) {
            packet = null;
            return true;
        }
        return false;
    }

    /** The owner takes a signal it has seen; the waiter is IDLE (reusable) again. */
    final void reset() {
        packet = null;
        STATE.setRelease(this, IDLE); // no one waits on this store: arming again is the volatile one
    }
}
