package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One wait of a select: a {@link Clause} waiter in each clause's channel, all claimed through this
 * group's single CAS, so at most one clause is ever claimed (S14). The group is made for one wait and
 * then dropped: a stale notifier that still holds one of its waiters finds it claimed or withdrawn.
 *
 * <pre>
 *   WAITING --claim (a notifier, through any clause)--> the winning clause (then signalled)
 *      \--withdraw (the selecting side)--> IDLE
 * </pre>
 *
 * <p>The selecting side is a thread ({@link #await}) or, for an async select, a continuation run
 * through the {@link Trampoline} when the winner is signalled.
 */
final class SelectGroup {
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SelectGroup.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The state's two marks; a claimed group's state is the clause that won it. */
    private static final Object WAITING = new Object(), IDLE = new Object();

    /**
     * {@link #WAITING}, {@link #IDLE} (withdrawn), or the claimed clause: one CAS both claims the group
     * and names its winner, with no second write the selecting side must wait for.
     */
    private volatile Object state = WAITING;

    /** The selecting thread (blocking select), or {@code null}. */
    private final @Nullable Thread thread;

    private volatile boolean parked;

    /** Runs when the winner is signalled (async select), or {@code null}. */
    private final @Nullable Runnable onSignal;

    /** A group whose selecting side is the calling thread. */
    SelectGroup() {
        this.thread = Thread.currentThread();
        this.onSignal = null;
    }

    /** A group whose selecting side is {@code onSignal}, run once the winner is signalled. */
    SelectGroup(Runnable onSignal) {
        this.thread = null;
        this.onSignal = onSignal;
    }

    /** A clause's waiter in this group. */
    Clause clause(int index) {
        return new Clause(this, index);
    }

    /** A notifier's claim through {@code w} (one of this group's clauses); {@code true} for the one that wins. */
    boolean claim(Waiter w) {
        return STATE.compareAndSet(this, WAITING, (Clause) w);
    }

    /** The selecting side gives up; {@code true} if no clause had been claimed. */
    boolean withdraw() {
        return STATE.compareAndSet(this, WAITING, IDLE);
    }

    /**
     * After a failed {@link #withdraw}: the clause that was claimed, once its notifier has completed
     * it (a few instructions), so its outcome and packet are readable.
     */
    Clause claimed() {
        Clause w = (Clause) state;
        // Wait for SIGNALLED itself, not for "no longer CLAIMED": the claimer sets the clause's own
        // state to CLAIMED only after the group's CAS, so a clause seen here may still read WAITING,
        // and taking it then would read an outcome not yet written (a hand-off lost as a wake-up).
        for (int step = 0; w.state() != Waiter.SIGNALLED; step++) {
            Backoff.snooze(step);
        }
        return w;
    }

    /**
     * Waits until a clause is claimed and completed, or gives up at the deadline or on interrupt.
     *
     * @return the completed clause; {@code null} if it gave up and withdrew (no clause will be
     *     claimed). The interrupt flag is left as it was.
     */
    @Nullable
    Clause await(Deadline deadline, Object blocker) {
        Thread me = thread;
        PartnerSpin partner = PartnerSpin.begin(); // null: not a virtual thread
        for (int step = 0, snoozes = 0; ; ) {
            Object s = state;
            if (s instanceof Clause) {
                Clause w = (Clause) s;
                if (w.state() == Waiter.SIGNALLED) {
                    if (partner != null) {
                        partner.arrived(step);
                    }
                    return w;
                }
                Backoff.snooze(snoozes++); // the claimer is completing the clause: a few instructions
                continue;
            }
            if ((me != null && me.isInterrupted()) || deadline.hasPassed()) {
                if (withdraw()) {
                    return null;
                }
                continue; // claimed meanwhile: that claim stands
            }
            if (partner != null ? partner.pause(step++) : Backoff.partnerPause(step++)) {
                continue; // a partner often comes within microseconds
            }
            parked = true;
            if (state == WAITING) { // re-check after raising the flag, as ThreadWaiter does
                if (deadline.isTimed()) {
                    LockSupport.parkNanos(blocker, deadline.remaining());
                } else {
                    LockSupport.park(blocker);
                }
            }
            parked = false;
        }
    }

    /** Runs on the notifier's thread after it completed the winner. */
    private void signal() {
        Runnable r = onSignal;
        if (r != null) {
            Trampoline.run(r);
        } else if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /** A select's waiter in one clause's channel. */
    static final class Clause extends Waiter {
        private final SelectGroup owner;
        /** The clause's position in its select. */
        final int index;

        Clause(SelectGroup owner, int index) {
            this.owner = owner;
            this.index = index;
            this.group = owner;
        }

        @Override
        void signal() {
            owner.signal();
        }
    }
}
