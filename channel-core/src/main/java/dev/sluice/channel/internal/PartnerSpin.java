package dev.sluice.channel.internal;

import org.jspecify.annotations.Nullable;

/**
 * How long a virtual thread spins for a rendezvous partner before it yields and parks, learned per
 * thread from its own recent waits (the adaptive spinning of HotSpot's monitors, applied to a wait
 * for a partner).
 *
 * <p>Why learn it: a spin pays only while the partner runs on another carrier thread, and then it
 * pays a lot (a hand-off between two virtual threads on their own carriers, with no continuation
 * switch in it: a rendezvous pair 3.8 → 6.0 msgs/µs on two cores). When the partner is queued behind
 * other virtual threads, or behind the spinner on the same carrier, every spin holds a carrier for
 * nothing (10,000 rendezvous pairs went 5.4 → 1.7 msgs/µs under a fixed spin). Which case a thread is
 * in shows in how its last waits ended, so:
 *
 * <ul>
 *   <li>a wait whose partner came while it spun lengthens the next spin by one step (up to {@link
 *       #MAX_SPINS}); one whose partner did not halves it, down to none;
 *   <li>a thread that spins no more still spins one step in every {@value #PROBE_EVERY}th wait, so
 *       it notices when its partner has a carrier again.
 * </ul>
 *
 * <p><b>Sharing a carrier.</b> When the two parties of a rendezvous end up on one carrier thread,
 * neither spin can succeed (the partner needs this very carrier), and each wait ends in a yield that
 * runs the partner on the same carrier: the pair hands off by continuation switches while the other
 * carrier idles (a select of one clause 4.4 → 1.3 msgs/µs). Here a yield does not wake the idle
 * carrier: the yielding thread goes onto its own carrier's queue, which holds the partner, and the
 * scheduler signals other carriers only for work pushed onto an empty queue (JDK 25's scheduler; a
 * yield onto an empty queue is submitted where any carrier may take it). An unpark of the parked
 * partner does push onto an empty queue, and signals. So after {@value
 * #PARK_AFTER} waits in a row whose partner came during a yield, the next wait parks as soon as its
 * spin is spent; the partner's unpark then wakes the idle carrier, which can take one of the two.
 * This makes the shared-carrier mode rarer, not impossible. Benchmark forks still fall into a slow
 * mode, most of them with the two threads on different carriers, for a cause not yet found
 * (docs/benchmarks.md, "The slow mode").
 *
 * <p>Additive growth against halving keeps a thread spinning only while most of its spins succeed.
 * The state is one small object per virtual thread that waited for a partner (a {@link ThreadLocal}),
 * read and written by its own thread only. Platform threads keep {@link Backoff#partnerPause}'s fixed
 * schedule: spinning there does not take a carrier from anyone.
 */
final class PartnerSpin {
    private static final ThreadLocal<PartnerSpin> OF_THREAD = ThreadLocal.withInitial(PartnerSpin::new);

    /**
     * What a spin grows by after a success, and what a probe spins: a step of {@link
     * Thread#onSpinWait}s. The waiter still checks for its partner after every single spin-wait: on
     * this machine a spin-wait costs about 25 ns, and a check only every step would add about 100 ns
     * to each hand-off on average.
     */
    static final int SPINS_PER_STEP = 8;

    /**
     * The longest spin, in {@link Thread#onSpinWait}s: 32 steps (about 6 µs where a spin-wait costs
     * 25 ns, around what jox spins before it parks). Tunable in steps with {@code
     * -Dsluice.backoff.partnerSpinSteps}; 0 turns the spinning off.
     */
    static final int MAX_SPINS = Integer.getInteger("sluice.backoff.partnerSpinSteps", 32) * SPINS_PER_STEP;

    private static final int FIRST_SPINS = 4 * SPINS_PER_STEP;
    private static final int PROBE_EVERY = 16;
    /** Waits in a row whose partner came during a yield, before one parks at once (see the class comment). */
    static final int PARK_AFTER = 8;

    /** The spin the thread's next wait gets, in spin-waits, learned. */
    private int spins = Math.min(FIRST_SPINS, MAX_SPINS);
    /** This wait's spin: {@link #spins}, or a probe's one step. */
    private int budget;
    /** Waits without a spin since the last probe. */
    private int unspun;
    /** Waits in a row whose partner came during a yield, after a spin that failed or was none. */
    private int byYield;
    /** The next wait parks as soon as its spin is spent, without yielding. */
    private boolean parkNext;
    /** This wait parks as soon as its spin is spent. */
    private boolean parkAtOnce;

    private PartnerSpin() {}

    /**
     * Starts a wait for a partner: the calling thread's state if it is virtual, {@code null} on a
     * platform thread (which waits by {@link Backoff#partnerPause}).
     */
    static @Nullable PartnerSpin begin() {
        if (MAX_SPINS == 0 || !Backoff.onVirtualThread()) {
            return null;
        }
        PartnerSpin p = OF_THREAD.get();
        p.budget = p.spins > 0 ? p.spins : p.probe();
        p.parkAtOnce = p.parkNext;
        p.parkNext = false;
        return p;
    }

    private int probe() {
        if (++unspun < PROBE_EVERY) {
            return 0;
        }
        unspun = 0;
        return SPINS_PER_STEP;
    }

    /**
     * One step of the wait, as {@link Backoff#pause}: one spin-wait while the budget lasts, then a
     * yield, {@link Backoff#YIELD_STEPS} times (none after waits that kept ending in a yield); {@code
     * false} once the caller should park.
     */
    boolean pause(int step) {
        return Backoff.spinThenYield(step, budget, parkAtOnce ? 0 : Backoff.YIELD_STEPS);
    }

    /**
     * The partner came after {@code step} steps of this wait: learns from whether that was within the
     * spin. A wait given up (timeout, interrupt) teaches nothing.
     */
    void arrived(int step) {
        int b = budget;
        if (b > 0 && step <= b) {
            spins = Math.min(MAX_SPINS, b + SPINS_PER_STEP);
            byYield = 0;
        } else {
            int half = b >> 1;
            spins = half < SPINS_PER_STEP ? 0 : half; // less than a step: none, and probes from now
            if (!parkAtOnce && step <= b + Backoff.YIELD_STEPS) { // came during a yield
                if (++byYield == PARK_AFTER) {
                    byYield = 0;
                    parkNext = true;
                }
            } else {
                byYield = 0; // came after a park: the two are not handing off by yields
            }
        }
    }

    /** The spin the next wait gets, in spin-waits (for tests). */
    int nextSpins() {
        return spins;
    }

    /** This wait's spin, in spin-waits (for tests). */
    int currentBudget() {
        return budget;
    }
}
