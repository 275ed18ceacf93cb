package dev.sluice.channel.internal;

import dev.sluice.channel.Readiness;
import dev.sluice.channel.SendStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;

/**
 * A Reactive Streams upstream subscribed into a {@link SenderHandle} ({@code flux.subscribe(tx)}).
 *
 * <h2>Implementation overview</h2>
 *
 * <p><b>Demand is reserved room.</b> The feed requests only as many elements as it holds reserved
 * slots for (permits, rule S9), so {@code onNext} fills a reserved slot: it never waits and never
 * overflows (rule R4). {@link #outstanding} counts slots reserved and requested but not yet filled.
 * When it falls to half a batch, the feed reserves more (as many free slots as it can get, up to a
 * batch) and requests that many; when the channel is full it registers a readiness callback for "a
 * slot may be free" and tries again when it fires. Refills run in a drain loop guarded by {@link
 * #wip}, so callbacks and {@code onNext} never refill at once.
 *
 * <p><b>Rendezvous.</b> A channel of capacity 0 has no slots to reserve; the feed requests one
 * element at a time and hands each to {@code sendAsync}, requesting the next when a receiver took
 * it.
 *
 * <p><b>Ending.</b> {@code onComplete} returns unused slots and closes the handle; {@code onError}
 * fails the channel with the cause (S5). When the channel closes under it (every receiver left),
 * the feed cancels the upstream and returns its slots.
 *
 * @param <T> the element type
 */
final class UpstreamFeed<T> implements Runnable {
    /** The most slots requested ahead of the elements. */
    static final int MAX_BATCH = 256;

    private static final VarHandle WIP, OUTSTANDING, TERMINATED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WIP = l.findVarHandle(UpstreamFeed.class, "wip", int.class);
            OUTSTANDING = l.findVarHandle(UpstreamFeed.class, "outstanding", long.class);
            TERMINATED = l.findVarHandle(UpstreamFeed.class, "terminated", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ChannelCore<T> core;
    private final SenderHandle<T> handle;
    private final Subscription upstream;
    private final int batch;
    private final boolean rendezvous;

    private volatile int wip;
    private volatile long outstanding;
    private volatile boolean terminated;
    /** Set by the readiness callback; cleared by the loop when it acts on it. */
    private volatile boolean fired;
    /** Touched only inside the refill loop. */
    private @Nullable Readiness registration;
    /** Hears the channel close while the feed has demand out and waits for nothing else. */
    private volatile @Nullable Readiness closeRegistration;
    /** Rendezvous only: the send of the last element, which onComplete must let finish. */
    private volatile @Nullable CompletableFuture<Void> lastSend;

    UpstreamFeed(ChannelCore<T> core, SenderHandle<T> handle, Subscription upstream) {
        this.core = core;
        this.handle = handle;
        this.upstream = upstream;
        this.rendezvous = core.capacity() == 0;
        this.batch = rendezvous ? 1 : Math.min(core.capacity(), MAX_BATCH);
    }

    void start() {
        // An idle upstream (demand out, nothing arriving) must still learn that every receiver
        // left; register for the close, then check, so a close in between is not missed.
        closeRegistration = core.closeWaiters.register(this::onChannelClosed);
        if (core.isClosed()) {
            onChannelClosed();
            return;
        }
        if (rendezvous) {
            outstanding = 1;
            upstream.request(1);
        } else {
            refill();
        }
    }

    void onNext(T element) {
        if (terminated) {
            return; // §2.8: elements may still arrive after we cancelled; they were never accepted
        }
        if ((long) OUTSTANDING.getAndAdd(this, -1L) <= 0) {
            // §1.1: the upstream sent more than it was asked for.
            protocolViolation(new IllegalStateException("onNext without demand: the upstream broke §1.1"));
            return;
        }
        if (rendezvous) {
            CompletableFuture<Void> sent = core.sendAsync(element);
            lastSend = sent;
            core.startAsync(sent, null);
            sent.whenComplete((ok, closed) -> {
                if (closed != null) {
                    channelClosed();
                } else if (!terminated) {
                    OUTSTANDING.getAndAdd(this, 1L);
                    upstream.request(1);
                }
            });
            return;
        }
        if (core.sendReserved(element) == SendStatus.CLOSED) {
            channelClosed(); // the slot went back with the element
            return;
        }
        if (outstanding <= batch / 2) {
            refill();
        }
    }

    void onComplete() {
        if (TERMINATED.compareAndSet(this, false, true)) {
            returnSlots();
            CompletableFuture<Void> pending = lastSend;
            if (pending != null && !pending.isDone()) {
                // Rendezvous: the last element still waits for a receiver; closing the handle now
                // could close the channel and reject it. Close once it is taken (or rejected).
                pending.whenComplete((ok, error) -> handle.closeFromUpstream());
            } else {
                handle.closeFromUpstream();
            }
        }
    }

    /** The close registration fired: if the channel really closed, stop the upstream. */
    private void onChannelClosed() {
        if (core.isClosed()) {
            channelClosed();
        }
    }

    void onError(Throwable cause) {
        if (TERMINATED.compareAndSet(this, false, true)) {
            returnSlots();
            handle.failFromUpstream(cause);
        }
    }

    /** The readiness callback: a slot may be free, or the channel closed. */
    @Override
    public void run() {
        fired = true;
        refill();
    }

    private void refill() {
        if ((int) WIP.getAndAdd(this, 1) != 0) {
            return;
        }
        int missed = 1;
        for (; ; ) {
            refillPass();
            missed = (int) WIP.getAndAdd(this, -missed) - missed;
            if (missed == 0) {
                return;
            }
        }
    }

    private void refillPass() {
        for (; ; ) {
            if (fired) {
                fired = false;
                registration = null; // it fired: this pass acts on it
            }
            if (terminated) {
                dropRegistration();
                return;
            }
            long want = batch - outstanding;
            if (want <= batch / 2 && outstanding > 0) {
                dropRegistration();
                return; // enough requested ahead
            }
            int got = reserveUpTo((int) want);
            if (got < 0) {
                channelClosed();
                return;
            }
            if (got > 0) {
                dropRegistration();
                OUTSTANDING.getAndAdd(this, (long) got);
                if (terminated) {
                    releaseUnused(); // ended meanwhile: its own release may have missed these
                    return;
                }
                upstream.request(got);
                continue;
            }
            if (registration != null) {
                return; // the callback will bring us back
            }
            registration = core.sendWaiters.register(this);
            // loop: try once more now that we are registered
        }
    }

    /** Reserves as many free slots as it can, up to {@code want}; -1 if the channel is closed. */
    private int reserveUpTo(int want) {
        for (int k = want; k >= 1; k >>= 1) {
            SendStatus s = core.tryReserve(k);
            if (s == SendStatus.SENT) {
                return k;
            }
            if (s == SendStatus.CLOSED) {
                return -1;
            }
        }
        return 0;
    }

    private void dropRegistration() {
        Readiness r = registration;
        if (r != null) {
            registration = null;
            r.cancel();
        }
    }

    /** Every receiver left (or the channel was failed): stop the upstream. */
    private void channelClosed() {
        if (TERMINATED.compareAndSet(this, false, true)) {
            upstream.cancel();
            returnSlots();
            handle.closeFromUpstream();
        }
    }

    private void protocolViolation(Throwable error) {
        if (TERMINATED.compareAndSet(this, false, true)) {
            upstream.cancel();
            returnSlots();
            handle.failFromUpstream(error);
        }
    }

    /** Returns reserved slots that will not be filled, and drops the registrations. */
    private void returnSlots() {
        Readiness c = closeRegistration;
        if (c != null) {
            c.cancel();
        }
        releaseUnused();
        refill();
    }

    private void releaseUnused() {
        long unused = (long) OUTSTANDING.getAndSet(this, 0L); // each slot is released once
        if (unused > 0 && !rendezvous) {
            core.releaseReserved((int) unused);
        }
    }
}
