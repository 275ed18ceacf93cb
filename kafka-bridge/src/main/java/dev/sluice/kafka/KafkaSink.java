package dev.sluice.kafka;

import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Receiver;
import dev.sluice.kafka.internal.SendWindow;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Records drained into Kafka with a bound on unacknowledged sends (K4). A sink is a Reactive Streams
 * {@code Subscriber} of {@code ProducerRecord}s, so a {@code Flux}, a {@code Flowable} or a Sluice
 * receiver subscribes it directly; plain threads use the blocking {@link #drain(Receiver)} instead.
 * One sink serves one stream.
 *
 * <pre>{@code
 * KafkaSink<String, String> sink = KafkaSink.of(producerConfig, 256);
 * events.map(e -> new ProducerRecord<>("events", e.key(), e.json())).subscribe(sink);
 * sink.done().toCompletableFuture().join();      // every record acknowledged, or the first failure
 *
 * // from blocking producers, through a channel:
 * Channel<ProducerRecord<String, String>> ch = Channel.bounded(1024);
 * ... producers ch.sender().clone().send(record) ...
 * long sent = KafkaSink.<String, String>of(producerConfig, 256).drain(ch.receiver());
 * }</pre>
 *
 * <p>As a subscriber, its demand is its free in-flight slots: it requests {@code maxInFlight} at
 * first and one more per acknowledgement, so never more than {@code maxInFlight} sends are
 * unacknowledged. A failed send (the broker's error, a record over {@code max.request.size}, a
 * serialization error) cancels the upstream and fails {@link #done()} with that cause: nothing is lost
 * silently. The upstream's completion flushes the producer, and {@code done()} completes once every
 * send was acknowledged. A sink made from a config owns its producer and closes it at the end; one
 * given a {@code Producer} leaves it open.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class KafkaSink<K, V> implements Subscriber<ProducerRecord<K, V>> {
    private final SendWindow<K, V> window;

    private KafkaSink(Producer<K, V> producer, boolean owns, int maxInFlight) {
        this.window = new SendWindow<>(producer, owns, maxInFlight);
    }

    /**
     * A sink with its own producer, made from {@code producerConfig} (serializers named in it), closed
     * when the stream ends.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param producerConfig the producer's configuration, serializers included
     * @param maxInFlight the bound on unacknowledged sends; at least 1
     * @return a new sink that owns its producer
     * @throws IllegalArgumentException if {@code maxInFlight} is not positive
     * @throws KafkaException if the producer cannot be created from the config
     */
    public static <K, V> KafkaSink<K, V> of(Map<String, ?> producerConfig, int maxInFlight) {
        return of(producerConfig, null, null, maxInFlight);
    }

    /**
     * A sink with its own producer, made from {@code producerConfig} and the given serializers,
     * closed when the stream ends.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param producerConfig the producer's configuration
     * @param keySerializer the key serializer, or {@code null} for the one named in the config
     * @param valueSerializer the value serializer, or {@code null} for the one named in the config
     * @param maxInFlight the bound on unacknowledged sends; at least 1
     * @return a new sink that owns its producer
     * @throws IllegalArgumentException if {@code maxInFlight} is not positive
     * @throws KafkaException if the producer cannot be created from the config
     */
    public static <K, V> KafkaSink<K, V> of(
            Map<String, ?> producerConfig,
            @Nullable Serializer<K> keySerializer,
            @Nullable Serializer<V> valueSerializer,
            int maxInFlight) {
        Objects.requireNonNull(producerConfig, "producerConfig is null");
        checkMaxInFlight(maxInFlight);
        Map<String, Object> config = new HashMap<>(producerConfig);
        return new KafkaSink<>(new KafkaProducer<>(config, keySerializer, valueSerializer), true, maxInFlight);
    }

    /**
     * A sink sending through {@code producer}, which it leaves open (a producer is thread-safe and
     * may be shared).
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param producer the producer to send through; the sink never closes it
     * @param maxInFlight the bound on unacknowledged sends; at least 1
     * @return a new sink sending through {@code producer}
     * @throws NullPointerException if {@code producer} is null
     * @throws IllegalArgumentException if {@code maxInFlight} is not positive
     */
    public static <K, V> KafkaSink<K, V> of(Producer<K, V> producer, int maxInFlight) {
        Objects.requireNonNull(producer, "producer is null");
        checkMaxInFlight(maxInFlight);
        return new KafkaSink<>(producer, false, maxInFlight);
    }

    private static void checkMaxInFlight(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be positive: " + maxInFlight);
        }
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        window.onSubscribe(subscription);
    }

    @Override
    public void onNext(ProducerRecord<K, V> record) {
        window.onNext(record);
    }

    @Override
    public void onError(Throwable cause) {
        window.onError(cause);
    }

    @Override
    public void onComplete() {
        window.onComplete();
    }

    /**
     * Blocking: sends every record {@code rx} receives until its channel ends, never more than {@code
     * maxInFlight} unacknowledged, then waits for the last acknowledgement. For plain threads
     * (virtual ones included); the records come from any number of producers' cloned senders.
     *
     * @param rx the receiver whose records are sent; closed when the drain ends, however it ends
     * @return how many records Kafka acknowledged
     * @throws KafkaException if a send failed, with the broker's or client's error as the cause; the
     *     receiver is then closed, so the channel's producers see their next send fail
     * @throws ChannelClosedException if the channel was failed ({@code tx.fail(cause)}), once the
     *     sends already made are acknowledged
     * @throws InterruptedException if interrupted while waiting for a record, a free slot or the last
     *     acknowledgements (the receiver is closed then too)
     * @throws IllegalStateException if this sink was already used (the receiver is then left open)
     */
    public long drain(Receiver<? extends ProducerRecord<K, V>> rx) throws InterruptedException {
        return window.drain(rx);
    }

    /**
     * Completes when the stream ended and every send was acknowledged; fails with the first failure
     * (a send's, or the upstream's error).
     *
     * @return a stage of the sink's outcome
     */
    public CompletionStage<Void> done() {
        return window.done().copy();
    }

    /**
     * How many sends Kafka acknowledged so far.
     *
     * @return the number of sends acknowledged so far
     */
    public long acknowledged() {
        return window.acknowledged();
    }

    /**
     * How many sends are unacknowledged now; never more than {@link #maxInFlight()}.
     *
     * @return the number of sends unacknowledged now
     */
    public int inFlight() {
        return window.inFlight();
    }

    /**
     * The bound on unacknowledged sends.
     *
     * @return the bound on unacknowledged sends
     */
    public int maxInFlight() {
        return window.maxInFlight();
    }

    @Override
    public String toString() {
        return "KafkaSink[" + inFlight() + "/" + maxInFlight() + " in flight, " + acknowledged() + " acknowledged]";
    }
}
