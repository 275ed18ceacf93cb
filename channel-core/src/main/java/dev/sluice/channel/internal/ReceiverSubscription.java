package dev.sluice.channel.internal;

import dev.sluice.channel.Readiness;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The subscription of a {@link ReceiverHandle} subscribed as a Reactive Streams {@code Publisher}.
 *
 * <h2>Implementation overview</h2>
 *
 * <p><b>Demand maps to the channel.</b> An element is taken out of the channel only while the
 * subscriber has unmet demand; everything else stays in the channel and counts against its
 * capacity, so producers wait exactly as they would for a slow blocking consumer (rule R1).
 *
 * <p><b>One drain loop.</b> {@code request}, {@code cancel} and the channel's readiness callbacks
 * all just bump {@link #wip} and run the drain loop if nobody else is in it; whoever is in it loops
 * again for every bump it saw. So signals are serial (§1.3), a {@code request} from inside {@code
 * onNext} does not recurse (§3.3), and no call blocks (§3.4, §3.5): the loop only takes elements
 * that are there.
 *
 * <p><b>Waiting without a thread.</b> With demand and an empty channel, the loop registers a
 * readiness callback for "an element may be available" and checks once more (see {@link Waiters}
 * for why no wake-up is lost). With no demand it registers only for the channel's close, so that
 * it never takes an element wake-up it would not act on (another receiver may need it) and still
 * learns of completion. A registration it no longer needs is cancelled, which passes on a wake-up
 * it may have received meanwhile.
 *
 * <p><b>Ending.</b> Completion, error and cancellation close the receiver handle (R2), so when it
 * was the last one producers learn the consumer is gone, and drop every reference to the
 * subscriber (§3.13).
 *
 * @param <T> the element type
 */
final class ReceiverSubscription<T> implements Subscription, Runnable {
    private static final VarHandle WIP, REQUESTED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WIP = l.findVarHandle(ReceiverSubscription.class, "wip", int.class);
            REQUESTED = l.findVarHandle(ReceiverSubscription.class, "requested", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ChannelCore<T> core;
    private final ReceiverHandle<T> handle;

    private volatile int wip;
    private volatile long requested;
    private volatile boolean cancelled;
    /** Whether a non-positive request was made (§3.9); the loop reports it. */
    private volatile boolean badRequest;
    /** The first non-positive request's value, written before {@link #badRequest}. */
    private volatile long badRequestValue;
    /** The handle was closed by its owner rather than by this subscription. */
    private volatile boolean handleClosedOutside;

    // Touched only inside the drain loop.
    private @Nullable Subscriber<? super T> downstream;
    private @Nullable Readiness registration;
    private boolean registeredForElements;
    private boolean done;

    ReceiverSubscription(ChannelCore<T> core, ReceiverHandle<T> handle, Subscriber<? super T> downstream) {
        this.core = core;
        this.handle = handle;
        this.downstream = downstream;
    }

    /** Hands the subscription to the subscriber, then looks for elements or completion. */
    void start() {
        @SuppressWarnings("null")
        Subscriber<? super T> s = downstream;
        WIP.getAndAdd(this, 1); // hold the loop: no signal may precede onSubscribe
        try {
            s.onSubscribe(this);
        } catch (Throwable t) {
            cancelled = true; // §2.13: a throwing subscriber is treated as cancelled
            drainLoop(1);
            throw t;
        }
        drainLoop(1);
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            if (!badRequest) {
                badRequestValue = n;
                badRequest = true;
            }
        } else {
            for (; ; ) {
                long r = requested;
                long next = r + n < 0 ? Long.MAX_VALUE : r + n; // capped: §3.17
                if (REQUESTED.compareAndSet(this, r, next)) {
                    break;
                }
            }
        }
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        drain();
    }

    /** The readiness callback. */
    @Override
    public void run() {
        drain();
    }

    /** The owner is closing the handle: the subscription ends with an error (see below). */
    void markHandleClosed() {
        handleClosedOutside = true;
    }

    /** After {@link #markHandleClosed()} and the close: signals the subscriber. */
    void handleClosed() {
        drain();
    }

    private void drain() {
        if ((int) WIP.getAndAdd(this, 1) == 0) {
            drainLoop(1);
        }
    }

    private void drainLoop(int missed) {
        for (; ; ) {
            pass();
            missed = (int) WIP.getAndAdd(this, -missed) - missed;
            if (missed == 0) {
                return;
            }
        }
    }

    /** One pass of the loop; repeats itself after registering, to re-check. */
    private void pass() {
        for (; ; ) {
            Subscriber<? super T> s = downstream;
            if (done || s == null) {
                return;
            }
            // Ending first: finish() then cancels a registration that fired, passing its wake-up on.
            if (cancelled) {
                finish();
                return;
            }
            if (handleClosedOutside) {
                // Not a completion (senders may still be open, elements may be buffered): the
                // consumer lost its handle, as a subscribe on a closed handle would be told.
                finish();
                s.onError(new IllegalStateException("this Receiver handle is closed (closed while subscribed)"));
                return;
            }
            if (badRequest) {
                finish();
                s.onError(new IllegalArgumentException("§3.9: request(n) needs n > 0, got " + badRequestValue));
                return;
            }
            if (registration != null && Waiters.hasFired(registration)) {
                registration = null; // this pass acts on its wake-up
            }
            long r = requested;
            long emitted = 0;
            boolean empty = false;
            boolean trampolined = Trampoline.suspend(); // see Trampoline.suspend
            try {
                while (emitted != r) {
                    T e = core.takeNow();
                    if (e == null) {
                        empty = true;
                        break;
                    }
                    try {
                        s.onNext(e);
                    } catch (Throwable t) {
                        finish(); // §2.13: treated as cancelled; the element was delivered
                        throw t;
                    }
                    emitted++;
                    if (cancelled) {
                        finish();
                        return;
                    }
                }
            } finally {
                Trampoline.resume(trampolined);
            }
            if (emitted != 0 && r != Long.MAX_VALUE) {
                REQUESTED.getAndAdd(this, -emitted);
            }
            if (core.isDrained()) {
                finish();
                Throwable cause = core.failure();
                if (cause != null) {
                    s.onError(cause);
                } else {
                    s.onComplete();
                }
                return;
            }
            boolean wantElements = requested != 0;
            if (wantElements && !empty) {
                continue; // demand arrived meanwhile and elements are there
            }
            if (registration != null && registeredForElements == wantElements) {
                return; // the right callback is already registered
            }
            dropRegistration();
            registeredForElements = wantElements;
            registration = (wantElements ? core.recvWaiters : core.closeWaiters).register(this);
            // loop: check once more now that we are registered
        }
    }

    private void dropRegistration() {
        Readiness r = registration;
        if (r != null) {
            registration = null;
            r.cancel(); // passes on a wake-up we received and will not use
        }
    }

    /** Ends the subscription: no more signals, the handle closed, the subscriber forgotten. */
    private void finish() {
        done = true;
        downstream = null;
        dropRegistration();
        handle.close();
    }
}
