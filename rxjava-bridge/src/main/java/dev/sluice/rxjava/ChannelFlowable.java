package dev.sluice.rxjava;

import dev.sluice.channel.BlockingProducer;
import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Sender;
import dev.sluice.rxjava.internal.FeedSubscriber;
import dev.sluice.rxjava.internal.ObservableFlowable;
import dev.sluice.rxjava.internal.Producers;
import dev.sluice.rxjava.internal.ReceiverFlowable;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.Objects;
import java.util.function.Consumer;
import org.reactivestreams.Publisher;

/**
 * Sluice channels in RxJava 3: the twin of the Reactor bridge's {@code ChannelFlux}, with the same
 * calls in the same places.
 *
 * <pre>{@code
 * Channel<Order> ch = Channel.bounded(1024);
 * Flowable<Order> orders = ChannelFlowable.from(ch.receiver());   // fused with observeOn, concatMap...
 * Completable fed = ChannelFlowable.feed(upstream, ch.sender());  // completes when upstream did
 *
 * Flowable<Row> rows = ChannelFlowable.produce(256, tx -> {         // blocking code, bridged
 *     try (ResultSet rs = statement.executeQuery()) {
 *         while (rs.next()) tx.send(toRow(rs));                   // waits while the subscriber is behind
 *     }
 * });
 *
 * Flowable<Click> clicks = ChannelFlowable.fromObservable(          // no backpressure upstream:
 *         clickObservable, 1024, OverflowStrategy.DROP_OLDEST);    // the overflow is your choice
 * }</pre>
 *
 * <p>Errors nobody can receive any more (an upstream's or a producer's error after the consumer
 * cancelled) go to {@code RxJavaPlugins.onError}, as RxJava reports every undeliverable error.
 */
public final class ChannelFlowable {
    private ChannelFlowable() {}

    /**
     * A {@code Flowable} of the elements received through {@code rx}, with the rules of {@link
     * Receiver#subscribe} (an element leaves the channel only against demand; completion after every
     * sender closed and the drain; the subscription owns the handle and closes it at the end). It
     * fuses with RxJava's queue-based operators ({@code observeOn}, {@code concatMap}, {@code
     * flatMap}, {@code rebatchRequests}): they then poll the channel directly and add no queue of
     * their own (ASYNC fusion, except on a rendezvous channel). One subscriber per view: view {@code
     * rx.clone()} for a competing consumer.
     *
     * @param <T> the element type
     * @param rx the receiver handle to read; the view's subscription owns it
     * @return a {@code Flowable} view of {@code rx}, for one subscriber
     * @throws NullPointerException if {@code rx} is null
     */
    public static <T> Flowable<T> from(Receiver<T> rx) {
        return new ReceiverFlowable<>(Objects.requireNonNull(rx, "rx is null"), null);
    }

    /**
     * A {@code Completable} that, when subscribed, subscribes {@code upstream} into the sender handle
     * {@code tx}, which requests only against free slots. It completes when the upstream completed
     * (the handle is then closed), fails with the upstream's error (the channel is failed with it, so
     * receivers get it after the drain) or with {@link ChannelClosedException} if the channel closed
     * first (every receiver left, or another handle failed it). Disposing it cancels the upstream and
     * closes the handle.
     *
     * @param <T> the element type
     * @param upstream the publisher whose elements are sent into {@code tx}
     * @param tx the sender handle the elements are sent into
     * @return a {@code Completable} that feeds {@code upstream} into {@code tx} when subscribed,
     *     and completes or fails with the outcome
     * @throws NullPointerException if an argument is null
     */
    public static <T> Completable feed(Publisher<? extends T> upstream, Sender<T> tx) {
        Objects.requireNonNull(upstream, "upstream is null");
        Objects.requireNonNull(tx, "tx is null");
        return Completable.create(emitter -> {
            FeedSubscriber<T> feed = new FeedSubscriber<>(tx, emitter);
            emitter.setCancellable(feed::cancel); // also run at the end, when it does nothing
            upstream.subscribe(feed);
        });
    }

    /**
     * A {@code Flowable} of an {@code Observable}'s elements through a channel of {@code capacity},
     * with the overflow {@code strategy} you choose, since an {@code Observable} cannot be slowed by
     * demand: each subscription makes its channel, subscribes its view, then subscribes {@code source}
     * into the channel. The stream completes or fails as {@code source} does, after the buffered
     * elements; cancelling it disposes {@code source}. Dropped elements are counted by the channel and
     * lost; use {@link #fromObservable(Observable, int, OverflowStrategy, Consumer)} to see them.
     *
     * @param <T> the element type
     * @param source the {@code Observable} to bridge
     * @param capacity the capacity of each subscription's channel; at least 1
     * @param strategy what happens to an element of {@code source} when the channel is full
     * @return a {@code Flowable} of the elements of {@code source}
     * @throws IllegalArgumentException if {@code capacity} is not positive or above {@link
     *     Channel#MAX_CAPACITY}
     * @throws NullPointerException if an argument is null
     */
    public static <T> Flowable<T> fromObservable(Observable<T> source, int capacity, OverflowStrategy strategy) {
        return fromObservable(source, capacity, strategy, dropped -> {});
    }

    /**
     * As {@link #fromObservable(Observable, int, OverflowStrategy)}, handing {@code onUndelivered}
     * every element the channel accepted but will never deliver: those a {@code DROP_*} strategy
     * dropped, and those still buffered when the stream is cancelled (the channel's {@code
     * onUndeliveredElement} hook).
     *
     * @param <T> the element type
     * @param source the {@code Observable} to bridge
     * @param capacity the capacity of each subscription's channel; at least 1
     * @param strategy what happens to an element of {@code source} when the channel is full
     * @param onUndelivered receives each element the channel accepted but will never deliver
     * @return a {@code Flowable} of the elements of {@code source}
     * @throws IllegalArgumentException if {@code capacity} is not positive or above {@link
     *     Channel#MAX_CAPACITY}
     * @throws NullPointerException if an argument is null
     */
    public static <T> Flowable<T> fromObservable(
            Observable<T> source, int capacity, OverflowStrategy strategy, Consumer<? super T> onUndelivered) {
        Objects.requireNonNull(source, "source is null");
        Objects.requireNonNull(strategy, "strategy is null");
        Objects.requireNonNull(onUndelivered, "onUndelivered is null");
        if (capacity < 1) {
            throw new IllegalArgumentException(
                    "capacity must be positive, since an overflow strategy needs a buffer: " + capacity);
        }
        checkCapacity(capacity);
        return new ObservableFlowable<>(source, capacity, strategy, onUndelivered);
    }

    /**
     * A {@code Flowable} produced by blocking code: each subscription makes a channel of {@code
     * capacity} (0: rendezvous) and runs {@code producer} on a virtual thread where the JDK has them
     * (else on {@code Schedulers.io()}). The stream completes when the producer returns, fails with
     * what it throws, and when the subscriber cancels, the producer's next {@code send} throws {@link
     * ChannelClosedException}, so it stops; a failure it throws after that goes to {@code
     * RxJavaPlugins.onError}.
     *
     * @param <T> the element type
     * @param capacity the capacity of each subscription's channel; 0 for rendezvous
     * @param producer the blocking code that sends the elements, run once per subscription
     * @return a {@code Flowable} of the elements the producer sends
     * @throws IllegalArgumentException if {@code capacity} is negative or above {@link
     *     Channel#MAX_CAPACITY}
     * @throws NullPointerException if {@code producer} is null
     */
    public static <T> Flowable<T> produce(int capacity, BlockingProducer<T> producer) {
        checkCapacity(capacity);
        Objects.requireNonNull(producer, "producer is null");
        return Flowable.defer(() -> {
            Channel<T> ch = Channel.bounded(capacity);
            Producers.start(() -> run(producer, ch.sender()));
            return from(ch.receiver());
        });
    }

    /**
     * As {@link #produce(int, BlockingProducer)}, with the producer on {@code scheduler}, which must
     * allow blocking (such as {@code Schedulers.io()}).
     *
     * @param <T> the element type
     * @param capacity the capacity of each subscription's channel; 0 for rendezvous
     * @param scheduler where the producer runs; it must allow blocking
     * @param producer the blocking code that sends the elements, run once per subscription
     * @return a {@code Flowable} of the elements the producer sends
     * @throws IllegalArgumentException if {@code capacity} is negative or above {@link
     *     Channel#MAX_CAPACITY}
     * @throws NullPointerException if an argument is null
     */
    public static <T> Flowable<T> produce(int capacity, Scheduler scheduler, BlockingProducer<T> producer) {
        checkCapacity(capacity);
        Objects.requireNonNull(scheduler, "scheduler is null");
        Objects.requireNonNull(producer, "producer is null");
        return Flowable.defer(() -> {
            Channel<T> ch = Channel.bounded(capacity);
            Producers.start(scheduler, () -> run(producer, ch.sender()));
            return from(ch.receiver());
        });
    }

    private static void checkCapacity(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity is negative: " + capacity);
        }
        if (capacity > Channel.MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "capacity exceeds Channel.MAX_CAPACITY (" + Channel.MAX_CAPACITY + "): " + capacity);
        }
    }

    /** The producer's thread: the stream ends with its return or its failure; a cancel just stops it. */
    private static <T> void run(BlockingProducer<T> producer, Sender<T> tx) {
        Throwable undelivered = producer.runWith(tx);
        if (undelivered != null) {
            RxJavaPlugins.onError(undelivered);
        }
    }
}
