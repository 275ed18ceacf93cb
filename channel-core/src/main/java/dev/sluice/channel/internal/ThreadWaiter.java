package dev.sluice.channel.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * A thread waiting in a blocking call; woken by {@link LockSupport#unpark} if it parked. A waiter
 * that is still spinning is not unparked (a system call that would only make its next park return
 * at once): it raises {@link #parked} before parking and re-checks its state after, while the
 * notifier writes the state (volatile) before it reads {@code parked}, so one of the two always sees
 * the other (the Dekker argument of {@link Waiters}).
 */
final class ThreadWaiter extends Waiter {
    private final Thread thread = Thread.currentThread();
    private volatile boolean parked;

    @Override
    void signal() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Waits until a notifier completes this waiter, or gives up at the deadline or on interrupt.
     * Spins and yields first when {@code spinFirst}: a rendezvous partner usually arrives within
     * microseconds ({@link Backoff#partnerPause} on a platform thread; on a virtual thread a spin learned
     * from its last waits, {@link PartnerSpin}). A buffered flavor's caller has already spun
     * retrying its operation before queueing, so it parks at once.
     *
     * @return {@code true} if signalled (its outcome and packet are readable); {@code false} if it
     *     gave up and withdrew, so that no notifier will claim it (the caller tells an interrupt
     *     from a timeout by the interrupt flag, which this method leaves set)
     */
    boolean await(Deadline deadline, boolean spinFirst, Object blocker) {
        PartnerSpin partner = spinFirst ? PartnerSpin.begin() : null; // null: not a virtual thread
        for (int step = 0; ; ) {
            int s = state();
            if (s == SIGNALLED) {
                if (partner != null) {
                    partner.arrived(step);
                }
                return true;
            }
            if (s == CLAIMED) {
                awaitSignalled();
                continue;
            }
            if (thread.isInterrupted() || deadline.hasPassed()) {
                if (withdraw()) {
                    return false;
                }
                continue; // claimed meanwhile: that claim stands, finish as signalled
            }
            if (partner != null ? partner.pause(step++) : spinFirst && Backoff.partnerPause(step++)) {
                continue;
            }
            parked = true;
            if (state() == WAITING) { // re-check after raising the flag: see the class comment
                if (deadline.isTimed()) {
                    LockSupport.parkNanos(blocker, deadline.remaining());
                } else {
                    LockSupport.park(blocker);
                }
            }
            parked = false;
        }
    }
}
