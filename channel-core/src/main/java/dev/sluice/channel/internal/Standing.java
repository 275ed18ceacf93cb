package dev.sluice.channel.internal;

import org.jspecify.annotations.Nullable;

/**
 * The registration a {@link DrainLoop} keeps for as long as it lives (a subscription with demand, an
 * upstream feed waiting for room, a handle's pending async operations): armed again after every
 * wake-up instead of allocated anew, so a steady reactive flow allocates nothing per element. Its
 * signal just runs the loop, on the notifier's thread.
 */
final class Standing extends Waiter {
    private final DrainLoop loop;
    /** The buffered flavor's queue this registration was last armed in (see {@link Waiters#arm}). */
    @Nullable
    Waiters armedIn;

    Standing(DrainLoop loop) {
        this.loop = loop;
    }

    @Override
    void signal() {
        loop.drain();
    }

    /** Whether a notifier completed this registration since the owner last took its signal. */
    boolean isSignalled() {
        return state() == SIGNALLED;
    }
}
