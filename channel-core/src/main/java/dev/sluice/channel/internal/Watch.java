package dev.sluice.channel.internal;

import dev.sluice.channel.ReadinessWatch;

/**
 * A {@link ReadinessWatch}: a {@link Standing} registration whose signal runs the owner's callback,
 * armed in the flavor's receive side or send side.
 */
final class Watch implements ReadinessWatch {
    private final Flavor<?> flavor;
    private final boolean receive;
    private final Standing standing;
    private volatile boolean closed;

    Watch(Flavor<?> flavor, boolean receive, Runnable callback) {
        this.flavor = flavor;
        this.receive = receive;
        this.standing = new Standing(callback);
    }

    @Override
    public void arm() {
        if (closed) {
            return; // closed by its owner, maybe from another thread of the same drain loop
        }
        // Its owner may arm it from two threads at once (a consumer's poll, a drain loop): every
        // transition is a CAS, so the worst a race does is arm it once and take a signal once.
        for (int st; (st = standing.state()) != Waiter.IDLE; ) {
            if (st == Waiter.WAITING) {
                return;
            }
            standing.awaitSignalled(); // fired: its owner is acting on it now, so take it
            standing.tryReset();
        }
        flavor.armWatch(standing, receive);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Waiters armedIn = standing.armedIn;
            if (armedIn != null) {
                armedIn.release(standing); // passes on a wake-up it took and did not use
            }
        }
    }

    @Override
    public String toString() {
        return "ReadinessWatch[" + (receive ? "receivable" : "sendable") + (closed ? ", closed" : "") + "]";
    }
}
