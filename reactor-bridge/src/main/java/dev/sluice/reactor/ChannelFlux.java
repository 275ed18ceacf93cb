package dev.sluice.reactor;

import dev.sluice.channel.BlockingProducer;
import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.Sender;
import dev.sluice.reactor.internal.FeedSubscriber;
import dev.sluice.reactor.internal.Producers;
import dev.sluice.reactor.internal.ReceiverFlux;
import java.util.Objects;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Sluice channels in Project Reactor.
 *
 * <pre>{@code
 * Channel<Order> ch = Channel.bounded(1024);
 * Flux<Order> orders = ChannelFlux.from(ch.receiver());      // fused with publishOn, concatMap...
 * Mono<Void> fed = ChannelFlux.feed(upstream, ch.sender());   // completes when upstream did
 *
 * Flux<Row> rows = ChannelFlux.produce(256, tx -> {            // blocking code, bridged
 *     try (ResultSet rs = statement.executeQuery()) {
 *         while (rs.next()) tx.send(toRow(rs));              // waits while the subscriber is behind
 *     }
 * });
 * }</pre>
 */
public final class ChannelFlux {
    private ChannelFlux() {}

    /**
     * A {@code Flux} of the elements received through {@code rx}, with the rules of {@link
     * Receiver#subscribe} (an element leaves the channel only against demand; completion after every
     * sender closed and the drain; the subscription owns the handle and closes it at the end). It
     * fuses with Reactor's queue-based operators ({@code publishOn}, {@code concatMap}, {@code
     * flatMap}, {@code limitRate}): they then poll the channel directly and add no queue of their own
     * (ASYNC fusion, except on a rendezvous channel). One subscriber per view: view {@code
     * rx.clone()} for a competing consumer.
     *
     * @param <T> the element type
     * @param rx the receiver handle to read; the view's subscription owns it
     * @return a {@code Flux} view of {@code rx}, for one subscriber
     * @throws NullPointerException if {@code rx} is null
     */
    public static <T> Flux<T> from(Receiver<T> rx) {
        return new ReceiverFlux<>(Objects.requireNonNull(rx, "rx is null"));
    }

    /**
     * A {@code Mono} that, when subscribed, subscribes {@code upstream} into {@code tx} ({@code
     * upstream.subscribe(tx)} with an outcome): it completes when the upstream completed (the handle is
     * then closed), fails with the upstream's error (the channel is then failed with it) or with
     * {@link ChannelClosedException} if the channel closed first (every receiver left, or another
     * sender failed it). Cancelling the {@code Mono} cancels the upstream and closes {@code tx}. On a
     * rendezvous channel the last element may still be waiting for a receiver when the {@code Mono}
     * completes; it is handed over (or refused by a close) after.
     *
     * @param <T> the element type
     * @param upstream the publisher whose elements are sent into {@code tx}
     * @param tx the sender handle the elements are sent into
     * @return a {@code Mono} that feeds {@code upstream} into {@code tx} when subscribed, and
     *     completes or fails with the outcome
     * @throws NullPointerException if an argument is null
     */
    public static <T> Mono<Void> feed(Publisher<? extends T> upstream, Sender<T> tx) {
        Objects.requireNonNull(upstream, "upstream is null");
        Objects.requireNonNull(tx, "tx is null");
        return Mono.create(sink -> {
            FeedSubscriber<T> feed = new FeedSubscriber<>(tx, sink);
            sink.onCancel(feed::cancel);
            upstream.subscribe(feed);
        });
    }

    /**
     * A {@code Flux} produced by blocking code: each subscription makes a channel of {@code capacity}
     * (0: rendezvous) and runs {@code producer} on a virtual thread where the JDK has them (else on
     * {@code Schedulers.boundedElastic()}). The stream completes when the producer returns, fails
     * with what it throws, and when the subscriber cancels, the producer's next {@code send} throws
     * {@link ChannelClosedException}, so it stops; elements still buffered then go to the
     * subscriber's discard hook ({@code doOnDiscard}).
     *
     * @param <T> the element type
     * @param capacity the capacity of each subscription's channel; 0 for rendezvous
     * @param producer the blocking code that sends the elements, run once per subscription
     * @return a {@code Flux} of the elements the producer sends
     * @throws IllegalArgumentException if {@code capacity} is negative or above {@link
     *     Channel#MAX_CAPACITY}
     * @throws NullPointerException if {@code producer} is null
     */
    public static <T> Flux<T> produce(int capacity, BlockingProducer<T> producer) {
        checkCapacity(capacity);
        Objects.requireNonNull(producer, "producer is null");
        return Flux.deferContextual(context -> {
            Channel<T> ch = channel(capacity, context);
            Producers.start(() -> run(producer, ch.sender(), context));
            return from(ch.receiver());
        });
    }

    /**
     * As {@link #produce(int, BlockingProducer)}, with the producer on {@code scheduler}, which must
     * allow blocking (such as {@code Schedulers.boundedElastic()}).
     *
     * @param <T> the element type
     * @param capacity the capacity of each subscription's channel; 0 for rendezvous
     * @param scheduler where the producer runs; it must allow blocking
     * @param producer the blocking code that sends the elements, run once per subscription
     * @return a {@code Flux} of the elements the producer sends
     * @throws IllegalArgumentException if {@code capacity} is negative or above {@link
     *     Channel#MAX_CAPACITY}
     * @throws NullPointerException if an argument is null
     */
    public static <T> Flux<T> produce(int capacity, Scheduler scheduler, BlockingProducer<T> producer) {
        checkCapacity(capacity);
        Objects.requireNonNull(scheduler, "scheduler is null");
        Objects.requireNonNull(producer, "producer is null");
        return Flux.deferContextual(context -> {
            Channel<T> ch = channel(capacity, context);
            Producers.start(scheduler, () -> run(producer, ch.sender(), context));
            return from(ch.receiver());
        });
    }

    /**
     * The stream's channel: the elements it accepted but will never deliver (still buffered when the
     * subscriber cancels) go to the subscriber's discard hook ({@code doOnDiscard}), read from its
     * context.
     */
    private static <T> Channel<T> channel(int capacity, ContextView context) {
        Context hooks = Context.of(context);
        return Channel.<T>builder()
                .capacity(capacity)
                .onUndeliveredElement(e -> Operators.onDiscard(e, hooks))
                .build();
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

    /**
     * The producer's thread: the stream ends with its return or its failure; a cancel just stops it. A
     * failure nobody can see any more (the stream was cancelled first) goes to Reactor's dropped-error
     * hook, as Reactor's own operators report an error that arrives after a cancel.
     */
    private static <T> void run(BlockingProducer<T> producer, Sender<T> tx, ContextView context) {
        Throwable undelivered = producer.runWith(tx);
        if (undelivered != null) {
            Operators.onErrorDropped(undelivered, Context.of(context));
        }
    }
}
