package dev.sluice.reactor.internal;

import dev.sluice.channel.Sender;
import dev.sluice.channel.spi.SenderFeed;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * The subscriber of {@code ChannelFlux.feed(upstream, tx)}: channel-core's {@link SenderFeed} (the
 * feeding and the one outcome, written once for every bridge) reporting to the {@code Mono}; an error
 * after the outcome goes to Reactor's dropped-error hook.
 *
 * @param <T> the element type
 */
public final class FeedSubscriber<T> extends SenderFeed<T> implements CoreSubscriber<T> {
    private final MonoSink<Void> sink;

    public FeedSubscriber(Sender<T> tx, MonoSink<Void> sink) {
        super(tx);
        this.sink = sink;
    }

    @Override
    public Context currentContext() {
        return Context.of(sink.contextView());
    }

    @Override
    protected void succeeded() {
        sink.success();
    }

    @Override
    protected void failed(Throwable cause) {
        sink.error(cause);
    }

    @Override
    protected void undeliverable(Throwable cause) {
        Operators.onErrorDropped(cause, currentContext());
    }
}
