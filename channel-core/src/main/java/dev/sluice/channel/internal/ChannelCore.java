package dev.sluice.channel.internal;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Overflow;
import dev.sluice.channel.Readiness;
import dev.sluice.channel.SendStatus;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What every flavor shares: the handle counter, the two {@link Waiters} queues, the close state
 * (a cause, and whether the receivers left), and the overflow policy. Flavors implement the
 * operations; the handles ({@link SenderHandle}, {@link ReceiverHandle}) check arguments and
 * handle state and then call in here.
 *
 * <h2>Closing</h2>
 *
 * A channel is closed for sending when the last sender handle closes, when a sender fails it, or
 * when the last receiver handle closes. Each flavor has one linearization point for that (the
 * ring's tail mark bit, the rendezvous lock) so that every send is either before it (accepted,
 * and drained by receivers) or after it (rejected). A failure cause is published before the mark,
 * so a receiver that sees the channel drained also sees the cause.
 *
 * @param <T> the element type
 */
public abstract class ChannelCore<T> {
    private static final VarHandle FAILURE, DROPPED, TERMINAL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            FAILURE = l.findVarHandle(ChannelCore.class, "failure", Throwable.class);
            DROPPED = l.findVarHandle(ChannelCore.class, "dropped", long.class);
            TERMINAL = l.findVarHandle(ChannelCore.class, "terminal", ChannelClosedException.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Parties waiting for a free slot. */
    final Waiters sendWaiters = new Waiters();
    /** Parties waiting for an element. */
    final Waiters recvWaiters = new Waiters();
    /**
     * Parties waiting only for the channel to close (a reactive subscription with no demand: it
     * must not take element wake-ups it would not act on, yet must learn of completion).
     */
    final Waiters closeWaiters = new Waiters();
    /**
     * Upstream feeds waiting for a batch of room ({@link UpstreamFeed#roomWanted}), not for one slot:
     * woken when a receive leaves that much room or empties the channel, so a subscribed upstream
     * is asked for elements in batches rather than one per freed slot.
     */
    final Waiters roomWaiters = new Waiters();

    final HandleCounter handles = new HandleCounter();
    final Overflow overflow;
    private final @Nullable Consumer<? super T> onDrop;

    private volatile @Nullable Throwable failure;
    /**
     * Set before the flavor's mark: a hint, read on every successful receive, that the receive may
     * have drained a closed channel (see {@link #afterTake}). A plain field of the core, so reading
     * it does not touch the ring's contended indices.
     */
    private volatile boolean closing;

    private volatile boolean receiversGone;
    private volatile long dropped;
    private volatile @Nullable ChannelClosedException terminal;

    ChannelCore(Overflow overflow, @Nullable Consumer<? super T> onDrop) {
        this.overflow = overflow;
        this.onDrop = onDrop;
    }

    // ---- operations every flavor implements -------------------------------------------------

    abstract SendStatus trySend(T element);

    /** @return {@code true} if sent, {@code false} on timeout; throws when closed */
    abstract boolean send(T element, boolean timed, long nanos) throws InterruptedException;

    /** @return the element, or {@code null} if empty; throws {@link #terminal()} when drained */
    abstract @Nullable T tryRecv();

    /**
     * A receive that never waits and never throws: the element, or {@code null} if none is
     * available now (then {@link #isDrained()} tells whether one ever will be). Wakes a sender.
     */
    abstract @Nullable T takeNow();

    /** @return the element, or {@code null} on timeout; throws when closed and drained */
    abstract @Nullable T recv(boolean timed, long nanos) throws InterruptedException;

    /** An async send; polling flavors return it unstarted (see {@link #startAsync}). */
    abstract CompletableFuture<Void> sendAsync(T element);

    /** An async receive; polling flavors return it unstarted (see {@link #startAsync}). */
    abstract CompletableFuture<T> recvAsync();

    /**
     * Starts an op made by {@link #sendAsync}/{@link #recvAsync} after {@code previous}, the op
     * started before it through the same handle. Flavors that queue their async parties in arrival
     * order at creation (rendezvous) have nothing to do.
     */
    void startAsync(CompletableFuture<?> op, @Nullable CompletableFuture<?> previous) {
        if (op instanceof PendingOp) {
            ((PendingOp<?>) op).startAfter(previous);
        }
    }

    /** Reserves {@code n} slots at once: SENT (reserved), FULL, or CLOSED. */
    abstract SendStatus tryReserve(int n);

    /** @return {@code true} if reserved, {@code false} on timeout; throws when closed */
    abstract boolean reserve(int n, boolean timed, long nanos) throws InterruptedException;

    /** Sends into a reserved slot; never FULL. Returns SENT or CLOSED (the slot is then released). */
    abstract SendStatus sendReserved(T element);

    abstract void releaseReserved(int n);

    /** Sets the flavor's closed mark; {@code true} if this call set it. */
    abstract boolean markClosed();

    /** Whether the flavor's closed mark is set. */
    public abstract boolean isClosed();

    /** Whether the channel is closed and nothing is left to receive. */
    abstract boolean isDrained();

    public abstract int capacity();

    public abstract int size();

    /** Drops buffered elements once no receiver is left (they can never be received). */
    abstract void discardBuffered();

    // ---- closing ----------------------------------------------------------------------------

    /** The last sender handle closed: receivers drain, then see the channel closed. */
    final void sendersGone() {
        closing = true;
        markClosed();
        wakeEveryone();
    }

    /** The last receiver handle closed: sends fail from now on, the buffer is discarded. */
    final void receiversGone() {
        receiversGone = true;
        closing = true;
        markClosed();
        discardBuffered();
        wakeEveryone();
    }

    /** Closes for sending with a cause; {@code true} if this call closed the channel. */
    final boolean fail(Throwable cause) {
        if (isClosed() || !FAILURE.compareAndSet(this, null, cause)) {
            return false;
        }
        // The cause is published (volatile CAS) before the mark, so whoever sees the mark sees it.
        closing = true;
        boolean closed = markClosed();
        wakeEveryone();
        return closed;
    }

    private void wakeEveryone() {
        recvWaiters.wakeAll();
        sendWaiters.wakeAll();
        roomWaiters.wakeAll();
        closeWaiters.wakeAll();
    }

    /**
     * Called after every successful receive. When that receive took the last element of a closed
     * channel, parties waiting for an element (or for the end) learn that none will come: without
     * this, a subscription that registered after the close would wait for a wake-up nobody sends.
     */
    final void afterTake() {
        sendWaiters.wakeOne();
        if (!roomWaiters.isEmpty()) { // one volatile read when no feed waits
            int size = size();
            if (size == 0 || capacity() - size >= UpstreamFeed.roomWanted(capacity())) {
                roomWaiters.wakeAll();
            }
        }
        if (closing && isDrained()) {
            recvWaiters.wakeAll();
            closeWaiters.wakeAll();
        }
    }

    /**
     * Whether the last receiver left: the buffer is discarded with that close (S4), so {@code size()}
     * answers 0 from the moment the channel is marked closed, not once the discard loop is done.
     */
    final boolean buffersDiscarded() {
        // both: the flag goes up before the mark, and until the mark the channel is still open
        return receiversGone && isClosed();
    }

    final @Nullable Throwable failure() {
        return failure;
    }

    /** The exception for a send that found the channel closed. */
    final ChannelClosedException closedForSending() {
        Throwable cause = failure;
        String why = receiversGone
                ? "channel closed: every receiver has closed"
                : cause != null ? "channel failed: " + cause : "channel closed for sending";
        return new ChannelClosedException(why, cause);
    }

    /** The exception for a blocking receive on a closed, drained channel (with a stack trace). */
    final ChannelClosedException closedForReceiving() {
        Throwable cause = failure;
        return new ChannelClosedException(
                cause != null ? "channel failed: " + cause : "channel closed and drained", cause);
    }

    /** The shared, stackless instance thrown by {@code tryRecv} on a closed, drained channel. */
    final ChannelClosedException terminal() {
        ChannelClosedException t = terminal;
        if (t == null) {
            Throwable cause = failure;
            t = new TerminalException(cause != null ? "channel failed: " + cause : "channel closed and drained", cause);
            ChannelClosedException w = (ChannelClosedException) TERMINAL.compareAndExchange(this, null, t);
            if (w != null) {
                t = w;
            }
        }
        return t;
    }

    // ---- readiness --------------------------------------------------------------------------

    Readiness whenSendable(Runnable callback) {
        Readiness r = sendWaiters.register(callback);
        if (mayAccept()) {
            sendWaiters.fireIfQueued(r); // ready already: a notifier may have come and gone
        }
        return r;
    }

    Readiness whenReceivable(Runnable callback) {
        Readiness r = recvWaiters.register(callback);
        if (mayReceive()) {
            recvWaiters.fireIfQueued(r);
        }
        return r;
    }

    /** Whether a receive may succeed now, or the channel is finished (a hint; read after registering). */
    boolean mayReceive() {
        return size() > 0 || isDrained();
    }

    /** Whether a send may succeed now, or the channel is closed (a hint; read after registering). */
    boolean mayAccept() {
        return isClosed() || size() < capacity();
    }

    // ---- overflow policy --------------------------------------------------------------------

    final long droppedCount() {
        return dropped;
    }

    /** Counts a dropped element and reports it; a failing callback cannot undo the send. */
    final void dropped(T element) {
        DROPPED.getAndAdd(this, 1L);
        if (onDrop != null) {
            try {
                onDrop.accept(element);
            } catch (Throwable t) {
                Thread cur = Thread.currentThread();
                cur.getUncaughtExceptionHandler().uncaughtException(cur, t);
            }
        }
    }
}
