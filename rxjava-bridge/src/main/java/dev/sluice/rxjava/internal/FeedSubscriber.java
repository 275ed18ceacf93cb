package dev.sluice.rxjava.internal;

import dev.sluice.channel.Sender;
import dev.sluice.channel.spi.SenderFeed;
import io.reactivex.rxjava3.core.CompletableEmitter;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;

/**
 * The subscriber of {@code ChannelFlowable.feed(upstream, tx)}: channel-core's {@link SenderFeed}
 * (the feeding and the one outcome, written once for every bridge) reporting to the {@code
 * Completable}; an error after the outcome goes to {@code RxJavaPlugins.onError}, as RxJava reports
 * every undeliverable error. A {@link FlowableSubscriber}, so that a {@code Flowable} upstream does
 * not wrap it.
 *
 * @param <T> the element type
 */
public final class FeedSubscriber<T> extends SenderFeed<T> implements FlowableSubscriber<T> {
    private final CompletableEmitter emitter;

    public FeedSubscriber(Sender<T> tx, CompletableEmitter emitter) {
        super(tx);
        this.emitter = emitter;
    }

    @Override
    protected void succeeded() {
        emitter.onComplete();
    }

    @Override
    protected void failed(Throwable cause) {
        emitter.onError(cause); // after a dispose, RxJava passes it to RxJavaPlugins.onError itself
    }

    @Override
    protected void undeliverable(Throwable cause) {
        RxJavaPlugins.onError(cause);
    }
}
