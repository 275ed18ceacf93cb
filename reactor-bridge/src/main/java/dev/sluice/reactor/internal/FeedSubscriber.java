package dev.sluice.reactor.internal;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Sender;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.MonoSink;
import reactor.util.context.Context;

/**
 * The subscriber of {@code ChannelFlux.feed(upstream, tx)}: hands every signal of the upstream to the
 * sender handle (which requests only against free slots, R4) and reports the outcome to the {@code
 * Mono}: success when the upstream completed, its error when it failed (the channel is then failed
 * too, S5), and {@link ChannelClosedException} when the channel closed first (the sender cancels the
 * upstream, and this subscriber sees that cancel). Cancelling the {@code Mono} cancels the upstream
 * and closes the handle.
 *
 * @param <T> the element type
 */
public final class FeedSubscriber<T> implements CoreSubscriber<T> {
    private final Sender<T> tx;
    private final MonoSink<Void> sink;
    private volatile @Nullable Subscription upstream;
    private volatile boolean done;

    public FeedSubscriber(Sender<T> tx, MonoSink<Void> sink) {
        this.tx = tx;
        this.sink = sink;
    }

    @Override
    public Context currentContext() {
        return Context.of(sink.contextView());
    }

    @Override
    public void onSubscribe(Subscription s) {
        upstream = s;
        tx.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {
                s.request(n);
            }

            @Override
            public void cancel() {
                s.cancel();
                if (!done) {
                    // the sender stopped the upstream: the channel closed (or the handle was refused)
                    done = true;
                    sink.error(new ChannelClosedException(
                            "the channel closed before the upstream completed (or the sender already had one)", null));
                }
            }
        });
    }

    @Override
    public void onNext(T t) {
        tx.onNext(t);
    }

    @Override
    public void onError(Throwable t) {
        if (!done) {
            done = true;
            tx.onError(t);
            sink.error(t);
        }
    }

    @Override
    public void onComplete() {
        if (!done) {
            done = true;
            tx.onComplete();
            sink.success();
        }
    }

    /** The {@code Mono} was cancelled: stop the upstream; the handle it fed is done. */
    public void cancel() {
        done = true;
        Subscription s = upstream;
        if (s != null) {
            s.cancel();
        }
        tx.close();
    }
}
