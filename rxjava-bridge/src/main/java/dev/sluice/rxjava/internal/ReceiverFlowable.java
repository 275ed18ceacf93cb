package dev.sluice.rxjava.internal;

import dev.sluice.channel.Receiver;
import io.reactivex.rxjava3.core.Flowable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The {@code Flowable} view of a receiver handle ({@code ChannelFlowable.from(rx)}): its one
 * subscription owns the handle (docs/design.md R2), as a direct {@code rx.subscribe} would. See
 * {@link ChannelQueueSubscription} for how it fuses.
 *
 * @param <T> the element type
 */
public final class ReceiverFlowable<T> extends Flowable<T> {
    private final Receiver<T> rx;
    private final @Nullable Runnable onCancel;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    /** A view of {@code rx}; {@code onCancel} (may be {@code null}) runs when its subscriber cancels. */
    public ReceiverFlowable(Receiver<T> rx, @Nullable Runnable onCancel) {
        this.rx = rx;
        this.onCancel = onCancel;
    }

    @Override
    protected void subscribeActual(Subscriber<? super T> actual) {
        if (!subscribed.compareAndSet(false, true)) {
            refuse(
                    actual,
                    new IllegalStateException("this Flowable view already has a subscriber, and it owns the receiver"
                            + " handle; view rx.clone() to add a competing consumer"));
            return;
        }
        ChannelQueueSubscription<T> subscription;
        try {
            subscription = new ChannelQueueSubscription<>(rx, actual, onCancel);
        } catch (IllegalStateException handleClosed) {
            refuse(actual, handleClosed);
            return;
        }
        subscription.start();
    }

    /** §1.9 then §1.4: a subscription that does nothing, then the error. */
    private static void refuse(Subscriber<?> actual, Throwable cause) {
        actual.onSubscribe(new Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
        });
        actual.onError(cause);
    }

    @Override
    public String toString() {
        return "ChannelFlowable[" + rx + "]";
    }
}
