package dev.sluice.examples;

import dev.sluice.kafka.KafkaRecord;
import dev.sluice.kafka.KafkaSink;
import dev.sluice.kafka.KafkaSource;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Beyond one JVM: a Reactor {@code Flux} drained into a Kafka topic through a {@link KafkaSink} (at
 * most {@code --max-in-flight} sends unacknowledged), and the topic read back through a {@link
 * KafkaSource} into a Reactor pipeline that batches with {@code bufferTimeout}, stores each batch
 * slowly, and acknowledges it. The source's channel holds at most {@code --capacity} records: when
 * the store falls behind, its poll loop pauses the partitions instead of buffering, and stays in its
 * consumer group.
 *
 * <p>No set-up: the program starts a single-node Kafka broker (KRaft) inside its own JVM on
 * 127.0.0.1, with Kafka's own test kit, and stops it at the end. It prints a live progress line and a
 * summary, and exits with status 1 if a record was lost, duplicated or out of order, or if the
 * committed offsets are not at the end of the topic.
 *
 * <pre>
 * mvn -B -q -pl examples -am test-compile exec:java -Dexec.mainClass=dev.sluice.examples.KafkaDemo
 * </pre>
 */
public final class KafkaDemo {
    static final String USAGE = "usage: KafkaDemo [--records N (default 200000)] [--partitions P (default 4)]"
            + " [--capacity C (default 1024)] [--max-in-flight M (default 2048)] [--store-ms D (default 10,"
            + " per batch of up to 500)]";
    private static final String TOPIC = "telemetry";
    private static final String GROUP = "kafka-demo";

    private KafkaDemo() {}

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err, ProgressLine.stdoutIsTerminal());
        System.exit(status); // the broker's threads are not all daemons
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (o.help) {
            out.println(USAGE);
            return 0;
        }
        out.printf(Locale.ROOT, "starting a single-node Kafka broker in this JVM (127.0.0.1)...%n");
        try (KafkaClusterTestKit broker = startBroker()) {
            out.printf(
                    Locale.ROOT,
                    "Flux -> KafkaSink(max %d in flight) -> topic '%s' (%d partitions) -> KafkaSource(capacity %d)"
                            + " -> bufferTimeout(500, 100 ms) -> store (%d ms per batch) -> ack%n",
                    o.maxInFlight,
                    TOPIC,
                    o.partitions,
                    o.capacity,
                    o.storeMs);
            return roundTrip(broker.bootstrapServers(), o, out, err, terminal);
        }
    }

    private static KafkaClusterTestKit startBroker() throws Exception {
        KafkaClusterTestKit broker = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                .setConfigProp("offsets.topic.replication.factor", "1") // one broker: one replica
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(PrintStream.nullOutputStream())); // the test kit prints its metadata
        try {
            broker.format();
            broker.startup();
            broker.waitForReadyBrokers();
        } finally {
            System.setOut(stdout);
        }
        return broker;
    }

    static int roundTrip(String bootstrap, Options o, PrintStream out, PrintStream err, boolean terminal)
            throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, o.partitions, (short) 1)))
                    .all()
                    .get();
        }

        // the producing side: value = the record's number; partition = number mod partitions
        KafkaSink<Long, Long> sink = KafkaSink.of(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, LongSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, LongSerializer.class),
                o.maxInFlight);
        long started = System.nanoTime();
        Flux.range(0, o.records)
                .map(i -> new ProducerRecord<>(TOPIC, i % o.partitions, (long) i, (long) i))
                .subscribe(sink);

        // the consuming side
        KafkaSource<Long, Long> source = KafkaSource.<Long, Long>builder(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        GROUP,
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        LongDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        LongDeserializer.class))
                .topics(TOPIC)
                .capacity(o.capacity)
                .start();
        Ledger ledger = new Ledger(o.partitions);
        AtomicLong batches = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Disposable pipeline = Flux.from(source.receiver())
                .filter(r -> !r.isStale()) // a rebalance's leftovers: their new owner reads them again
                .bufferTimeout(500, Duration.ofMillis(100))
                .concatMap(batch -> Mono.delay(Duration.ofMillis(o.storeMs)).thenReturn(batch)) // a slow store
                .subscribe(
                        batch -> {
                            batches.incrementAndGet();
                            for (KafkaRecord<Long, Long> r : batch) {
                                ledger.record(r.partition(), r.value());
                                r.ack();
                            }
                            if (ledger.received() >= o.records) {
                                all.countDown();
                            }
                        },
                        e -> {
                            failure.set(e);
                            all.countDown();
                        });

        try (ProgressLine progress = new ProgressLine(
                out,
                terminal,
                200,
                1_000,
                () -> String.format(
                        Locale.ROOT,
                        "produced %,9d (%3d in flight) | consumed %,9d | %,8.0f rec/s | channel %4d/%d | paused %s (%d times) | batches %,d",
                        sink.acknowledged(),
                        sink.inFlight(),
                        ledger.received(),
                        ledger.received() / seconds(started),
                        source.receiver().size(),
                        o.capacity,
                        source.isBackpressured() ? "yes" : "no ",
                        source.backpressurePauses(),
                        batches.get()))) {
            if (!all.await(10, TimeUnit.MINUTES)) {
                failure.compareAndSet(null, new IllegalStateException("timed out"));
            }
        }
        double took = seconds(started);
        pipeline.dispose(); // cancels: the source commits what was acknowledged and closes its consumer
        source.close();
        try {
            sink.done().toCompletableFuture().get(1, TimeUnit.MINUTES);
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
        boolean committedAtEnd = committedAtEnd(bootstrap, o.partitions);

        out.printf(
                Locale.ROOT,
                "kafka: %d of %d records through the topic and back in %.1f s (%,.0f rec/s), %d lost, %d duplicated,"
                        + " %d out of order; %d backpressure pauses; committed offsets %s%n",
                ledger.received(),
                o.records,
                took,
                ledger.received() / took,
                o.records - ledger.distinct(),
                ledger.duplicated(),
                ledger.outOfOrder(),
                source.backpressurePauses(),
                committedAtEnd ? "at the end of every partition" : "NOT at the end");
        if (failure.get() != null) {
            err.print("FAILED: ");
            failure.get().printStackTrace(err);
            return 1;
        }
        if (ledger.distinct() != o.records || ledger.duplicated() != 0 || ledger.outOfOrder() != 0 || !committedAtEnd) {
            err.println("FAILED: records lost, duplicated or out of order, or offsets not committed");
            return 1;
        }
        return 0;
    }

    private static boolean committedAtEnd(String bootstrap, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get();
            for (int p = 0; p < partitions; p++) {
                TopicPartition tp = new TopicPartition(TOPIC, p);
                long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                        .all()
                        .get()
                        .get(tp)
                        .offset();
                OffsetAndMetadata c = committed.get(tp);
                if (c == null ? end != 0 : c.offset() != end) {
                    return false;
                }
            }
            return true;
        }
    }

    private static double seconds(long since) {
        return Math.max(1e-3, (System.nanoTime() - since) / 1e9);
    }

    /**
     * What arrived, per partition: the values of partition p are p, p + P, p + 2P, ... in order, so
     * the next expected value tells a gap (lost, or out of order) from a repeat (duplicated).
     */
    static final class Ledger {
        private final int partitions;
        private final long[] next;
        private long received, distinct, duplicated, outOfOrder;

        Ledger(int partitions) {
            this.partitions = partitions;
            this.next = new long[partitions];
            for (int p = 0; p < partitions; p++) {
                next[p] = p;
            }
        }

        synchronized void record(int partition, long value) {
            received++;
            if (value == next[partition]) {
                distinct++;
                next[partition] += partitions;
            } else if (value < next[partition]) {
                duplicated++;
            } else {
                outOfOrder++; // a gap: something before it never came
            }
        }

        synchronized long received() {
            return received;
        }

        synchronized long distinct() {
            return distinct;
        }

        synchronized long duplicated() {
            return duplicated;
        }

        synchronized long outOfOrder() {
            return outOfOrder;
        }
    }

    static final class Options {
        int records = 200_000;
        int partitions = 4;
        int capacity = 1024;
        int maxInFlight = 2048;
        int storeMs = 10;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--help") || a.equals("-h")) {
                    o.help = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                int v;
                try {
                    v = Integer.parseInt(args[++i].replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number for " + a + ": " + args[i]);
                }
                switch (a) {
                    case "--records" -> o.records = atLeast(v, 1, a);
                    case "--partitions" -> o.partitions = atLeast(v, 1, a);
                    case "--capacity" -> o.capacity = atLeast(v, 1, a);
                    case "--max-in-flight" -> o.maxInFlight = atLeast(v, 1, a);
                    case "--store-ms" -> o.storeMs = atLeast(v, 0, a);
                    default -> throw new IllegalArgumentException("unknown option: " + a);
                }
            }
            return o;
        }

        private static int atLeast(int v, int min, String option) {
            if (v < min) {
                throw new IllegalArgumentException(option + " must be at least " + min + ": " + v);
            }
            return v;
        }
    }
}
