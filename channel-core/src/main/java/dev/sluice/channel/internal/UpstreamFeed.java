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
 * When it falls to half a batch the feed reserves more (as many free slots as it can get, up to a
 * batch of a quarter of the capacity, at most 256, so an idle upstream never holds the whole
 * channel) and requests that many; when there is less than half a batch of room it registers with
 * the core's room waiters, woken when a receive leaves half a batch of room or empties the
 * channel, and tries again then.
 *
 * <p><b>One loop talks to the upstream.</b> Every {@code request} and the {@code cancel} are made
 * from a drain loop guarded by {@link #wip} (§2.7: they must not overlap), whichever thread asks:
 * {@code onNext} on the upstream's thread, readiness callbacks on the threads that free slots or
 * close the channel.
 *
 * <p><b>Rendezvous.</b> A channel of capacity 0 has no slots to reserve; the feed requests one
 * element at a time and hands each to {@code sendAsync}, requesting the next when a receiver took
 * it. A terminal signal waits for that last hand-off, so the element it carries is not rejected by
 * the close it causes.
 *
 * <p><b>Ending.</b> {@code onComplete} returns unused slots and closes the handle; {@code onError}
 * fails the channel with the cause (S5). When the channel closes under it (every receiver left, or
 * another sender failed it), the feed cancels the upstream and returns its slots; a close-only
 * registration makes sure an idle upstream learns of it too.
 *
 * @param <T> the element type
 */
final class UpstreamFeed<T> implements Runnable {
    /** The most slots requested ahead of the elements. */
    static final int MAX_BATCH = 256;

    private static final VarHandle WIP, OUTSTANDING, TERMINATED, RENDEZVOUS_REQUESTS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WIP = l.findVarHandle(UpstreamFeed.class, "wip", int.class);
            OUTSTANDING = l.findVarHandle(UpstreamFeed.class, "outstanding", long.class);
            TERMINATED = l.findVarHandle(UpstreamFeed.class, "terminated", boolean.class);
            RENDEZVOUS_REQUESTS = l.findVarHandle(UpstreamFeed.class, "rendezvousRequests", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ChannelCore<T> core;
    private final SenderHandle<T> handle;
    private final Subscription upstream;
    private final int batch;
    /** The least room worth requesting for while the channel holds elements (see roomWanted). */
    private final int minRoom;

    private final boolean rendezvous;

    private volatile int wip;
    private volatile long outstanding;
    private volatile boolean terminated;
    /** Set when the upstream must be cancelled; the loop does it. */
    private volatile boolean cancelRequested;
    /** Rendezvous only: requests of one that the loop still has to make. */
    private volatile long rendezvousRequests;
    /** Rendezvous only: the hand-off of the last element, which a terminal signal waits for. */
    private volatile @Nullable CompletableFuture<Void> lastSend;
    /** Hears the channel close while the feed has demand out and waits for nothing else. */
    private volatile @Nullable Readiness closeRegistration;

    // Touched only inside the loop.
    private @Nullable Readiness registration;
    private boolean cancelled;

    UpstreamFeed(ChannelCore<T> core, SenderHandle<T> handle, Subscription upstream) {
        this.core = core;
        this.handle = handle;
        this.upstream = upstream;
        this.rendezvous = core.capacity() == 0;
        this.batch = rendezvous ? 1 : batchFor(core.capacity());
        this.minRoom = rendezvous ? 1 : roomWanted(core.capacity());
    }

    private static int batchFor(int capacity) {
        return Math.max(1, Math.min(MAX_BATCH, capacity / 4));
    }

    /**
     * The room a feed waits for before it asks its upstream for more: half a batch. Asking for one
     * element per freed slot would cost a request (and a wake-up) per element when the upstream is
     * faster than the consumers; waiting for half a batch keeps requests in batches. A feed never
     * waits for room while the channel is empty, so it cannot stall its own consumers.
     */
    static int roomWanted(int capacity) {
        return Math.max(1, batchFor(capacity) / 2);
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
            OUTSTANDING.getAndAdd(this, 1L);
            RENDEZVOUS_REQUESTS.getAndAdd(this, 1L);
        }
        drain();
    }

    void onNext(T element) {
        if (terminated) {
            return; // §2.8: elements may still arrive after we cancelled; they were never accepted
        }
        if ((long) OUTSTANDING.getAndAdd(this, -1L) <= 0) {
            // §1.1: the upstream sent more than it was asked for.
            end(new IllegalStateException("onNext without demand: the upstream broke §1.1"), true);
            return;
        }
        if (rendezvous) {
            CompletableFuture<Void> sent = core.sendAsync(element);
            lastSend = sent;
            core.startAsync(sent, null);
            sent.whenComplete((ok, closed) -> {
                if (closed != null) {
                    end(null, true); // every receiver left
                } else if (!terminated) {
                    OUTSTANDING.getAndAdd(this, 1L);
                    RENDEZVOUS_REQUESTS.getAndAdd(this, 1L);
                    drain();
                }
            });
            return;
        }
        if (core.sendReserved(element) == SendStatus.CLOSED) {
            end(null, true); // the slot went back with the element
            return;
        }
        if (outstanding <= batch / 2) {
            drain();
        }
    }

    void onComplete() {
        if (TERMINATED.compareAndSet(this, false, true)) {
            afterLastHandOff(() -> {
                returnSlots();
                handle.closeFromUpstream();
            });
        }
    }

    void onError(Throwable cause) {
        if (TERMINATED.compareAndSet(this, false, true)) {
            afterLastHandOff(() -> {
                returnSlots();
                handle.failFromUpstream(cause);
            });
        }
    }

    /** Rendezvous: runs {@code action} once the last element was taken (or rejected). */
    private void afterLastHandOff(Runnable action) {
        CompletableFuture<Void> pending = lastSend;
        if (pending != null && !pending.isDone()) {
            pending.whenComplete((ok, error) -> action.run());
        } else {
            action.run();
        }
    }

    /** The sender handle was closed by its owner: stop the upstream and return its slots. */
    void handleClosed() {
        end(null, true);
    }

    /** The close registration fired: if the channel really closed, stop the upstream. */
    private void onChannelClosed() {
        if (core.isClosed()) {
            end(null, true);
        }
    }

    /** The readiness callback: a slot may be free, or the channel closed. */
    @Override
    public void run() {
        drain();
    }

    /**
     * Ends the feed from our side: cancels the upstream (through the loop), returns the slots and
     * closes the handle, failing the channel if {@code error} is given.
     */
    private void end(@Nullable Throwable error, boolean cancelUpstream) {
        if (TERMINATED.compareAndSet(this, false, true)) {
            cancelRequested = cancelUpstream;
            returnSlots();
            if (error != null) {
                handle.failFromUpstream(error);
            } else {
                handle.closeFromUpstream();
            }
        }
    }

    private void drain() {
        if ((int) WIP.getAndAdd(this, 1) != 0) {
            return;
        }
        int missed = 1;
        for (; ; ) {
            pass();
            missed = (int) WIP.getAndAdd(this, -missed) - missed;
            if (missed == 0) {
                return;
            }
        }
    }

    private void pass() {
        for (; ; ) {
            if (terminated) {
                if (cancelRequested && !cancelled) {
                    cancelled = true;
                    upstream.cancel();
                }
                dropRegistration(); // passes on a wake-up it received and we will not use
                return;
            }
            if (rendezvous) {
                long n = (long) RENDEZVOUS_REQUESTS.getAndSet(this, 0L);
                if (n > 0) {
                    upstream.request(n);
                    continue; // the request may have delivered and ended synchronously
                }
                return;
            }
            if (registration != null && Waiters.hasFired(registration)) {
                registration = null; // this pass acts on its wake-up
            }
            long have = outstanding;
            if (have > batch / 2) {
                dropRegistration();
                return; // enough requested ahead
            }
            // While elements are buffered (or requested), wait for half a batch of room; with the
            // channel empty and nothing coming, take any room there is.
            int got = reserveUpTo((int) (batch - have), minRoom);
            if (got == 0 && minRoom > 1 && have == 0 && core.size() == 0) {
                got = reserveUpTo((int) batch, 1);
            }
            if (got < 0) {
                end(null, true);
                continue;
            }
            if (got > 0) {
                dropRegistration();
                OUTSTANDING.getAndAdd(this, (long) got);
                if (terminated) {
                    releaseUnused(); // ended meanwhile: its own release may have missed these
                    continue;
                }
                upstream.request(got);
                continue;
            }
            if (have > 0) {
                dropRegistration();
                return; // each of the elements still owed to us runs this loop again (onNext)
            }
            if (registration != null) {
                return; // the callback will bring us back
            }
            registration = core.roomWaiters.register(this);
            // loop: try once more now that we are registered
        }
    }

    /**
     * Reserves as many free slots as it can, up to {@code want} and at least {@code least} (or none);
     * -1 if the channel is closed.
     */
    private int reserveUpTo(int want, int least) {
        for (int k = want; k >= least; k >>= 1) {
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

    /** Returns reserved slots that will not be filled, drops the registrations, cancels if asked. */
    private void returnSlots() {
        Readiness c = closeRegistration;
        if (c != null) {
            c.cancel();
        }
        releaseUnused();
        drain();
    }

    private void releaseUnused() {
        long unused = (long) OUTSTANDING.getAndSet(this, 0L); // each slot is released once
        if (unused > 0 && !rendezvous) {
            core.releaseReserved((int) unused);
        }
    }
}
