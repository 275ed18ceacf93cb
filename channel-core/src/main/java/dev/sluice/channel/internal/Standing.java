package dev.sluice.channel.internal;

import org.jspecify.annotations.Nullable;

/**
 * The registration a {@link DrainLoop} keeps for as long as it lives (a subscription with demand, an
 * upstream feed waiting for room, a handle's pending async operations), or that a public {@link
 * dev.sluice.channel.ReadinessWatch} wraps: armed again after every wake-up instead of allocated
 * anew, so a steady reactive flow allocates nothing per element. Its signal runs the loop (or the
 * watch's callback) on the notifier's thread.
 */
final class Standing extends Waiter {
    private final Runnable loop;
    /** The buffered flavor's queue this registration was last armed in (see {@link Waiters#arm}). */
    @Nullable
    Waiters armedIn;

    Standing(DrainLoop loop) {
        this.loop = loop::drain;
    }

    /** A registration whose signal runs {@code onSignal} (a watch's callback). */
    Standing(Runnable onSignal) {
        this.loop = onSignal;
    }

    @Override
    void signal() {
        loop.run();
    }

    /** Whether a notifier completed this registration since the owner last took its signal. */
    boolean isSignalled() {
        return state() == SIGNALLED;
    }
}
