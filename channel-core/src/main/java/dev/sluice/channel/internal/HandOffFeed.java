package dev.sluice.channel.internal;

import dev.sluice.channel.SendStatus;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

/**
 * An upstream feeding a rendezvous channel, which has no slots to reserve: the feed requests one
 * element at a time and posts it as a waiting sender ({@link Flavor#sendOrArm}) through its standing
 * registration, requesting the next once a receiver took it. {@code onNext} only hands the element to
 * the loop; the loop does the posting, so the registration is touched by one thread at a time. A
 * terminal signal waits for the last hand-off, so the element it carries is not refused by the close
 * the signal causes.
 *
 * @param <T> the element type
 */
final class HandOffFeed<T> extends UpstreamFeed<T> {
    private final Standing party = new Standing(this);

    /** The element received from the upstream and not yet taken by a receiver. */
    private volatile @Nullable T pending;
    /** Whether one element was requested and has not arrived (§1.1 check). */
    private volatile boolean requested;
    /** The upstream's terminal signal, acted on once the pending element is taken. */
    private volatile boolean completed;

    private volatile @Nullable Throwable failure;
    // touched only inside the loop
    private boolean asked;

    HandOffFeed(ChannelCore<T> core, SenderHandle<T> handle, Subscription upstream) {
        super(core, handle, upstream);
    }

    @Override
    void onNext(T element) {
        if (isTerminated()) {
            return; // §2.8
        }
        if (!requested || pending != null) {
            end(new IllegalStateException("onNext without demand: the upstream broke §1.1"));
            return;
        }
        requested = false;
        pending = element;
        drain();
    }

    @Override
    void onComplete() {
        completed = true;
        drain();
    }

    @Override
    void onError(Throwable cause) {
        failure = cause;
        completed = true;
        drain();
    }

    @Override
    void feed() {
        for (; ; ) {
            int st = party.state();
            if (st == Waiter.CLAIMED || st == Waiter.SIGNALLED) {
                party.awaitSignalled();
                int outcome = party.outcome;
                party.reset();
                if (outcome == Waiter.REJECTED) {
                    end(null); // the channel closed before a receiver took it: not accepted
                    return;
                }
                pending = null; // taken by a receiver
                asked = false;
            } else if (st == Waiter.WAITING) {
                return; // posted: a receiver takes it, or the channel closes
            }
            T element = pending;
            if (element != null) {
                SendStatus s = core.flavor.sendOrArm(element, party);
                if (s == SendStatus.FULL) {
                    return; // posted
                }
                if (s == SendStatus.CLOSED) {
                    end(null);
                    return;
                }
                pending = null;
                asked = false;
            }
            if (completed) {
                if (terminate()) {
                    Throwable cause = failure;
                    if (cause != null) {
                        handle.failFromUpstream(cause);
                    } else {
                        handle.closeFromUpstream();
                    }
                    drain();
                }
                return;
            }
            if (asked) {
                return; // the requested element runs this loop again (onNext)
            }
            asked = true;
            requested = true;
            upstream.request(1);
            // loop: the element may have arrived synchronously
        }
    }

    @Override
    void releaseHeld() {
        core.flavor.disarm(party); // a posted element is withdrawn, or was taken just now
        party.reset();
    }
}
