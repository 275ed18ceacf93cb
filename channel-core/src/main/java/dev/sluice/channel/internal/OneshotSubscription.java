package dev.sluice.channel.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The subscription of a {@code Oneshot}'s receiving end: the value then {@code onComplete}, {@code
 * onComplete} alone if the sender closed without one, {@code onError(cause)} if it failed. A value
 * waits for demand; an end without one is signalled at once (§1.4, §1.5 need no demand).
 *
 * <p>It waits in the cell as a {@link Waiter}, so the sender's thread runs the delivery when the
 * value comes after the request; a request that comes after the value runs it on the requesting
 * thread. Both try, and one CAS of {@link #done} lets exactly one of them (or a cancel) signal, so
 * the subscriber's signals never overlap (§1.3). A cancel closes the receiving end (the channels'
 * R2): the sender's {@code send} then reports that nobody will read the value.
 *
 * @param <T> the value's type
 */
final class OneshotSubscription<T> extends Waiter implements Subscription {
    private static final VarHandle DONE;

    static {
        try {
            DONE = MethodHandles.lookup().findVarHandle(OneshotSubscription.class, "done", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final OneshotCell<T> cell;
    private final Subscriber<? super T> subscriber;
    /** Whether the subscriber asked for the value (any positive request is enough for one). */
    private volatile boolean requested;
    /** Set once by whoever signals the end, or by a cancel: nothing is signalled after it. */
    private volatile boolean done;

    OneshotSubscription(OneshotCell<T> cell, Subscriber<? super T> subscriber) {
        this.cell = cell;
        this.subscriber = subscriber;
    }

    void start() {
        try {
            subscriber.onSubscribe(this);
        } catch (Throwable t) {
            cancel(); // §2.13: a throwing subscriber is treated as cancelled
            Failures.report(t);
            return;
        }
        cell.enqueue(this);
        deliver(); // the state may have settled before the enqueue (see OneshotCell: re-read after queueing)
    }

    @Override
    void signal() {
        deliver();
        if (!done && !requested) {
            // The value came before any demand: the claim unlinked this subscription. Queue it again,
            // so that the receiver's close (the only change left) still reaches it without demand.
            cell.enqueue(this);
            if (done) {
                cell.dequeue(this); // a request or cancel ended it meanwhile: nothing will wake it
            } else {
                deliver(); // re-read after queueing: the close may have come before the enqueue
            }
        }
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            if (finish()) {
                cell.closeReceiver();
                signalSafely(() ->
                        subscriber.onError(new IllegalArgumentException("§3.9: request(n) needs n > 0, got " + n)));
            }
            return;
        }
        requested = true; // then read the state (in deliver): the sender reads this after writing it
        deliver();
    }

    @Override
    public void cancel() {
        if (finish()) {
            cell.closeReceiver();
        }
    }

    /** Signals the end if the state allows it now; at most once, whoever calls. */
    private void deliver() {
        if (!cell.isSettled() || done) {
            return;
        }
        if (cell.isReady() && !requested) {
            return; // a value waits for demand; the request delivers it
        }
        if (!finish()) {
            return;
        }
        T value;
        try {
            value = cell.poll();
        } catch (IllegalStateException closedEnd) {
            // closed by its owner while subscribed, as a channel's handle closed under its subscriber
            signalSafely(() -> subscriber.onError(
                    new IllegalStateException("this Oneshot receiver is closed (closed while subscribed)")));
            return;
        } catch (RuntimeException ended) {
            Throwable cause = ended.getCause();
            signalSafely(cause != null ? () -> subscriber.onError(cause) : subscriber::onComplete);
            return;
        }
        if (value != null) {
            T v = value;
            signalSafely(() -> {
                subscriber.onNext(v);
                subscriber.onComplete();
            });
        }
    }

    /** Claims the right to end the subscription; {@code true} for the one call that does. */
    private boolean finish() {
        if (!DONE.compareAndSet(this, false, true)) {
            return false;
        }
        cell.leave(this); // no longer waiting (a no-op if it was the claim that brought us here)
        return true;
    }

    /** Runs a signal; a subscriber that throws broke §2.13: the failure goes to the thread's handler. */
    private static void signalSafely(Runnable signal) {
        Failures.runReporting(signal);
    }
}
