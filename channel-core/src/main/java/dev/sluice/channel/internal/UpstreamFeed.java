package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

/**
 * A Reactive Streams upstream subscribed into a {@link SenderHandle} ({@code flux.subscribe(tx)},
 * docs/design.md R4): what both kinds of feed share. {@link SlotFeed} requests as many elements as it
 * holds reserved slots for; {@link HandOffFeed} (rendezvous, no slots) requests one at a time and
 * hands each to a receiver.
 *
 * <p><b>One loop talks to the upstream.</b> Every {@code request} and the {@code cancel} are made
 * from the feed's {@link DrainLoop} (§2.7: they must not overlap), whichever thread asks: {@code
 * onNext} on the upstream's thread, wake-ups on the threads that free slots, take elements or close
 * the channel.
 *
 * <p><b>Ending.</b> {@code onComplete} closes the handle and {@code onError} fails the channel with
 * the cause (S5), each once the elements already received are in the channel. When the channel
 * closes under the feed (every receiver left, or another sender failed it) or the handle is closed
 * by its owner, the feed cancels the upstream; a standing close listener makes sure an idle upstream
 * learns of it too. After the handle refused a second upstream ({@link #refusedAnother()}), a
 * terminal signal cancels the upstream as well.
 *
 * @param <T> the element type
 */
abstract class UpstreamFeed<T> extends DrainLoop {
    private static final VarHandle TERMINATED;

    static {
        try {
            TERMINATED = MethodHandles.lookup().findVarHandle(UpstreamFeed.class, "terminated", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ChannelCore<T> core;
    final SenderHandle<T> handle;
    final Subscription upstream;
    /** Hears the channel close (or drain) while the feed waits for nothing else. */
    private final Standing closing = new Standing(this);

    /** Set once, by whichever of completion, error or a close ends the feed first. */
    private volatile boolean terminated;
    /** Set when the upstream must be cancelled once the feed ends; the loop does it. */
    private volatile boolean cancelRequested;
    // touched only inside the loop
    private boolean cancelled;

    UpstreamFeed(ChannelCore<T> core, SenderHandle<T> handle, Subscription upstream) {
        this.core = core;
        this.handle = handle;
        this.upstream = upstream;
    }

    /** A feed for the flavor: with slots, or hand-off for rendezvous. */
    static <T> UpstreamFeed<T> create(ChannelCore<T> core, SenderHandle<T> handle, Subscription upstream) {
        SlotFlavor<T> slots = core.slots;
        return slots != null
                ? new SlotFeed<>(core, slots, handle, upstream)
                : new HandOffFeed<>(core, handle, upstream);
    }

    /** Starts listening for the close, then asks the upstream for its first elements. */
    final void start() {
        drain();
    }

    abstract void onNext(T element);

    abstract void onComplete();

    abstract void onError(Throwable cause);

    /** The feed's own work in a pass, while it is not terminated. */
    abstract void feed();

    /** Gives back whatever the feed holds (reserved slots, registrations); runs in the loop at the end. */
    abstract void releaseHeld();

    /**
     * This handle refused a second upstream, whose terminal signals, if any, arrive here as if they
     * were ours: from now on a terminal signal also cancels the upstream (a no-op, §3.7, when it
     * really came from it).
     */
    final void refusedAnother() {
        cancelRequested = true;
    }

    /** Whether the feed has ended (completed, failed, or stopped by a close). */
    final boolean isTerminated() {
        return terminated;
    }

    /** Claims the end of the feed for one caller; {@code true} for the first. */
    final boolean terminate() {
        return TERMINATED.compareAndSet(this, false, true);
    }

    /** The sender handle was closed by its owner: stop the upstream and give back what it holds. */
    final void handleClosed() {
        end(null);
    }

    /**
     * Ends the feed from our side (a close, or an upstream that broke the rules): cancels the
     * upstream, closes the handle, and fails the channel if {@code error} is given.
     */
    final void end(@Nullable Throwable error) {
        if (terminate()) {
            cancelRequested = true;
            if (error != null) {
                handle.failFromUpstream(error);
            } else {
                handle.closeFromUpstream();
            }
            drain();
        }
    }

    @Override
    final void pass() {
        if (terminated) {
            if (cancelRequested && !cancelled) {
                cancelled = true;
                upstream.cancel();
            }
            releaseHeld();
            core.close.listeners.release(closing);
            return;
        }
        int st = closing.state();
        if (st != Waiter.WAITING) {
            if (st != Waiter.IDLE) {
                closing.awaitSignalled();
                closing.reset();
            }
            core.close.listeners.arm(closing); // then check: a close in between is not missed
        }
        if (core.isClosed()) {
            end(null); // every receiver left, or another sender failed the channel
            return;
        }
        feed();
    }
}
