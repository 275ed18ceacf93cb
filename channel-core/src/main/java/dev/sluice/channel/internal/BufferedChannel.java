package dev.sluice.channel.internal;

import static dev.sluice.channel.SendStatus.CLOSED;
import static dev.sluice.channel.SendStatus.FULL;
import static dev.sluice.channel.SendStatus.SENT;

import dev.sluice.channel.Overflow;
import dev.sluice.channel.Readiness;
import dev.sluice.channel.SendStatus;
import org.jspecify.annotations.Nullable;

/**
 * Every buffered flavor (bounded, single-producer/consumer, unbounded, dropping): a {@link Buffer}
 * plus the waiting, written once.
 *
 * <h2>Implementation overview</h2>
 *
 * <p>Every operation first tries the buffer. A successful send wakes one receiver, a successful
 * receive one sender; with nobody waiting that costs a few volatile reads ({@link Waiters}). A
 * blocking call that cannot proceed spins and yields retrying ({@link Backoff}), then queues a {@link
 * ThreadWaiter}, re-checks (no lost wake-up: see {@code Waiters}), and parks.
 *
 * <p><b>Overflow</b> is decided where the send is: {@code DROP_NEWEST} drops the element the buffer
 * refused as full (that refusal is the send's linearization point), and {@code DROP_OLDEST} asks an
 * {@link EvictingBuffer} to evict and insert in one atomic step.
 *
 * <p><b>Room for feeds.</b> An upstream feed ({@code flux.subscribe(tx)}) asks its upstream for a
 * batch at a time; it waits in {@link #room}, woken only when a receive leaves {@link #roomWanted()}
 * free slots or empties the channel, not on every freed slot.
 *
 * <p><b>Drained.</b> The receive that takes the last element of a closed channel wakes every
 * receiver and close listener: a party that armed after the close must still learn that nothing will
 * come.
 *
 * @param <T> the element type
 */
final class BufferedChannel<T> implements SlotFlavor<T> {
    private static final int OP_SEND = 0, OP_RESERVE = 1;
    /** The most slots an upstream feed requests ahead of its elements (see UpstreamFeed). */
    static final int MAX_FEED_BATCH = 256;

    private final Buffer<T> buffer;
    private final @Nullable EvictingBuffer<T> evicting;
    private final Overflow overflow;
    private final CloseState close;
    private final Undelivered<T> undelivered;
    private final int roomWanted;

    /** Parties waiting for a free slot. */
    private final Waiters senders = new Waiters();
    /** Parties waiting for an element. */
    private final Waiters receivers = new Waiters();
    /** Upstream feeds waiting for a batch of room. */
    private final Waiters room = new Waiters();

    BufferedChannel(Buffer<T> buffer, Overflow overflow, CloseState close, Undelivered<T> undelivered) {
        this.buffer = buffer;
        this.overflow = overflow;
        this.evicting = overflow == Overflow.DROP_OLDEST ? (EvictingBuffer<T>) buffer : null;
        this.close = close;
        this.undelivered = undelivered;
        this.roomWanted = Math.max(1, feedBatch(buffer.capacity()) / 2);
    }

    /**
     * The batch an upstream feed requests at a time: a quarter of the capacity, at most {@value
     * #MAX_FEED_BATCH}, so an idle upstream never holds the whole channel.
     */
    static int feedBatch(int capacity) {
        return Math.max(1, Math.min(MAX_FEED_BATCH, capacity / 4));
    }

    // ---- sending ------------------------------------------------------------------------------

    /** An offer that wakes a receiver when it succeeds. */
    private SendStatus offer(T element) {
        SendStatus s = buffer.offer(element);
        if (s == SENT) {
            receivers.wakeOne();
        }
        return s;
    }

    @Override
    public SendStatus trySend(T element) {
        SendStatus s = offer(element);
        if (s == FULL && evicting != null) {
            s = offerEvicting(element);
        }
        return s;
    }

    private SendStatus offerEvicting(T element) {
        @SuppressWarnings("null")
        SendStatus s = evicting.offerEvicting(element, undelivered::dropped);
        if (s == SENT) {
            receivers.wakeOne();
        }
        return s;
    }

    /** A send that never waits: the overflow policy decides what a full channel does. */
    private SendStatus sendNow(T element) {
        SendStatus s = offer(element);
        if (s != FULL) {
            return s;
        }
        switch (overflow) {
            case DROP_NEWEST:
                undelivered.dropped(element);
                return SENT; // accepted, and dropped as the policy says
            case DROP_OLDEST:
                s = offerEvicting(element);
                if (s == FULL) {
                    undelivered.dropped(element); // permits hold every slot: nothing older to evict
                    return SENT;
                }
                return s;
            default:
                return FULL;
        }
    }

    @Override
    public boolean send(T element, Deadline deadline) throws InterruptedException {
        SendStatus s = sendNow(element);
        if (s == FULL) {
            return awaitSendSide(OP_SEND, element, 1, deadline);
        }
        return accepted(s);
    }

    @Override
    public SendStatus sendOrArm(T element, Standing party) {
        SendStatus s = sendNow(element);
        if (s != FULL) {
            return s;
        }
        senders.arm(party);
        s = offer(element); // re-check after arming: no lost wake-up
        if (s != FULL) {
            senders.disarm(party);
        }
        return s;
    }

    @Override
    public SendStatus tryReserve(int n) {
        return buffer.reserve(n);
    }

    @Override
    public boolean reserve(int n, Deadline deadline) throws InterruptedException {
        SendStatus s = buffer.reserve(n);
        if (s == FULL) {
            return awaitSendSide(OP_RESERVE, null, n, deadline);
        }
        return accepted(s);
    }

    @Override
    public SendStatus sendReserved(T element) {
        SendStatus s = buffer.offerReserved(element);
        if (s == SENT) {
            receivers.wakeOne();
        } else {
            buffer.release(1);
        }
        return s;
    }

    @Override
    public void releaseReserved(int n) {
        buffer.release(n);
        for (int i = 0; i < n && senders.wakeOne(); i++) {
            // one wake-up per slot given back
        }
        room.wakeAll();
    }

    private SendStatus attemptSendSide(int op, @Nullable T element, int n) {
        if (op == OP_RESERVE) {
            return buffer.reserve(n);
        }
        @SuppressWarnings("null")
        SendStatus s = offer(element);
        return s;
    }

    /** Spins, then queues and parks until the send (or reservation) goes through or gives up. */
    private boolean awaitSendSide(int op, @Nullable T element, int n, Deadline deadline) throws InterruptedException {
        if (deadline.isNow()) {
            return false;
        }
        SendStatus s;
        for (int step = 0; Backoff.pause(step); step++) {
            if ((s = attemptSendSide(op, element, n)) != FULL) {
                return accepted(s);
            }
        }
        ThreadWaiter w = new ThreadWaiter();
        for (; ; ) {
            senders.enqueue(w);
            if ((s = attemptSendSide(op, element, n)) != FULL) { // re-check: no lost wake-up
                senders.leave(w);
                return accepted(s);
            }
            if (!w.await(deadline, false, this)) {
                senders.remove(w);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                return false;
            }
            w.reset();
            if ((s = attemptSendSide(op, element, n)) != FULL) {
                return accepted(s);
            }
        }
    }

    private boolean accepted(SendStatus s) {
        if (s == CLOSED) {
            throw close.closedForSending();
        }
        return true;
    }

    // ---- receiving ----------------------------------------------------------------------------

    @Override
    public @Nullable T poll() {
        T e = buffer.poll();
        if (e != null) {
            afterTake();
        }
        return e;
    }

    /** After every receive: a slot is free, and the channel may now be drained. */
    private void afterTake() {
        senders.wakeOne();
        if (!room.isEmpty()) {
            int size = buffer.size();
            if (size == 0 || buffer.free() >= roomWanted) {
                room.wakeAll();
            }
        }
        if (close.isClosing() && buffer.isDrained()) {
            receivers.wakeAll();
            close.listeners.wakeAll();
        }
    }

    @Override
    public @Nullable T recv(Deadline deadline) throws InterruptedException {
        T e = poll();
        if (e != null) {
            return e;
        }
        if (buffer.isDrained()) {
            throw close.closedForReceiving();
        }
        if (deadline.isNow()) {
            return null;
        }
        for (int step = 0; Backoff.pause(step); step++) {
            if ((e = poll()) != null) {
                return e;
            }
        }
        ThreadWaiter w = new ThreadWaiter();
        for (; ; ) {
            receivers.enqueue(w);
            e = poll(); // re-check: no lost wake-up
            if (e != null || buffer.isDrained()) {
                receivers.leave(w);
                if (e != null) {
                    return e;
                }
                throw close.closedForReceiving();
            }
            if (!w.await(deadline, false, this)) {
                receivers.remove(w);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                return null;
            }
            w.reset();
            if ((e = poll()) != null) {
                return e;
            }
            if (buffer.isDrained()) {
                throw close.closedForReceiving();
            }
        }
    }

    @Override
    public @Nullable T recvOrArm(Standing party) {
        T e = poll();
        if (e != null || buffer.isDrained()) {
            return e;
        }
        receivers.arm(party);
        e = poll(); // re-check after arming: no lost wake-up
        if (e != null) {
            receivers.disarm(party);
        }
        return e;
    }

    @Override
    public boolean disarm(Standing party) {
        Waiters w = party.armedIn;
        if (w != null) {
            w.disarm(party);
        }
        return true; // a buffered flavor only ever wakes a party; it never hands anything over
    }

    @Override
    public void armWatch(Standing watch, boolean receive) {
        (receive ? receivers : senders).arm(watch);
    }

    @Override
    public void armForRoom(Standing party) {
        room.arm(party);
    }

    @Override
    public int roomWanted() {
        return roomWanted;
    }

    // ---- closing and introspection ----------------------------------------------------------

    @Override
    public boolean markClosed() {
        return buffer.mark();
    }

    @Override
    public boolean isClosed() {
        return buffer.isMarked();
    }

    @Override
    public boolean isDrained() {
        return buffer.isDrained();
    }

    @Override
    public void discardBuffered() {
        // Only called once no receiver handle is left, so no receive competes for these.
        for (T e; (e = buffer.poll()) != null; ) {
            undelivered.discarded(e);
        }
    }

    @Override
    public void wakeAll() {
        receivers.wakeAll();
        senders.wakeAll();
        room.wakeAll();
    }

    @Override
    public int capacity() {
        return buffer.capacity();
    }

    /** How many senders, receivers and select clauses are queued (for tests: none is left behind). */
    int queuedParties() {
        return senders.queued() + receivers.queued();
    }

    @Override
    public int size() {
        // once the last receiver left, the buffer counts as discarded with the close (S4)
        return close.areReceiversGone() && buffer.isMarked() ? 0 : buffer.size();
    }

    @Override
    public int free() {
        return buffer.free();
    }

    @Override
    public Readiness whenSendable(Runnable callback) {
        OneShot r = senders.register(callback);
        if (buffer.isMarked() || buffer.free() > 0) {
            Waiters.fireNow(r); // ready already: a notifier may have come and gone
        }
        return r;
    }

    @Override
    public Readiness whenReceivable(Runnable callback) {
        OneShot r = receivers.register(callback);
        if (buffer.size() > 0 || buffer.isDrained()) {
            Waiters.fireNow(r);
        }
        return r;
    }

    // ---- select ----------------------------------------------------------------------------------

    @Override
    public boolean enlist(Waiter clause, boolean receive, @Nullable Object element, SelectGroup group) {
        (receive ? receivers : senders).enqueue(clause); // woken, never handed anything
        // the re-check after queueing (Waiters' step 2)
        return receive ? buffer.size() > 0 || buffer.isDrained() : buffer.free() > 0 || buffer.isMarked();
    }

    @Override
    public void delist(Waiter clause, boolean receive) {
        (receive ? receivers : senders).remove(clause);
    }

    @Override
    public String toString() {
        return buffer.getClass().getSimpleName();
    }
}
