package dev.sluice.channel.internal;

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
 * <p><b>Demand maps to the channel</b> (docs/design.md R1). An element is taken out of the channel
 * only while the subscriber has unmet demand; everything else stays in the channel and counts
 * against its capacity, so producers wait exactly as they would for a slow blocking consumer.
 *
 * <p><b>One drain loop</b> ({@link DrainLoop}): {@code request}, {@code cancel} and wake-ups all run
 * {@link #pass()}, never two at once, so signals are serial (§1.3) and a {@code request} from inside
 * {@code onNext} does not recurse (§3.3).
 *
 * <p><b>Waiting without a thread, and without allocating.</b> With demand and an empty channel the
 * loop arms its standing registration {@link #elements} as a receiver ({@link Flavor#recvOrArm}): on
 * a buffered channel it is woken when an element may be there; on a rendezvous channel it waits as a
 * receiving party, so a {@code send} or {@code trySend} hands it the element directly. A second
 * registration, {@link #ending}, listens for the close and the drain only, so a subscription without
 * demand learns of completion without taking wake-ups meant for elements. Both are reused for the
 * whole subscription: a steady flow allocates nothing and takes no lock per element.
 *
 * <p><b>Which thread runs {@code onNext}.</b> Whichever thread runs the loop: the subscriber's own
 * thread inside {@code request} when elements are buffered, otherwise the producer whose send woke
 * the registration (its {@code send} returns after delivering). Like Reactor's sinks, this avoids a
 * thread hand-off per element; a subscriber that needs its own thread uses {@code publishOn}.
 *
 * <p><b>Ending.</b> Completion, error and cancellation close the receiver handle (R2), release the
 * registrations, and drop the subscriber (§3.13). An element a rendezvous sender handed to the
 * registration just as the subscription ended was accepted against demand: it is delivered before
 * the end (after a cancel too, as §2.8 allows), so a hand-off is never lost.
 *
 * @param <T> the element type
 */
final class ReceiverSubscription<T> extends DrainLoop implements Subscription {
    private static final VarHandle REQUESTED;

    static {
        try {
            REQUESTED = MethodHandles.lookup().findVarHandle(ReceiverSubscription.class, "requested", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ChannelCore<T> core;
    private final Flavor<T> flavor;
    private final ReceiverHandle<T> handle;
    private final Standing elements = new Standing(this);
    private final Standing ending = new Standing(this);

    private volatile long requested;
    private volatile boolean cancelled;
    /** The first non-positive request's value (§3.9), written before {@link #badRequest}. */
    private volatile long badRequestValue;

    private volatile boolean badRequest;
    /** The handle was closed by its owner rather than by this subscription. */
    private volatile boolean handleClosedOutside;

    // Touched only inside the loop.
    private @Nullable Subscriber<? super T> downstream;
    private boolean done;

    ReceiverSubscription(ChannelCore<T> core, ReceiverHandle<T> handle, Subscriber<? super T> downstream) {
        this.core = core;
        this.flavor = core.flavor;
        this.handle = handle;
        this.downstream = downstream;
    }

    /** Hands the subscription to the subscriber, then looks for elements or completion. */
    void start() {
        @SuppressWarnings("null")
        Subscriber<? super T> s = downstream;
        hold(); // no signal may precede onSubscribe
        try {
            s.onSubscribe(this);
        } catch (Throwable t) {
            cancelled = true; // §2.13: a throwing subscriber is treated as cancelled
            releaseAndDrain();
            throw t;
        }
        releaseAndDrain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            if (!badRequest) {
                badRequestValue = n;
                badRequest = true;
            }
        } else {
            Demand.add(REQUESTED, this, n);
        }
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
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

    @Override
    void pass() {
        for (; ; ) {
            Subscriber<? super T> s = downstream;
            if (done || s == null) {
                return;
            }
            if (cancelled) {
                finish(s);
                return;
            }
            if (handleClosedOutside) {
                // Not a completion (senders may still be open, elements may be buffered): the
                // consumer lost its handle, as a subscribe on a closed handle would be told.
                if (finish(s)) {
                    s.onError(new IllegalStateException("this Receiver handle is closed (closed while subscribed)"));
                }
                return;
            }
            if (badRequest) {
                if (finish(s)) {
                    s.onError(new IllegalArgumentException("§3.9: request(n) needs n > 0, got " + badRequestValue));
                }
                return;
            }
            rearmEnding();
            long r = requested;
            long emitted = 0;
            boolean waiting = false;
            while (emitted != r) {
                int st = elements.state();
                if (st == Waiter.CLAIMED || st == Waiter.SIGNALLED) {
                    // A rendezvous sender's hand-off comes first: it was matched before anything
                    // still queued (FIFO per producer). A plain wake-up is just consumed.
                    T handed = takeHandOff();
                    if (handed != null) {
                        if (!deliver(s, handed)) {
                            return;
                        }
                        emitted++;
                    }
                    continue;
                }
                if (st == Waiter.WAITING && core.slots == null) {
                    waiting = true; // posted as a rendezvous receiver: the hand-off comes to us
                    break;
                }
                T e = flavor.recvOrArm(elements);
                if (e == null) {
                    waiting = elements.state() != Waiter.IDLE;
                    break;
                }
                if (!deliver(s, e)) {
                    return;
                }
                emitted++;
            }
            if (emitted != 0 && r != Long.MAX_VALUE) {
                REQUESTED.getAndAdd(this, -emitted);
            }
            if (flavor.isDrained()) {
                if (finish(s)) {
                    Throwable cause = core.close.failure();
                    if (cause != null) {
                        s.onError(cause);
                    } else {
                        s.onComplete();
                    }
                }
                return;
            }
            if (requested == 0) {
                // No demand: leave element wake-ups to other receivers. (A rendezvous registration
                // is posted only with demand, and demand falls only here, so none is posted now.)
                flavor.disarm(elements);
                return; // ending listens for the close; request() brings us back
            }
            if (!waiting) {
                continue; // demand arrived meanwhile: take or arm
            }
            return; // armed: the registration brings us back
        }
    }

    /** A rendezvous sender's hand-off to our registration, if that is what it got; consumes the signal. */
    @SuppressWarnings("unchecked")
    private @Nullable T takeHandOff() {
        elements.awaitSignalled();
        T handed = elements.outcome == Waiter.MATCHED ? (T) elements.packet : null;
        elements.reset();
        return handed;
    }

    /** The close listener is one-shot per wake-up: consume its signal and arm it again. */
    private void rearmEnding() {
        int st = ending.state();
        if (st == Waiter.WAITING) {
            return;
        }
        if (st != Waiter.IDLE) {
            ending.awaitSignalled();
            ending.reset();
        }
        core.close.listeners.arm(ending);
    }

    /** Delivers one element; {@code false} if the subscription ended (cancelled, or onNext threw). */
    private boolean deliver(Subscriber<? super T> s, T e) {
        try {
            s.onNext(e);
        } catch (Throwable t) {
            // §2.13: the subscriber broke the contract; it is treated as cancelled. The element was
            // delivered. The failure is reported, not thrown into the producer that ran this loop.
            Failures.report(t);
            finish(s);
            return false;
        }
        if (cancelled) {
            finish(s);
            return false;
        }
        return true;
    }

    /**
     * Ends the subscription: no more signals after this call's, registrations released, the handle
     * closed. An element a rendezvous sender handed to our registration in the meantime was accepted
     * with demand, so it is delivered first (§2.8 allows it even after a cancel).
     *
     * @return whether the subscriber may still get a terminal signal (it did not break by throwing)
     */
    private boolean finish(Subscriber<? super T> s) {
        done = true;
        downstream = null;
        T handed = null;
        if (!flavor.disarm(elements)) {
            handed = takeHandOff();
        }
        elements.reset();
        Waiters armedIn = elements.armedIn;
        if (armedIn != null) {
            armedIn.release(elements);
        }
        core.close.listeners.release(ending);
        handle.close();
        if (handed != null) {
            try {
                s.onNext(handed);
            } catch (Throwable t) {
                Failures.report(t); // §2.13: broken; the element was delivered
                return false;
            }
        }
        return true;
    }
}
