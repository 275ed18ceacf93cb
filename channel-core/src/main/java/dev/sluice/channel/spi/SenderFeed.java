package dev.sluice.channel.spi;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Sender;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A subscriber that feeds an upstream publisher into a sender handle and reports the outcome once:
 * the body of the bridges' feeds ({@code ChannelFlux.feed} as a {@code Mono<Void>}, {@code
 * ChannelFlowable.feed} as a {@code Completable}), written once. The sender handle requests only
 * against free slots (R4); a subclass turns the outcome into its library's signal:
 *
 * <ul>
 *   <li>{@link #succeeded()} once the upstream completed (the handle is then closed);
 *   <li>{@link #failed(Throwable)} with the upstream's error (the channel is failed with it, S5), or
 *       with a {@link ChannelClosedException} when the channel closed before the upstream completed
 *       (every receiver left, or the channel was failed; the handle cancels the upstream);
 *   <li>{@link #undeliverable(Throwable)} with an upstream error that arrives after the outcome was
 *       reported or the feed was {@linkplain #cancel() cancelled}.
 * </ul>
 *
 * <p>Exactly one outcome is reported, whichever of completion, failure, the channel's close and
 * {@link #cancel()} comes first (a compare-and-set decides); after a cancel none is.
 *
 * @param <T> the element type
 */
public abstract class SenderFeed<T> implements Subscriber<T> {
    private static final VarHandle DONE;

    static {
        try {
            DONE = MethodHandles.lookup().findVarHandle(SenderFeed.class, "done", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Sender<T> tx;
    private volatile @Nullable Subscription upstream;
    private volatile boolean done;

    /**
     * A feed into {@code tx}; subscribe it to the upstream.
     *
     * @param tx the sender handle the upstream is fed into
     */
    protected SenderFeed(Sender<T> tx) {
        this.tx = tx;
    }

    /** The upstream completed and every element it sent was accepted. */
    protected abstract void succeeded();

    /**
     * The feed failed: the upstream's error, or a {@link ChannelClosedException}.
     *
     * @param cause the upstream's error, or a {@link ChannelClosedException} if the channel closed
     *     before the upstream completed
     */
    protected abstract void failed(Throwable cause);

    /**
     * An upstream error nobody will see through this feed any more.
     *
     * @param cause the upstream's error
     */
    protected abstract void undeliverable(Throwable cause);

    /** Takes the right to report the outcome; {@code true} for exactly one caller. */
    private boolean finish() {
        return DONE.compareAndSet(this, false, true);
    }

    @Override
    public final void onSubscribe(Subscription s) {
        upstream = s;
        tx.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {
                s.request(n);
            }

            @Override
            public void cancel() {
                s.cancel();
                if (finish()) {
                    // the handle stopped the upstream: the channel closed (or the handle had one already)
                    failed(new ChannelClosedException(
                            "the channel closed before the upstream completed (or the sender already had one)", null));
                }
            }
        });
    }

    @Override
    public final void onNext(T t) {
        tx.onNext(t);
    }

    @Override
    public final void onError(Throwable t) {
        if (finish()) {
            tx.onError(t);
            failed(t);
        } else {
            undeliverable(t);
        }
    }

    @Override
    public final void onComplete() {
        if (finish()) {
            tx.onComplete();
            succeeded();
        }
    }

    /** The feed's consumer went away: stop the upstream and close the handle; report nothing. */
    public final void cancel() {
        if (!finish()) {
            return; // already ended
        }
        Subscription s = upstream;
        if (s != null) {
            s.cancel();
        }
        tx.close();
    }
}
