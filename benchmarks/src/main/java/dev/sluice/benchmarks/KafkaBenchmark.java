package dev.sluice.benchmarks;

import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import dev.sluice.kafka.testing.Broker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import reactor.core.publisher.Flux;

/**
 * Records per second through Kafka, Sluice's bridge beside the plain client loop it replaces, on the
 * same topic of the same broker: a single-node KRaft broker started in the benchmark's own JVM by
 * Kafka's test kit (so the broker shares the two cores with the clients, alike for both sides).
 * Every invocation moves {@value #RECORDS} records of {@value #VALUE_BYTES} bytes.
 *
 * <ul>
 *   <li>{@code sourceToFlux}: a {@link KafkaSource} (capacity 4096) of a new consumer group reads the
 *       whole topic through {@code Flux.from(source.receiver())}, acknowledging every record; the
 *       cancel at the last record commits and closes the consumer.
 *   <li>{@code plainPollLoop}: a {@code KafkaConsumer} of a new group polls the same topic and walks
 *       the records on the polling thread, then commits synchronously and closes: the loop a user
 *       writes without a bridge (no hand-off to another thread, no backpressure, no acks).
 *   <li>{@code sinkFromFlux}: {@code Flux.range(...).map(ProducerRecord)} subscribed to a {@link
 *       KafkaSink} over a shared producer, window 8192, until {@code done()}.
 *   <li>{@code plainSendLoop}: the same records sent in a plain loop of {@code producer.send(record,
 *       callback)}, then {@code flush()} and a wait for the last callback: unbounded in flight (only
 *       the producer's buffer memory holds it back).
 * </ul>
 *
 * Both consuming sides use the client's defaults ({@code max.poll.records} 500, fetch sizes), and
 * both producing sides share one producer ({@code linger.ms} 5, the default; acks=all).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(
        value = 2,
        jvmArgsAppend = {"-Xmx2g"})
public class KafkaBenchmark {
    static final int RECORDS = 200_000;
    static final int VALUE_BYTES = 100;
    private static final String TOPIC = "bench";
    private static final String SINK_TOPIC = "bench-sink";
    private static final int PARTITIONS = 4;

    private Broker broker;
    private KafkaProducer<Long, byte[]> producer;
    private String bootstrap;
    private final AtomicInteger groups = new AtomicInteger();
    private final byte[] value = new byte[VALUE_BYTES];

    @Setup
    public void startBrokerAndFillTopic() throws Exception {
        broker = Broker.start();
        bootstrap = broker.bootstrap();
        broker.createTopic(TOPIC, PARTITIONS);
        broker.createTopic(SINK_TOPIC, PARTITIONS);
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer = new KafkaProducer<>(config, new LongSerializer(), new ByteArraySerializer());
        for (long i = 0; i < RECORDS; i++) {
            producer.send(new ProducerRecord<>(TOPIC, (int) (i % PARTITIONS), i, value));
        }
        producer.flush();
    }

    @TearDown
    public void stopBroker() throws Exception {
        producer.close();
        broker.close();
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + groups.incrementAndGet()); // reads from the start
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, LongDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return c;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long sourceToFlux() {
        KafkaSource<Long, byte[]> source = KafkaSource.of(consumerConfig(), List.of(TOPIC), 4096);
        try {
            Long bytes = Flux.from(source.receiver())
                    .take(RECORDS)
                    .map(r -> {
                        r.ack();
                        return (long) r.record().serializedValueSize();
                    })
                    .reduce(0L, Long::sum)
                    .block(Duration.ofMinutes(2));
            return check(bytes);
        } finally {
            source.close();
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long plainPollLoop() {
        Map<String, Object> config = consumerConfig();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<Long, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            long bytes = 0;
            int seen = 0;
            while (seen < RECORDS) {
                ConsumerRecords<Long, byte[]> polled = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<Long, byte[]> r : polled) {
                    bytes += r.serializedValueSize();
                    seen++;
                    offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
            }
            consumer.commitSync(offsets);
            return check(bytes);
        }
    }

    private static long check(Long bytes) {
        if (bytes == null || bytes != (long) RECORDS * VALUE_BYTES) {
            throw new IllegalStateException("read " + bytes + " bytes, expected " + (long) RECORDS * VALUE_BYTES);
        }
        return bytes;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long sinkFromFlux() throws Exception {
        KafkaSink<Long, byte[]> sink = KafkaSink.of(producer, 8192);
        Flux.range(0, RECORDS)
                .map(i -> new ProducerRecord<>(SINK_TOPIC, i % PARTITIONS, (long) i, value))
                .subscribe(sink);
        sink.done().toCompletableFuture().get(2, TimeUnit.MINUTES);
        return sink.acknowledged();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long plainSendLoop() throws Exception {
        Semaphore acked = new Semaphore(0);
        AtomicReference<Exception> failure = new AtomicReference<>();
        for (int i = 0; i < RECORDS; i++) {
            producer.send(new ProducerRecord<>(SINK_TOPIC, i % PARTITIONS, (long) i, value), (md, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
                acked.release();
            });
        }
        producer.flush();
        if (!acked.tryAcquire(RECORDS, 2, TimeUnit.MINUTES) || failure.get() != null) {
            throw new IllegalStateException("sends failed or timed out", failure.get());
        }
        return RECORDS;
    }
}
