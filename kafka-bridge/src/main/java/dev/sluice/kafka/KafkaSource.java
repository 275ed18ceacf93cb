package dev.sluice.kafka;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Receiver;
import dev.sluice.channel.spi.VirtualThreads;
import dev.sluice.kafka.internal.PollLoop;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

/**
 * A Kafka topic as a bounded channel: a poll loop on its own thread (a virtual thread where the JDK
 * has them) sends the records it fetches into a channel, and {@link #receiver()} is that channel's
 * receiver, so it is a {@code Publisher}: {@code Flux.from(source.receiver())} works, and so do
 * {@code recv()}, iteration and the bridges' fused views.
 *
 * <pre>{@code
 * Map<String, Object> config = Map.of(
 *         "bootstrap.servers", "localhost:9092",
 *         "group.id", "billing",
 *         "key.deserializer", StringDeserializer.class,
 *         "value.deserializer", StringDeserializer.class);
 * try (KafkaSource<String, String> source = KafkaSource.of(config, List.of("orders"), 1024)) {
 *     Flux.from(source.receiver())
 *         .filter(r -> !r.isStale())
 *         .concatMap(r -> bill(r.value()).doOnSuccess(done -> r.ack()))
 *         .blockLast();
 * }
 * }</pre>
 *
 * <p><b>Backpressure (K1).</b> The channel holds at most {@code capacity} records. When it has no room
 * for another poll's worth ({@code max.poll.records}, capped at the capacity), the loop pauses every
 * assigned partition and keeps polling, so the consumer stays in its group however slow the
 * processing is; when room frees, the receiving side wakes the loop and it resumes. {@link #pause}
 * and {@link #resume} are the user's own pauses: a partition is fetched only when neither the user
 * nor backpressure holds it, and rebalances keep both.
 *
 * <p><b>At-least-once (K2).</b> Auto-commit is turned off. Each record is a {@link KafkaRecord}: the
 * source commits, per partition, up to the highest offset below which every record was acknowledged,
 * every {@linkplain Builder#commitInterval commit interval}, when partitions are revoked, and at the
 * end. Records of a revoked partition still in the channel are delivered marked {@linkplain
 * KafkaRecord#isStale() stale}.
 *
 * <p><b>Ending (K3).</b> Cancelling the subscription or closing the receiver (the last receiver handle)
 * stops the loop, as does {@link #close()}: it commits what was acknowledged, closes the consumer and
 * completes the channel, so its subscribers complete after the records already in it. A consumer
 * error (authorisation, deserialisation, a rebalance callback's exception) fails the channel with
 * that cause, after the records already in it. {@link #done()} completes when the consumer is
 * closed.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class KafkaSource<K, V> implements AutoCloseable {
    /** Kafka's own default for {@code max.poll.records}. */
    private static final int DEFAULT_MAX_POLL_RECORDS = 500;

    private final Receiver<KafkaRecord<K, V>> receiver;
    private final PollLoop<K, V> loop;
    private final int pollRecords;

    private KafkaSource(Builder<K, V> b) {
        Map<String, Object> config = new HashMap<>(b.config);
        this.pollRecords = Math.min(maxPollRecords(config), b.capacity);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, pollRecords);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // K2: only acknowledged offsets
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config, b.keyDeserializer, b.valueDeserializer);
        Channel<KafkaRecord<K, V>> channel;
        try {
            channel = Channel.<KafkaRecord<K, V>>builder()
                    .capacity(b.capacity)
                    .singleProducer()
                    .build();
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
        this.receiver = channel.receiver();
        this.loop = new PollLoop<>(
                consumer,
                channel.sender(),
                b.topics,
                pollRecords,
                b.pollTimeout,
                b.commitInterval,
                b.onAssigned,
                b.onRevoked);
        if (!VirtualThreads.tryStart(loop)) {
            Thread t = new Thread(loop, "sluice-kafka-source-" + config.get(ConsumerConfig.GROUP_ID_CONFIG));
            t.setDaemon(true);
            t.start();
        }
    }

    /**
     * Starts a source reading {@code topics} into a channel of {@code capacity} records, with the
     * deserializers named in {@code consumerConfig} and the defaults of {@link Builder}.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param consumerConfig the consumer's configuration, deserializers included
     * @param topics the topics to subscribe to; at least one
     * @param capacity the channel's capacity in records
     * @return the source, its poll loop started
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code capacity} is not positive or over {@link
     *     Channel#MAX_CAPACITY}, {@code topics} is empty, or the config has no {@code group.id}
     */
    public static <K, V> KafkaSource<K, V> of(Map<String, ?> consumerConfig, Collection<String> topics, int capacity) {
        return KafkaSource.<K, V>builder(consumerConfig)
                .topics(topics)
                .capacity(capacity)
                .start();
    }

    /**
     * A builder over {@code consumerConfig} (copied): {@code bootstrap.servers} and {@code group.id}
     * are required; {@code enable.auto.commit} is overridden (off), and {@code max.poll.records} is
     * capped at the capacity.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param consumerConfig the consumer's configuration
     * @return a new builder
     * @throws NullPointerException if {@code consumerConfig} is null
     */
    public static <K, V> Builder<K, V> builder(Map<String, ?> consumerConfig) {
        return new Builder<>(consumerConfig);
    }

    /**
     * The channel's receiver. Subscribe it, iterate it or {@code recv()} from it; clone it for
     * competing consumers. When its last handle closes (a cancelled subscription closes its handle),
     * the source stops. Every call returns the same handle.
     *
     * @return the channel's receiver handle
     */
    public Receiver<KafkaRecord<K, V>> receiver() {
        return receiver;
    }

    /**
     * Pauses fetching from {@code partitions} until {@link #resume}: the user's pause, kept apart from
     * backpressure's (neither undoes the other) and kept across rebalances. Records already in the
     * channel are still delivered. Partitions not assigned now are paused if they are assigned later.
     *
     * @param partitions the partitions to pause
     * @return a stage that completes once the poll loop applied the pause (no later poll returns
     *     records of these partitions), or fails if the source is closed
     */
    public CompletionStage<Void> pause(Collection<TopicPartition> partitions) {
        List<TopicPartition> copy = List.copyOf(partitions);
        return loop.submit(() -> loop.userPause(copy, true));
    }

    /**
     * Withdraws the user's pause of {@code partitions}; they are fetched again unless backpressure
     * holds them.
     *
     * @param partitions the partitions to resume
     * @return a stage that completes once the poll loop applied it, or fails if the source is closed
     */
    public CompletionStage<Void> resume(Collection<TopicPartition> partitions) {
        List<TopicPartition> copy = List.copyOf(partitions);
        return loop.submit(() -> loop.userPause(copy, false));
    }

    /**
     * Whether the poll loop has paused every partition because the channel is short of room (K1).
     *
     * @return {@code true} if the poll loop is paused for backpressure now
     */
    public boolean isBackpressured() {
        return loop.isBackpressured();
    }

    /**
     * How many times the poll loop paused for backpressure so far.
     *
     * @return the number of backpressure pauses so far
     */
    public long backpressurePauses() {
        return loop.backpressurePauses();
    }

    /**
     * The largest number of records one poll returns: {@code max.poll.records}, capped at the
     * capacity.
     *
     * @return the largest number of records one poll returns
     */
    public int pollRecords() {
        return pollRecords;
    }

    /**
     * Completes once the poll loop ended, committed what was acknowledged and closed the consumer;
     * fails with the consumer's error if one ended it (or with the last commit's failure).
     *
     * @return a stage of the poll loop's end
     */
    public CompletionStage<Void> done() {
        return loop.done().copy();
    }

    /**
     * Stops the poll loop and waits until it committed the acknowledged offsets and closed the
     * consumer (K3). Records already in the channel are still delivered, marked stale, and the
     * receivers then complete. Idempotent. Called from the poll loop's own thread (a rebalance
     * callback), it only asks the loop to stop.
     */
    @Override
    public void close() {
        loop.stop();
        if (loop.isOnLoopThread()) {
            return;
        }
        try {
            loop.done().handle((ok, error) -> null).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the loop still ends; done() tells when
        } catch (java.util.concurrent.ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public String toString() {
        return "KafkaSource[" + (loop.done().isDone() ? "closed" : loop.isBackpressured() ? "paused" : "polling") + ", "
                + receiver.size() + "/" + receiver.capacity() + " buffered]";
    }

    private static int maxPollRecords(Map<String, Object> config) {
        Object v = config.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
        if (v == null) {
            return DEFAULT_MAX_POLL_RECORDS;
        }
        int n = v instanceof Number
                ? ((Number) v).intValue()
                : Integer.parseInt(v.toString().trim());
        if (n < 1) {
            throw new IllegalArgumentException("max.poll.records must be positive: " + n);
        }
        return n;
    }

    /**
     * Configures a {@link KafkaSource}; {@link #start()} builds it and starts its poll loop.
     *
     * @param <K> the key type
     * @param <V> the value type
     */
    public static final class Builder<K, V> {
        private final Map<String, Object> config;
        private List<String> topics = List.of();
        private int capacity = 1024;
        private Duration commitInterval = Duration.ofSeconds(1);
        private Duration pollTimeout = Duration.ofMillis(100);
        private @Nullable Deserializer<K> keyDeserializer;
        private @Nullable Deserializer<V> valueDeserializer;
        private Consumer<Collection<TopicPartition>> onAssigned = partitions -> {};
        private Consumer<Collection<TopicPartition>> onRevoked = partitions -> {};

        private Builder(Map<String, ?> config) {
            Objects.requireNonNull(config, "consumerConfig is null");
            this.config = new HashMap<>(config);
        }

        /**
         * The topics to subscribe to (at least one).
         *
         * @param topics the topics to subscribe to; not empty
         * @return this builder
         */
        public Builder<K, V> topics(Collection<String> topics) {
            Objects.requireNonNull(topics, "topics is null");
            List<String> copy = List.copyOf(topics);
            if (copy.isEmpty()) {
                throw new IllegalArgumentException("topics is empty");
            }
            this.topics = copy;
            return this;
        }

        /**
         * The topics to subscribe to (at least one).
         *
         * @param topics the topics to subscribe to; not empty
         * @return this builder
         */
        public Builder<K, V> topics(String... topics) {
            return topics(List.of(topics));
        }

        /**
         * The channel's capacity in records, 1024 by default; at least 1.
         *
         * @param capacity the channel's capacity in records
         * @return this builder
         */
        public Builder<K, V> capacity(int capacity) {
            if (capacity < 1 || capacity > Channel.MAX_CAPACITY) {
                throw new IllegalArgumentException(
                        "capacity must be between 1 and " + Channel.MAX_CAPACITY + ": " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * How often acknowledged offsets are committed (besides revokes and the end); 1 s by
         * default.
         *
         * @param interval the time between periodic commits; positive
         * @return this builder
         */
        public Builder<K, V> commitInterval(Duration interval) {
            this.commitInterval = positive(interval, "commitInterval");
            return this;
        }

        /**
         * The poll timeout, 100 ms by default: how long a poll waits for records, and so at most how
         * long the loop takes to notice that every receiver left.
         *
         * @param timeout how long a poll waits for records; positive
         * @return this builder
         */
        public Builder<K, V> pollTimeout(Duration timeout) {
            this.pollTimeout = positive(timeout, "pollTimeout");
            return this;
        }

        /**
         * Deserializer instances, instead of the classes named in the config.
         *
         * @param key the key deserializer
         * @param value the value deserializer
         * @return this builder
         */
        public Builder<K, V> deserializers(Deserializer<K> key, Deserializer<V> value) {
            this.keyDeserializer = Objects.requireNonNull(key, "key deserializer is null");
            this.valueDeserializer = Objects.requireNonNull(value, "value deserializer is null");
            return this;
        }

        /**
         * Called on the poll loop's thread after partitions are assigned (must not block long).
         *
         * @param callback receives the partitions just assigned
         * @return this builder
         */
        public Builder<K, V> onPartitionsAssigned(Consumer<Collection<TopicPartition>> callback) {
            this.onAssigned = Objects.requireNonNull(callback, "callback is null");
            return this;
        }

        /**
         * Called on the poll loop's thread after partitions are revoked or lost (must not block long).
         * For revoked partitions the acknowledged offsets were committed first, if the group still
         * accepted the commit; lost partitions already have another owner, so nothing is committed.
         *
         * @param callback receives the partitions revoked or lost
         * @return this builder
         */
        public Builder<K, V> onPartitionsRevoked(Consumer<Collection<TopicPartition>> callback) {
            this.onRevoked = Objects.requireNonNull(callback, "callback is null");
            return this;
        }

        /**
         * Creates the consumer and starts the poll loop.
         *
         * @return the source, its poll loop started
         * @throws IllegalArgumentException if no topic was given or the config has no {@code group.id}
         * @throws org.apache.kafka.common.KafkaException if the consumer cannot be created from the
         *     config
         */
        public KafkaSource<K, V> start() {
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("no topic to subscribe to: call topics(...)");
            }
            Object group = config.get(ConsumerConfig.GROUP_ID_CONFIG);
            if (group == null || group.toString().isBlank()) {
                throw new IllegalArgumentException(
                        "group.id is required: the source commits acknowledged offsets for its group");
            }
            return new KafkaSource<>(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name + " is null");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
