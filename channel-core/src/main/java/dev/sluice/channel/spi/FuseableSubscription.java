package dev.sluice.channel.spi;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.ReadinessWatch;
import dev.sluice.channel.Receiver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The subscription of a bridge's view of a receiver ({@code ChannelFlux.from(rx)}, {@code
 * ChannelFlowable.from(rx)}), written once for every library whose operators fuse through a queue
 * subscription: Reactor's {@code Fuseable.QueueSubscription} and RxJava's {@code QueueSubscription}
 * share the protocol and its mode values ({@link #NONE}, {@link #SYNC}, {@link #ASYNC}), and a bridge
 * subclass adds only its library's interface and introspection. The public methods here implement
 * those interfaces' methods of the same names.
 *
 * <h2>How it works</h2>
 *
 * <p><b>Fused (ASYNC).</b> When the subscriber asks for ASYNC fusion ({@code publishOn} / {@code
 * observeOn}, {@code concatMap}, {@code flatMap} inners, {@code limitRate} / {@code rebatchRequests}
 * do) the channel becomes its queue: {@link #poll()} is the channel's non-blocking receive, so the
 * operator adds no queue of its own, and an element leaves the channel only when the operator wants
 * one (R1). Availability is signalled by {@code onNext(null)} from a work-in-progress loop, driven by
 * a standing {@link ReadinessWatch} that is armed only when the channel was found empty (by {@code
 * poll()} or by the loop): a consumer that has no room never holds a wake-up other receivers need.
 * {@code onComplete} / {@code onError} follow once the channel is closed and drained. SYNC fusion is
 * refused (a channel is never known to be complete ahead of time), and so is fusion on a rendezvous
 * channel, whose elements exist only while a sender waits: there the subscription stays unfused, where
 * a waiting subscription is itself a receiving party.
 *
 * <p><b>Unfused.</b> The subscription forwards to the channel's own Reactive Streams subscription
 * ({@code rx.subscribe}), which already maps demand to the channel and closes the handle at the end;
 * requests and a cancel made before it exists are kept and passed on once it does.
 *
 * <p><b>Ending.</b> Completion, error and cancellation close the receiver handle (R2). Nothing is held
 * here, so there is nothing to discard: elements stay in the channel, which hands them to its own
 * undelivered-element hook if this was the last receiver.
 *
 * @param <T> the element type
 */
public abstract class FuseableSubscription<T> implements Subscription {
    /** No fusion (the value Reactor's {@code Fuseable} and RxJava's {@code QueueFuseable} share). */
    public static final int NONE = 0;
    /** Synchronous fusion, which a channel refuses. */
    public static final int SYNC = 1;
    /** Asynchronous fusion: the consumer polls the channel when signalled. */
    public static final int ASYNC = 2;

    private static final VarHandle WIP, PENDING, BAD;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WIP = l.findVarHandle(FuseableSubscription.class, "wip", int.class);
            PENDING = l.findVarHandle(FuseableSubscription.class, "pending", long.class);
            BAD = l.findVarHandle(FuseableSubscription.class, "bad", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Receiver<T> rx;
    private final Subscriber<? super T> actual;

    /** Set by {@link #requestFusion} inside the subscriber's {@code onSubscribe}, read after it. */
    private boolean fused;

    // ---- fused mode
    /** Made before {@code onSubscribe}, so that a poll from inside it can arm it; closed if unfused. */
    private final ReadinessWatch watch;

    private volatile int wip;
    private volatile boolean cancelled;
    private volatile boolean terminated;

    // ---- unfused mode: the channel's own subscription, and what was asked before it existed
    private volatile @Nullable Subscription inner;
    private volatile long pending;
    /** The first non-positive request (§3.9), or 0; {@code Long.MIN_VALUE} stands for a request of 0. */
    private volatile long bad;

    private volatile boolean cancelRequested;

    /**
     * A subscription of {@code actual} to {@code rx}; {@link #start()} hands it over.
     *
     * @param rx the receiver handle to drain; the subscription owns it and closes it at the end
     * @param actual the subscriber
     * @throws IllegalStateException if {@code rx} is closed
     */
    protected FuseableSubscription(Receiver<T> rx, Subscriber<? super T> actual) {
        this.rx = rx;
        this.actual = actual;
        this.watch = rx.watchReceivable(this::drain);
    }

    /**
     * Hands the subscription to the subscriber, then runs the fused loop or hands over to the
     * channel's subscription. The loop is held while {@code onSubscribe} runs: a fused consumer may
     * poll from inside it, find the channel drained, and ask for the end, which must not be signalled
     * before {@code onSubscribe} returns (§1.3).
     */
    public final void start() {
        WIP.getAndAdd(this, 1);
        actual.onSubscribe(this);
        if (fused) {
            loop(1);
        } else {
            watch.close();
            rx.subscribe(new Forwarder());
        }
    }

    // ---- the queue-subscription protocol ---------------------------------------------------------

    /**
     * Grants {@link #ASYNC} when it is asked for and the channel buffers; {@link #NONE} otherwise.
     *
     * @param requestedMode the fusion modes the subscriber asks for, as bits ({@link #SYNC}, {@link
     *     #ASYNC})
     * @return the mode granted: {@link #ASYNC} or {@link #NONE}
     */
    public final int requestFusion(int requestedMode) {
        if ((requestedMode & ASYNC) != 0 && rx.capacity() != 0) {
            fused = true;
            return ASYNC;
        }
        return NONE;
    }

    /**
     * Fused mode: the channel's non-blocking receive; {@code null} if it is empty (or ended).
     *
     * @return the element received, or {@code null} if the channel is empty or the subscription
     *     ended
     */
    public final @Nullable T poll() {
        if (terminated || cancelled) {
            return null;
        }
        T v;
        try {
            v = rx.tryRecv();
        } catch (ChannelClosedException drained) {
            drain(); // closed and drained: the loop signals the end
            return null;
        } catch (IllegalStateException handleClosed) {
            return null; // ended: the loop closed the handle
        }
        if (v == null) {
            armAndRecheck();
        }
        return v;
    }

    /** The consumer found the channel empty: wait for an element (or the end), without missing one. */
    private void armAndRecheck() {
        if (cancelled || terminated) {
            return;
        }
        watch.arm();
        if (rx.size() > 0 || rx.isTerminated()) {
            drain(); // arrived between the empty receive and the arm
        }
    }

    /**
     * The elements buffered in the channel (a snapshot).
     *
     * @return the number of elements buffered at one moment
     */
    public final int size() {
        return rx.size();
    }

    /**
     * Whether the channel holds no element (a snapshot).
     *
     * @return {@code true} if no element was buffered at one moment
     */
    public final boolean isEmpty() {
        return rx.size() == 0;
    }

    /** Does nothing: nothing is held here, and the elements belong to the channel (and other receivers). */
    public final void clear() {}

    // ---- Subscription -------------------------------------------------------------------------

    @Override
    public final void request(long n) {
        if (fused) {
            return; // fused: the consumer polls what it wants; requests are tolerated
        }
        if (n <= 0) {
            BAD.compareAndSet(this, 0L, n == 0 ? Long.MIN_VALUE : n);
        } else {
            for (; ; ) { // capped at Long.MAX_VALUE (§3.17)
                long r = pending;
                long next = r + n < 0 ? Long.MAX_VALUE : r + n;
                if (PENDING.compareAndSet(this, r, next)) {
                    break;
                }
            }
        }
        Subscription s = inner;
        if (s != null) {
            flush(s);
        }
    }

    @Override
    public final void cancel() {
        if (fused) {
            cancelled = true;
            drain();
        } else {
            cancelRequested = true;
            Subscription s = inner;
            if (s != null) {
                s.cancel();
            }
        }
        onCancel();
    }

    /**
     * Called after each {@link #cancel()}, on the cancelling thread, once the receiver is closing: a
     * bridge that owns the stream's producing side stops it here at once, instead of at its next
     * send. Does nothing by default; must tolerate being called more than once.
     */
    protected void onCancel() {}

    /** Passes requests made before the channel's subscription existed; each amount exactly once. */
    private void flush(Subscription s) {
        long b = (long) BAD.getAndSet(this, 0L);
        if (b != 0) {
            s.request(b == Long.MIN_VALUE ? 0 : b); // the channel's subscription signals §3.9
        }
        long p = (long) PENDING.getAndSet(this, 0L);
        if (p > 0) {
            s.request(p);
        }
    }

    // ---- the fused loop ---------------------------------------------------------------------------

    private void drain() {
        if ((int) WIP.getAndAdd(this, 1) == 0) {
            loop(1);
        }
    }

    private void loop(int missed) {
        for (; ; ) {
            if (!pass()) {
                return; // ended: the loop is never run again
            }
            missed = (int) WIP.getAndAdd(this, -missed) - missed;
            if (missed == 0) {
                return;
            }
        }
    }

    /** One pass; {@code false} once the subscription has ended. */
    private boolean pass() {
        if (terminated) {
            return false;
        }
        if (cancelled) {
            end();
            return false;
        }
        if (rx.isTerminated()) {
            Throwable cause = null;
            try {
                rx.tryRecv(); // drained: it throws, carrying the failure's cause if there was one
            } catch (ChannelClosedException closed) {
                cause = closed.getCause();
            } catch (IllegalStateException handleClosed) {
                cause = handleClosed;
            }
            end();
            if (cause != null) {
                actual.onError(cause);
            } else {
                actual.onComplete();
            }
            return false;
        }
        actual.onNext(null); // elements may be available: the consumer polls
        if (rx.size() == 0) {
            armAndRecheck(); // learn of the next element or of the end, even without the consumer's poll
        }
        return true;
    }

    private void end() {
        terminated = true;
        watch.close();
        rx.close();
    }

    // ---- for introspection (Reactor's Scannable) ------------------------------------------------

    /**
     * The receiver this subscription drains.
     *
     * @return the receiver handle
     */
    protected final Receiver<T> receiver() {
        return rx;
    }

    /**
     * The subscriber.
     *
     * @return the subscriber
     */
    protected final Subscriber<? super T> actual() {
        return actual;
    }

    /**
     * Whether the subscriber cancelled.
     *
     * @return {@code true} if the subscriber cancelled
     */
    protected final boolean isCancelled() {
        return fused ? cancelled : cancelRequested;
    }

    /**
     * Whether the stream has reached its end. Fused, the subscription has ended (completed, failed or
     * cancelled). Unfused, the channel is closed and drained: the channel's own subscription completes
     * or fails, though that signal may still be on its way to the subscriber, and a cancel alone on an
     * open channel does not count.
     *
     * @return {@code true} if the stream has reached its end, as above
     */
    protected final boolean isTerminated() {
        return fused ? terminated : rx.isTerminated();
    }

    /**
     * Requests not yet passed to the channel's subscription (unfused mode).
     *
     * @return the amount requested and not yet passed on
     */
    protected final long pendingRequests() {
        return pending;
    }

    /** Passes the channel's own subscription's signals to the subscriber (unfused mode). */
    private final class Forwarder implements Subscriber<T> {
        @Override
        public void onSubscribe(Subscription s) {
            inner = s;
            if (cancelRequested) {
                s.cancel();
                return;
            }
            flush(s);
        }

        @Override
        public void onNext(T t) {
            actual.onNext(t);
        }

        @Override
        public void onError(Throwable t) {
            actual.onError(t);
        }

        @Override
        public void onComplete() {
            actual.onComplete();
        }
    }
}
