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
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
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
    private static final String TOPIC = "telemetry";
    private static final String GROUP = "kafka-demo";

    private KafkaDemo() {}

    public static void main(String[] args) throws Exception {
        int status = run(args, System.out, System.err, ProgressLine.stdoutIsTerminal());
        System.exit(status); // the broker's threads are not all daemons
    }

    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) throws Exception {
        Options o = new Options();
        CommandLine cmd = new CommandLine(o);
        try {
            cmd.parseArgs(args);
            o.check(cmd);
        } catch (ParameterException e) {
            err.println(e.getMessage());
            cmd.usage(err);
            return 2;
        }
        if (cmd.isUsageHelpRequested()) {
            cmd.usage(out);
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
        Ledger ledger = new Ledger(o.partitions, false);
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
                                ledger.record(
                                        r.partition(), r.value() / o.partitions); // the partition's own sequence number
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
                o.records - ledger.inOrder(),
                ledger.duplicated(),
                ledger.outOfOrder(),
                source.backpressurePauses(),
                committedAtEnd ? "at the end of every partition" : "NOT at the end");
        if (failure.get() != null) {
            err.print("FAILED: ");
            failure.get().printStackTrace(err);
            return 1;
        }
        if (ledger.inOrder() != o.records || ledger.duplicated() != 0 || ledger.outOfOrder() != 0 || !committedAtEnd) {
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

    /** The command line, parsed by picocli. */
    @Command(name = "KafkaDemo", mixinStandardHelpOptions = true, sortOptions = false)
    static final class Options {
        @Option(
                names = "--records",
                defaultValue = "200000",
                description = "records to send (default: ${DEFAULT-VALUE})")
        int records;

        @Option(
                names = "--partitions",
                defaultValue = "4",
                description = "the topic's partitions (default: ${DEFAULT-VALUE})")
        int partitions;

        @Option(
                names = "--capacity",
                defaultValue = "1024",
                description = "the source's capacity (default: ${DEFAULT-VALUE})")
        int capacity;

        @Option(
                names = "--max-in-flight",
                defaultValue = "2048",
                description = "the sink's bound on unacknowledged sends (default: ${DEFAULT-VALUE})")
        int maxInFlight;

        @Option(
                names = "--store-ms",
                defaultValue = "10",
                description = "milliseconds the store takes per batch of up to 500 (default: ${DEFAULT-VALUE})")
        int storeMs;

        void check(CommandLine cmd) {
            atLeast(cmd, records, 1, "--records");
            atLeast(cmd, partitions, 1, "--partitions");
            atLeast(cmd, capacity, 1, "--capacity");
            atLeast(cmd, maxInFlight, 1, "--max-in-flight");
            atLeast(cmd, storeMs, 0, "--store-ms");
        }

        private static void atLeast(CommandLine cmd, int value, int min, String option) {
            if (value < min) {
                throw new ParameterException(cmd, option + " must be at least " + min + ": " + value);
            }
        }
    }
}
