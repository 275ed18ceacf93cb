package dev.sluice.rxjava.internal;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Overflow;
import dev.sluice.rxjava.OverflowStrategy;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import java.util.function.Consumer;
import org.reactivestreams.Subscriber;

/**
 * {@code ChannelFlowable.fromObservable}: each subscription makes a channel built for the {@link
 * OverflowStrategy}, subscribes the subscriber to the channel's view, and only then subscribes the
 * {@code Observable} into the channel, so that a source that emits as it is subscribed finds its
 * consumer there. The view's cancel disposes the {@code Observable} at once.
 *
 * @param <T> the element type
 */
public final class ObservableFlowable<T> extends Flowable<T> {
    private final Observable<T> source;
    private final int capacity;
    private final OverflowStrategy strategy;
    private final Consumer<? super T> onUndelivered;

    public ObservableFlowable(
            Observable<T> source, int capacity, OverflowStrategy strategy, Consumer<? super T> onUndelivered) {
        this.source = source;
        this.capacity = capacity;
        this.strategy = strategy;
        this.onUndelivered = onUndelivered;
    }

    @Override
    protected void subscribeActual(Subscriber<? super T> actual) {
        Channel<T> ch = Channel.<T>builder()
                .capacity(capacity)
                .overflow(overflowOf(strategy))
                .onUndeliveredElement(onUndelivered)
                .build();
        ObservableFeed<T> feed = new ObservableFeed<>(ch.sender(), strategy);
        new ReceiverFlowable<>(ch.receiver(), feed::dispose).subscribe(actual);
        source.subscribe(feed);
    }

    /** The channel's own policy: it drops for the {@code DROP_*} strategies, and waits otherwise. */
    private static Overflow overflowOf(OverflowStrategy strategy) {
        switch (strategy) {
            case DROP_OLDEST:
                return Overflow.DROP_OLDEST;
            case DROP_NEWEST:
                return Overflow.DROP_NEWEST;
            default:
                return Overflow.BLOCK; // BLOCK waits in send; ERROR never waits (trySend)
        }
    }
}
