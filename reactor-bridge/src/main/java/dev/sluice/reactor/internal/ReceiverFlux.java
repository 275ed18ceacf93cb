package dev.sluice.reactor.internal;

import dev.sluice.channel.Receiver;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Fuseable;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;

/**
 * The {@code Flux} view of a receiver handle ({@code ChannelFlux.from(rx)}): its one subscription
 * owns the handle (docs/design.md R2), as a direct {@code rx.subscribe} would. See {@link
 * ChannelSubscription} for how it fuses.
 *
 * @param <T> the element type
 */
public final class ReceiverFlux<T> extends Flux<T> implements Fuseable, Scannable {
    private final Receiver<T> rx;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    public ReceiverFlux(Receiver<T> rx) {
        this.rx = rx;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        if (!subscribed.compareAndSet(false, true)) {
            Operators.error(
                    actual,
                    new IllegalStateException("this Flux view already has a subscriber, and it owns the receiver"
                            + " handle; view rx.clone() to add a competing consumer"));
            return;
        }
        ChannelSubscription<T> subscription;
        try {
            subscription = new ChannelSubscription<>(rx, actual, this);
        } catch (IllegalStateException handleClosed) {
            Operators.error(actual, handleClosed);
            return;
        }
        subscription.start();
    }

    @Override
    public @Nullable Object scanUnsafe(Attr key) {
        if (key == Attr.CAPACITY) {
            return rx.capacity();
        }
        if (key == Attr.BUFFERED) {
            return rx.size();
        }
        if (key == Attr.TERMINATED) {
            return rx.isTerminated();
        }
        if (key == Attr.RUN_STYLE) {
            return Attr.RunStyle.ASYNC;
        }
        if (key == Attr.PREFETCH) {
            return Integer.MAX_VALUE; // nothing is prefetched: the channel is the buffer
        }
        if (key == Attr.PARENT) {
            return null; // a source: nothing upstream
        }
        return null;
    }

    @Override
    public String toString() {
        return "ChannelFlux[" + rx + "]";
    }
}
