package dev.sluice.reactor.internal;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.ReadinessWatch;
import dev.sluice.channel.Receiver;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Fuseable;
import reactor.core.Scannable;

/**
 * The subscription of a {@link ReceiverFlux}: a {@link Fuseable.QueueSubscription} backed by the
 * channel itself.
 *
 * <h2>Implementation overview</h2>
 *
 * <p><b>Fused (ASYNC).</b> When the subscriber asks for ASYNC fusion ({@code publishOn}, {@code
 * concatMap}, {@code flatMap} inners, {@code limitRate} do) the channel becomes its queue: {@link
 * #poll()} is the channel's non-blocking receive, so the operator adds no queue of its own, and an
 * element leaves the channel only when the operator wants one (R1). Availability is signalled by
 * {@code onNext(null)} from a work-in-progress loop, driven by a standing {@link ReadinessWatch} that
 * is armed only when the channel was found empty (by {@code poll()} or by the loop): a consumer that
 * has no room never holds a wake-up other receivers need. {@code onComplete} / {@code onError} follow
 * once the channel is closed and drained. SYNC fusion is refused (a channel is never known to be
 * complete ahead of time), and so is fusion on a rendezvous channel, whose elements exist only while a
 * sender waits: there the subscription stays unfused, where a waiting subscription is itself a
 * receiving party.
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
final class ChannelSubscription<T> implements Fuseable.QueueSubscription<T>, Scannable {
    private static final VarHandle WIP, PENDING, BAD;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WIP = l.findVarHandle(ChannelSubscription.class, "wip", int.class);
            PENDING = l.findVarHandle(ChannelSubscription.class, "pending", long.class);
            BAD = l.findVarHandle(ChannelSubscription.class, "bad", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Receiver<T> rx;
    private final CoreSubscriber<? super T> actual;
    /** The view that made this subscription: its {@code PARENT} in a Scannable walk. */
    private final Scannable parent;

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

    ChannelSubscription(Receiver<T> rx, CoreSubscriber<? super T> actual, Scannable parent) {
        this.rx = rx;
        this.actual = actual;
        this.parent = parent;
        this.watch = rx.watchReceivable(this::drain);
    }

    /**
     * Hands the subscription to the subscriber, then runs the fused loop or hands over to the
     * channel's subscription. The loop is held while {@code onSubscribe} runs: a fused consumer may
     * poll from inside it, find the channel drained, and ask for the end, which must not be signalled
     * before {@code onSubscribe} returns (§1.3).
     */
    void start() {
        WIP.getAndAdd(this, 1);
        actual.onSubscribe(this);
        if (fused) {
            loop(1);
        } else {
            watch.close();
            rx.subscribe(new Forwarder());
        }
    }

    // ---- Fuseable.QueueSubscription -------------------------------------------------------------

    @Override
    public int requestFusion(int requestedMode) {
        if ((requestedMode & Fuseable.ASYNC) != 0 && rx.capacity() != 0) {
            fused = true;
            return Fuseable.ASYNC;
        }
        return Fuseable.NONE;
    }

    @Override
    public @Nullable T poll() {
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

    @Override
    public int size() {
        return rx.size();
    }

    @Override
    public boolean isEmpty() {
        return rx.size() == 0;
    }

    @Override
    public void clear() {
        // nothing is held here: the elements belong to the channel (and to other receivers)
    }

    // ---- Subscription -------------------------------------------------------------------------

    @Override
    public void request(long n) {
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
    public void cancel() {
        if (fused) {
            cancelled = true;
            drain();
            return;
        }
        cancelRequested = true;
        Subscription s = inner;
        if (s != null) {
            s.cancel();
        }
    }

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

    // ---- Scannable ------------------------------------------------------------------------------

    @Override
    public @Nullable Object scanUnsafe(Attr key) {
        if (key == Attr.ACTUAL) {
            return actual;
        }
        if (key == Attr.PARENT) {
            return parent;
        }
        if (key == Attr.CANCELLED) {
            return fused ? cancelled : cancelRequested;
        }
        if (key == Attr.TERMINATED) {
            return fused ? terminated : rx.isTerminated();
        }
        if (key == Attr.CAPACITY) {
            return rx.capacity();
        }
        if (key == Attr.BUFFERED) {
            return rx.size();
        }
        if (key == Attr.PREFETCH) {
            return Integer.MAX_VALUE;
        }
        if (key == Attr.RUN_STYLE) {
            return Attr.RunStyle.ASYNC;
        }
        if (key == Attr.REQUESTED_FROM_DOWNSTREAM) {
            return pending;
        }
        return null;
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
