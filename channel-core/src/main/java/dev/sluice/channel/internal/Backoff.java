package dev.sluice.channel.internal;

/**
 * The one backoff policy of the library, after crossbeam's {@code Backoff}: a party that cannot
 * proceed first spins (a park/unpark round trip costs far more than a few spins, and the partner is
 * usually a few instructions away), then yields (on a machine with few cores the partner may need
 * this very core), and only then parks. Every wait in the library goes through it, so tuning it
 * here tunes them all.
 *
 * <p>Tunable with {@code -Dsluice.spinTries} (default 64) and {@code -Dsluice.yieldTries} (default
 * 8).
 */
final class Backoff {
    /** Busy attempts with {@link Thread#onSpinWait} before yielding. */
    static final int SPINS = Integer.getInteger("sluice.spinTries", 64);
    /** Attempts after a {@link Thread#yield} before a waiting party parks. */
    static final int YIELDS = Integer.getInteger("sluice.yieldTries", 8);

    private Backoff() {}

    /**
     * One step of waiting for a condition that will not come without someone else's action.
     *
     * @param step how many steps this wait already took (0 first)
     * @return {@code true} after spinning or yielding once; {@code false} once the budget is spent
     *     and the caller should park
     */
    static boolean pause(int step) {
        if (step < SPINS) {
            Thread.onSpinWait();
            return true;
        }
        if (step < SPINS + YIELDS) {
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
        if (step < SPINS) {
            Thread.onSpinWait();
        } else {
            Thread.yield(); // the other thread may have been descheduled mid hand-off
        }
    }
}
