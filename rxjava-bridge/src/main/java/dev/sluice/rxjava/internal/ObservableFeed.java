package dev.sluice.rxjava.internal;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.SendStatus;
import dev.sluice.channel.Sender;
import dev.sluice.rxjava.OverflowStrategy;
import io.reactivex.rxjava3.core.Observer;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.exceptions.MissingBackpressureException;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The observer of {@code ChannelFlowable.fromObservable}: puts an {@code Observable}'s elements into
 * the stream's channel as its {@link OverflowStrategy} says. The channel was built for the strategy:
 * a {@code DROP_*} channel's {@code send} drops by its own policy (counted, and handed to its
 * undelivered-element hook) and never waits; {@code BLOCK} waits for room; {@code ERROR} tries, and a
 * full channel fails it with {@link MissingBackpressureException}. When the consumer goes away the
 * channel closes, a send fails, and the observer disposes the upstream (the view's cancel disposes it
 * at once too, through {@link #dispose()}).
 *
 * @param <T> the element type
 */
public final class ObservableFeed<T> implements Observer<T> {
    private final Sender<T> tx;
    private final OverflowStrategy strategy;
    /** The upstream, or {@link #DISPOSED} once this feed is over; set once by {@code onSubscribe}. */
    private final AtomicReference<Disposable> upstream = new AtomicReference<>();

    private static final Disposable DISPOSED = Disposable.disposed();

    public ObservableFeed(Sender<T> tx, OverflowStrategy strategy) {
        this.tx = tx;
        this.strategy = strategy;
    }

    @Override
    public void onSubscribe(Disposable d) {
        if (!upstream.compareAndSet(null, d)) {
            d.dispose(); // disposed before it subscribed, or a second upstream (§2.5's twin)
        }
    }

    @Override
    public void onNext(T t) {
        if (upstream.get() == DISPOSED) {
            return;
        }
        try {
            if (strategy == OverflowStrategy.ERROR) {
                SendStatus status = tx.trySend(t);
                if (status == SendStatus.FULL) {
                    end(new MissingBackpressureException(
                            "the channel is full (OverflowStrategy.ERROR): the consumer is behind the Observable"));
                } else if (status == SendStatus.CLOSED) {
                    dispose();
                }
            } else {
                tx.send(t); // BLOCK waits for room; a DROP_* channel drops by its policy and returns
            }
        } catch (ChannelClosedException consumerGone) {
            dispose();
        } catch (InterruptedException interrupted) {
            end(interrupted);
            Thread.currentThread().interrupt(); // the emitting thread is the Observable's: keep its status
        }
    }

    @Override
    public void onError(Throwable e) {
        if (upstream.getAndSet(DISPOSED) == DISPOSED || !tx.fail(e)) {
            RxJavaPlugins.onError(e); // nobody can see it any more: the consumer left first
        }
    }

    @Override
    public void onComplete() {
        if (upstream.getAndSet(DISPOSED) != DISPOSED) {
            tx.close();
        }
    }

    /** Disposes the upstream (once) and closes the sender handle. */
    public void dispose() {
        end(null);
    }

    /** Ends the feed once: disposes the upstream, then fails the channel with {@code cause} or closes the handle. */
    private void end(@Nullable Throwable cause) {
        Disposable d = upstream.getAndSet(DISPOSED);
        if (d == DISPOSED) {
            return;
        }
        if (d != null) {
            d.dispose();
        }
        if (cause != null) {
            tx.fail(cause); // the consumers get it after the elements already buffered
        } else {
            tx.close();
        }
    }
}
