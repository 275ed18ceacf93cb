package dev.sluice.reactor.internal;

import dev.sluice.channel.Receiver;
import dev.sluice.channel.spi.FuseableSubscription;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Fuseable;
import reactor.core.Scannable;

/**
 * The subscription of a {@link ReceiverFlux}: channel-core's {@link FuseableSubscription} (the fused
 * and unfused protocol, written once for every bridge) as Reactor's {@link
 * Fuseable.QueueSubscription}, answering {@link Scannable}. Reactor's fusion modes have the values the
 * base class grants ({@code Fuseable.ASYNC == FuseableSubscription.ASYNC}).
 *
 * @param <T> the element type
 */
final class ChannelSubscription<T> extends FuseableSubscription<T> implements Fuseable.QueueSubscription<T>, Scannable {
    /** The view that made this subscription: its {@code PARENT} in a Scannable walk. */
    private final Scannable parent;

    ChannelSubscription(Receiver<T> rx, CoreSubscriber<? super T> actual, Scannable parent) {
        super(rx, actual);
        this.parent = parent;
    }

    @Override
    public @Nullable Object scanUnsafe(Attr key) {
        if (key == Attr.ACTUAL) {
            return actual();
        }
        if (key == Attr.PARENT) {
            return parent;
        }
        if (key == Attr.CANCELLED) {
            return isCancelled();
        }
        if (key == Attr.TERMINATED) {
            return isTerminated();
        }
        if (key == Attr.CAPACITY) {
            return receiver().capacity();
        }
        if (key == Attr.BUFFERED) {
            return receiver().size();
        }
        if (key == Attr.PREFETCH) {
            return Integer.MAX_VALUE;
        }
        if (key == Attr.RUN_STYLE) {
            return Attr.RunStyle.ASYNC;
        }
        if (key == Attr.REQUESTED_FROM_DOWNSTREAM) {
            return pendingRequests();
        }
        return null;
    }
}
