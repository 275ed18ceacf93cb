package dev.sluice.channel.internal;

import dev.sluice.channel.SendStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.reactivestreams.Subscription;

/**
 * An upstream feeding a channel with slots.
 *
 * <p><b>Demand is reserved room</b> (docs/design.md R4, S9). The feed requests only as many elements
 * as it holds reserved slots for, so {@code onNext} fills a reserved slot: it never waits and never
 * overflows. {@link #outstanding} counts slots reserved and requested but not yet filled. When it
 * falls to half a batch the feed reserves more (as many free slots as it can get, up to a batch:
 * {@link BufferedChannel#feedBatch}) and requests that many. With less than {@link
 * SlotFlavor#roomWanted()} room while elements are buffered, it arms its standing registration
 * {@link #room}, woken when a receive leaves that much room or empties the channel: an upstream
 * faster than its consumers is asked in batches, not once per freed slot. With the channel empty it
 * takes any room there is, so it never stalls its own consumers.
 *
 * @param <T> the element type
 */
final class SlotFeed<T> extends UpstreamFeed<T> {
    private static final VarHandle OUTSTANDING;

    static {
        try {
            OUTSTANDING = MethodHandles.lookup().findVarHandle(SlotFeed.class, "outstanding", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SlotFlavor<T> slots;
    private final int batch;
    private final Standing room = new Standing(this);
    private volatile long outstanding;

    SlotFeed(ChannelCore<T> core, SlotFlavor<T> slots, SenderHandle<T> handle, Subscription upstream) {
        super(core, handle, upstream);
        this.slots = slots;
        this.batch = BufferedChannel.feedBatch(slots.capacity());
    }

    @Override
    void onNext(T element) {
        if (isTerminated()) {
            return; // §2.8: elements may still arrive after we cancelled; they were never accepted
        }
        if ((long) OUTSTANDING.getAndAdd(this, -1L) <= 0) {
            OUTSTANDING.getAndAdd(this, 1L);
            end(new IllegalStateException("onNext without demand: the upstream broke §1.1"));
            return;
        }
        if (slots.sendReserved(element) == SendStatus.CLOSED) {
            end(null); // the slot went back with the element
            return;
        }
        if (outstanding <= batch / 2) {
            drain();
        }
    }

    @Override
    void onComplete() {
        if (terminate()) {
            releaseUnused();
            handle.closeFromUpstream();
            drain();
        }
    }

    @Override
    void onError(Throwable cause) {
        if (terminate()) {
            releaseUnused();
            handle.failFromUpstream(cause);
            drain();
        }
    }

    @Override
    void feed() {
        for (; ; ) {
            int st = room.state();
            if (st == Waiter.CLAIMED || st == Waiter.SIGNALLED) {
                room.awaitSignalled();
                room.reset(); // this pass acts on the wake-up
            }
            long have = outstanding;
            if (have > batch / 2) {
                slots.disarm(room);
                return; // enough requested ahead; the elements owed run this loop again (onNext)
            }
            // While elements are buffered (or requested), wait for a batch of room; with the channel
            // empty and nothing coming, take any room there is.
            int least = slots.roomWanted();
            int got = reserveUpTo((int) (batch - have), least);
            if (got == 0 && least > 1 && have == 0 && slots.size() == 0) {
                got = reserveUpTo(batch, 1);
            }
            if (got < 0) {
                end(null); // closed
                return;
            }
            if (got > 0) {
                slots.disarm(room);
                OUTSTANDING.getAndAdd(this, (long) got);
                if (isTerminated()) {
                    releaseUnused(); // ended meanwhile: its own release may have missed these
                    return;
                }
                upstream.request(got);
                continue;
            }
            if (have > 0) {
                slots.disarm(room);
                return; // each element still owed to us runs this loop again (onNext)
            }
            if (room.state() == Waiter.WAITING) {
                return; // the registration brings us back
            }
            slots.armForRoom(room);
            // loop: try once more now that we are armed
        }
    }

    /**
     * Reserves as many free slots as it can, up to {@code want} and at least {@code least} (or none);
     * -1 if the channel is closed.
     */
    private int reserveUpTo(int want, int least) {
        for (int k = want; k >= least && k > 0; k >>= 1) {
            SendStatus s = slots.tryReserve(k);
            if (s == SendStatus.SENT) {
                return k;
            }
            if (s == SendStatus.CLOSED) {
                return -1;
            }
        }
        return 0;
    }

    @Override
    void releaseHeld() {
        releaseUnused();
        slots.disarm(room);
        Waiters armedIn = room.armedIn;
        if (armedIn != null) {
            armedIn.release(room);
        }
    }

    private void releaseUnused() {
        long unused = (long) OUTSTANDING.getAndSet(this, 0L); // each slot is released once
        if (unused > 0) {
            slots.releaseReserved((int) unused);
        }
    }
}
