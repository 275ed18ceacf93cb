package dev.sluice.rxjava.internal;

import dev.sluice.channel.Receiver;
import dev.sluice.channel.spi.FuseableSubscription;
import io.reactivex.rxjava3.operators.QueueSubscription;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;

/**
 * The subscription of a {@link ReceiverFlowable}: channel-core's {@link FuseableSubscription} (the
 * fused and unfused protocol, written once for every bridge) as RxJava's {@link QueueSubscription}.
 * RxJava's fusion modes have the values the base class grants ({@code QueueFuseable.ASYNC ==
 * FuseableSubscription.ASYNC}); the {@code offer} methods are a producer's, which a source's queue
 * subscription never has.
 *
 * @param <T> the element type
 */
final class ChannelQueueSubscription<T> extends FuseableSubscription<T> implements QueueSubscription<T> {
    /** Stops what produces into the channel when the subscriber cancels; may be {@code null}. */
    private final @Nullable Runnable onCancel;

    ChannelQueueSubscription(Receiver<T> rx, Subscriber<? super T> actual, @Nullable Runnable onCancel) {
        super(rx, actual);
        this.onCancel = onCancel;
    }

    @Override
    public boolean offer(T value) {
        throw new UnsupportedOperationException("a channel's Flowable view is a source: it is never offered to");
    }

    @Override
    public boolean offer(T v1, T v2) {
        throw new UnsupportedOperationException("a channel's Flowable view is a source: it is never offered to");
    }

    @Override
    protected void onCancel() {
        Runnable r = onCancel;
        if (r != null) {
            r.run();
        }
    }
}
