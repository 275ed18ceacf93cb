package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The one backoff policy of the library, after crossbeam's {@code Backoff}: a party that cannot
 * proceed first spins, doubling the spin at every step (a park/unpark round trip costs far more than
 * a few spins, the partner is usually microseconds away, and spacing the checks out keeps the shared
 * cache lines quiet meanwhile), then yields (on a machine with few cores the partner may need this
 * very core), and only then parks. Every wait in the library goes through it, so tuning it here tunes
 * them all.
 *
 * <p>Steps {@code 0..SPIN_STEPS-1} spin {@code 2^min(step, 3)} times ({@link Thread#onSpinWait}):
 * doubling up to 8, then 8 at a time; the next {@code YIELD_STEPS} steps yield once each. Tunable
 * with {@code -Dsluice.backoff.spinSteps} (default 64: 495 spins in all, about 12 µs) and
 * {@code -Dsluice.backoff.yieldSteps} (default 2). A rendezvous hand-off gains most from spinning
 * long (its partner is one hand-off away); oversubscribed producers (more threads than cores) lose
 * from it, which is why the yields come before the park. Virtual threads only yield, then park
 * ({@link #onVirtualThread()}), except in {@link #snooze}, where they spin briefly first, and when
 * they wait for a rendezvous partner, where they spin as long as their recent waits show it pays
 * ({@link PartnerSpin}) before they yield. A platform thread waiting for a rendezvous partner
 * follows the same schedule in time, checking after every spin-wait ({@link #partnerPause}).
 */
final class Backoff {
    /** {@code Thread.isVirtual()} where the JDK has it (21+), else {@code null}. */
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    /** Steps that spin, each twice as long as the one before. */
    static final int SPIN_STEPS = Integer.getInteger("sluice.backoff.spinSteps", 64);
    /** Steps that yield, after the spinning ones, before a waiting party parks. */
    static final int YIELD_STEPS = Integer.getInteger("sluice.backoff.yieldSteps", 2);

    private Backoff() {}

    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup()
                    .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException before21) {
            return null;
        }
    }

    /**
     * Whether the calling thread is virtual. A virtual thread does not spin in {@link #pause}:
     * spinning holds its carrier, and the party it waits for may be a virtual thread queued for that
     * very carrier (10,000 pairs of virtual threads on two cores ran ten times slower spinning). It
     * yields, which lets the carrier run someone else at once, then parks, which is cheap for it. A
     * wait for a rendezvous partner spins only as far as that thread's last waits earned ({@link
     * PartnerSpin}).
     */
    static boolean onVirtualThread() {
        MethodHandle h = IS_VIRTUAL;
        if (h == null) {
            return false;
        }
        try {
            return (boolean) h.invokeExact(Thread.currentThread());
        } catch (Throwable impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * The longest single spin, {@code 2^SPIN_SHIFT_LIMIT}: a wait keeps checking every few hundred
     * nanoseconds ({@code onSpinWait} costs about 25 ns on the machines we measure on; crossbeam's 64
     * was tuned for a cheaper pause and left a hand-off waiting microseconds between checks here).
     */
    private static final int SPIN_SHIFT_LIMIT = 3;

    private static void spin(int step) {
        for (int i = 1 << Math.min(step, SPIN_SHIFT_LIMIT); i > 0; i--) {
            Thread.onSpinWait();
        }
    }

    /**
     * One step of waiting for a condition that will not come without someone else's action.
     *
     * @param step how many steps this wait already took (0 first)
     * @return {@code true} after spinning or yielding once; {@code false} once the budget is spent
     *     and the caller should park
     */
    static boolean pause(int step) {
        if (step < SPIN_STEPS) {
            if (onVirtualThread()) {
                if (step < YIELD_STEPS) {
                    Thread.yield();
                    return true;
                }
                return false;
            }
            spin(step);
            return true;
        }
        if (step < SPIN_STEPS + YIELD_STEPS) {
            Thread.yield();
            return true;
        }
        return false;
    }

    /** The spin-waits of {@link #pause}'s spinning steps, in all: {@link #partnerPause}'s spinning steps. */
    static final int PARTNER_SPINS = partnerSpins();

    private static int partnerSpins() {
        int n = 0;
        for (int step = 0; step < SPIN_STEPS; step++) {
            n += 1 << Math.min(step, SPIN_SHIFT_LIMIT);
        }
        return n;
    }

    /**
     * One step of a wait for a rendezvous partner ({@link ThreadWaiter} with {@code spinFirst}, a
     * blocking select): {@link #pause}'s schedule in time, but one spin-wait per step, so the waiter
     * checks for its partner after every one. Spacing the checks out buys nothing here (the waiter
     * reads only its own state, which nobody else writes until the hand-off) and cost about half a
     * spacing per hand-off (platform-thread rendezvous and ping-pong rows, measured). On a virtual
     * thread (whose partner waits go through {@link PartnerSpin} unless that is turned off) it is
     * {@link #pause}: yields, then parks.
     */
    static boolean partnerPause(int step) {
        return onVirtualThread() ? pause(step) : spinThenYield(step, PARTNER_SPINS, YIELD_STEPS);
    }

    /**
     * One step of a wait that checks after every spin-wait: steps {@code 0..spins-1} spin once each,
     * the next {@code yields} steps yield once each ({@link #partnerPause}, {@link PartnerSpin}).
     *
     * @return {@code false} once the caller should park
     */
    static boolean spinThenYield(int step, int spins, int yields) {
        if (step < spins) {
            Thread.onSpinWait();
            return true;
        }
        if (step < spins + yields) {
            Thread.yield();
            return true;
        }
        return false;
    }

    /**
     * One step of waiting for another thread to finish a hand-off it has already begun (a slot being
     * written, a claimed waiter being completed): never parks, since the other thread is running or
     * runnable and finishes in a few instructions once scheduled.
     */
    static void snooze(int step) {
        if (step < (onVirtualThread() ? VIRTUAL_SNOOZE_STEPS : SPIN_STEPS)) {
            spin(step);
        } else {
            Thread.yield(); // the other thread may have been descheduled mid hand-off
        }
    }

    /**
     * Steps of {@link #snooze} that spin even on a virtual thread (about 30 spins, under a
     * microsecond), before it yields. Unlike {@link #pause}, the thread it waits for is already
     * running through a few instructions (a lock's holder, a claimer completing a hand-off), and a
     * virtual thread is never unmounted there; a yield, which unmounts the waiter and resubmits it,
     * costs more than the wait (a contended rendezvous lock between two virtual threads spent most of
     * its time yielding). Tunable with {@code -Dsluice.backoff.virtualSnoozeSteps}.
     */
    static final int VIRTUAL_SNOOZE_STEPS = Integer.getInteger("sluice.backoff.virtualSnoozeSteps", 6);
}
