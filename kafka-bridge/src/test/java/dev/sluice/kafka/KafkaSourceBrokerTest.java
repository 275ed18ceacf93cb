package dev.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.Receiver;
import dev.sluice.kafka.testing.Broker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.IntegerDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * {@link KafkaSource} against a real in-process KRaft broker (K5): exact accounting end to end, a
 * consumer slower than {@code max.poll.interval.ms} that stays in its group (K1), a second member
 * joining mid-stream (K2), cancel and resume from the committed offsets (K3), a consumer error after
 * the drain (K3), and user pauses that backpressure never undoes (K1).
 */
class KafkaSourceBrokerTest {
    private static Broker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    /** Writes {@code perPartition} records to each partition: key = the record's sequence number in it. */
    private static void produce(String topic, int partitions, int perPartition) {
        KafkaSink<Integer, String> sink = KafkaSink.of(broker.producerConfig(), 512);
        Flux.range(0, partitions * perPartition)
                .map(i -> new ProducerRecord<>(topic, i % partitions, i / partitions, "v" + i))
                .subscribe(sink);
        sink.done().toCompletableFuture().join();
        assertThat(sink.acknowledged()).isEqualTo((long) partitions * perPartition);
    }

    @Test
    void hundredThousandRecordsEndToEndInPartitionOrderThenCommitted() throws Exception {
        String topic = "e2e";
        int partitions = 4, perPartition = 25_000;
        broker.createTopic(topic, partitions);
        produce(topic, partitions, perPartition);

        int[] next = new int[partitions];
        AtomicInteger outOfOrder = new AtomicInteger(), stale = new AtomicInteger();
        KafkaSource<Integer, String> source = KafkaSource.of(broker.consumerConfig("e2e-group"), List.of(topic), 1024);
        Long count = Flux.from(source.receiver())
                .doOnNext(r -> {
                    if (r.isStale()) {
                        stale.incrementAndGet();
                    }
                    if (r.key() != next[r.partition()]++) {
                        outOfOrder.incrementAndGet();
                    }
                    r.ack();
                })
                .take(partitions * perPartition)
                .count()
                .block(Duration.ofSeconds(120));
        source.close();

        assertThat(count).isEqualTo(partitions * perPartition);
        assertThat(outOfOrder).hasValue(0);
        assertThat(stale).hasValue(0);
        assertThat(next).containsOnly(perPartition);
        // K2/K3: the cancel committed every acknowledged record, exactly
        assertThat(broker.committed("e2e-group", topic)).isEqualTo(broker.endOffsets(topic, partitions));
    }

    @Test
    void consumerSlowerThanMaxPollIntervalStaysInItsGroupWithBoundedMemory() throws Exception {
        String topic = "slow";
        // a poll's worth of records (16) takes the consumer 2.4 s, longer than max.poll.interval.ms:
        // a loop that waited for room instead of pausing would miss its poll deadline and be thrown out
        int partitions = 2, perPartition = 24, capacity = 16, pollIntervalMs = 2_000;
        broker.createTopic(topic, partitions);
        produce(topic, partitions, perPartition);

        Map<String, Object> config = broker.consumerConfig("slow-group");
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, pollIntervalMs);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16);
        AtomicInteger assigned = new AtomicInteger(), revoked = new AtomicInteger(), maxBuffered = new AtomicInteger();
        KafkaSource<Integer, String> source = KafkaSource.<Integer, String>builder(config)
                .topics(topic)
                .capacity(capacity)
                .onPartitionsAssigned(p -> assigned.incrementAndGet())
                .onPartitionsRevoked(p -> revoked.incrementAndGet())
                .start();
        long started = System.nanoTime();
        // 48 records at 150 ms each: 7.2 s of processing, 3.6 times max.poll.interval.ms; the
        // subscription stays open while the group is checked (a cancel would close the consumer)
        CountDownLatch processed = new CountDownLatch(partitions * perPartition);
        AtomicInteger outOfOrder = new AtomicInteger();
        int[] next = new int[partitions];
        Flux.from(source.receiver())
                .doOnNext(r -> maxBuffered.accumulateAndGet(source.receiver().size(), Math::max))
                .delayElements(Duration.ofMillis(150))
                .subscribe(r -> {
                    if (r.key() != next[r.partition()]++) {
                        outOfOrder.incrementAndGet();
                    }
                    r.ack();
                    processed.countDown();
                });
        assertThat(processed.await(120, TimeUnit.SECONDS)).isTrue();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Set<String> members = broker.members("slow-group");
        long pauses = source.backpressurePauses();
        int revokedWhileRunning = revoked.get();
        source.close(); // closing the consumer revokes its partitions: one more revocation

        System.out.printf(
                "slow consumer: %d records in %d ms (max.poll.interval.ms %d), %d backpressure pauses, "
                        + "max %d buffered of %d, %d assignments, %d revocations before the close%n",
                partitions * perPartition,
                tookMs,
                pollIntervalMs,
                pauses,
                maxBuffered.get(),
                capacity,
                assigned.get(),
                revokedWhileRunning);
        assertThat(outOfOrder).hasValue(0);
        assertThat(next).containsOnly(perPartition);
        assertThat(tookMs).isGreaterThan(3L * pollIntervalMs); // really slower than the poll interval, three times over
        assertThat(revokedWhileRunning)
                .as("rebalances: the slow consumer was never thrown out")
                .isZero();
        assertThat(assigned).hasValue(1);
        assertThat(members).hasSize(1);
        assertThat(pauses).isGreaterThanOrEqualTo(3);
        assertThat(maxBuffered.get()).isLessThanOrEqualTo(capacity);
        assertThat(broker.committed("slow-group", topic)).isEqualTo(broker.endOffsets(topic, partitions));
    }

    @Test
    void secondConsumerJoiningMidStreamLosesNothingAndDuplicatesStayInTheUnacknowledgedWindow() throws Exception {
        String topic = "join";
        int partitions = 4, perPartition = 5_000, total = partitions * perPartition, capacity = 256;
        broker.createTopic(topic, partitions);
        produce(topic, partitions, perPartition);

        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicLong deliveries = new AtomicLong(), staleSkipped = new AtomicLong();
        AtomicInteger revocationsA = new AtomicInteger(), assignmentsB = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(total);
        CountDownLatch quarter = new CountDownLatch(total / 4);
        Map<String, Object> config = broker.consumerConfig("join-group");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 64);

        KafkaSource<Integer, String> a = KafkaSource.<Integer, String>builder(config)
                .topics(topic)
                .capacity(capacity)
                .onPartitionsRevoked(p -> revocationsA.incrementAndGet())
                .start();
        consume(a, seen, deliveries, staleSkipped, all, quarter);
        assertThat(quarter.await(60, TimeUnit.SECONDS)).isTrue();
        KafkaSource<Integer, String> b = KafkaSource.<Integer, String>builder(config)
                .topics(topic)
                .capacity(capacity)
                .onPartitionsAssigned(p -> assignmentsB.incrementAndGet())
                .start();
        consume(b, seen, deliveries, staleSkipped, all, null);
        assertThat(all.await(90, TimeUnit.SECONDS)).as("every record received").isTrue();
        a.close();
        b.close();

        long duplicates = deliveries.get() - seen.size();
        System.out.printf(
                "second consumer: %d records, %d deliveries, %d duplicates, %d stale skipped, "
                        + "%d revocations on the first, %d assignments on the second%n",
                seen.size(), deliveries.get(), duplicates, staleSkipped.get(), revocationsA.get(), assignmentsB.get());
        assertThat(seen).hasSize(total);
        assertThat(revocationsA.get())
                .as("the join rebalanced the first member")
                .isGreaterThanOrEqualTo(1);
        assertThat(assignmentsB.get()).isGreaterThanOrEqualTo(1);
        // a record can come twice only if it was delivered before a revoke and acknowledged after the
        // revoke's commit: at most what the channels held
        assertThat(duplicates).isLessThanOrEqualTo(2L * capacity);
        assertThat(broker.committed("join-group", topic)).isEqualTo(broker.endOffsets(topic, partitions));
    }

    private static void consume(
            KafkaSource<Integer, String> source,
            Set<Long> seen,
            AtomicLong deliveries,
            AtomicLong staleSkipped,
            CountDownLatch all,
            CountDownLatch quarter) {
        Flux.from(source.receiver()).subscribe(r -> {
            if (r.isStale()) {
                staleSkipped.incrementAndGet();
                return;
            }
            deliveries.incrementAndGet();
            if (seen.add(((long) r.partition() << 32) | r.offset())) {
                all.countDown();
                if (quarter != null) {
                    quarter.countDown();
                }
            }
            r.ack();
        });
    }

    @Test
    void partitionsAssignedByARebalanceWhileBackpressuredArePausedToo() throws Exception {
        String topic = "rebalance-paused";
        int perPartition = 30, pollIntervalMs = 2_000;
        broker.createTopic(topic, 2);
        produce(topic, 2, perPartition);
        Map<String, Object> config = broker.consumerConfig("rebalance-paused-group");
        config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, pollIntervalMs);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 16);
        // a member learns of a rebalance from a heartbeat; the rebalance waits max.poll.interval.ms for it
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 200);

        // A: nobody receives, so its channel fills and its loop pauses everything
        AtomicInteger revokedA = new AtomicInteger(), assignedA = new AtomicInteger();
        KafkaSource<Integer, String> a = KafkaSource.<Integer, String>builder(config)
                .topics(topic)
                .capacity(16)
                .onPartitionsAssigned(p -> assignedA.incrementAndGet())
                .onPartitionsRevoked(p -> revokedA.incrementAndGet())
                .start();
        // a second receiver handle keeps the channel open when take(1) cancels (and closes) the first
        Receiver<KafkaRecord<Integer, String>> held = a.receiver().clone();
        Flux.from(a.receiver()).take(1).blockLast(Duration.ofSeconds(60)); // assigned and fetching
        assertThat(assignedA).hasValue(1);

        // B joins: the rebalance gives A one partition back while A is backpressured. Were it not
        // paused again, A's next poll would return records it cannot send, its loop would stall past
        // max.poll.interval.ms, and the group would rebalance again (B assigned twice).
        AtomicInteger assignedB = new AtomicInteger(), revokedB = new AtomicInteger();
        KafkaSource<Integer, String> b = KafkaSource.<Integer, String>builder(config)
                .topics(topic)
                .capacity(16)
                .onPartitionsAssigned(p -> assignedB.incrementAndGet())
                .onPartitionsRevoked(p -> revokedB.incrementAndGet())
                .start();
        CountDownLatch share = new CountDownLatch(perPartition);
        long started = System.nanoTime();
        Flux.from(b.receiver()).delayElements(Duration.ofMillis(150)).subscribe(r -> {
            r.ack();
            share.countDown();
        });
        assertThat(share.await(60, TimeUnit.SECONDS)).isTrue(); // 4.5 s: over twice the poll interval
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        Set<String> members = broker.members("rebalance-paused-group");
        int revA = revokedA.get(), asgA = assignedA.get(), asgB = assignedB.get(), revB = revokedB.get();
        boolean aPaused = a.isBackpressured();
        // what A buffered before the revoke is still delivered, marked stale, and acknowledging it
        // commits nothing: the partitions' new owners read those records again
        int buffered = held.size();
        List<KafkaRecord<Integer, String>> beforeRevoke = new ArrayList<>();
        for (int i = 0; i < buffered; i++) {
            KafkaRecord<Integer, String> r = held.tryRecv();
            beforeRevoke.add(r);
            r.ack();
        }
        a.close();
        held.close();
        b.close();
        Map<TopicPartition, Long> committed = broker.committed("rebalance-paused-group", topic);

        System.out.printf(
                "rebalance while paused: B took its share in %d ms; A assigned %d, revoked %d; B assigned %d, revoked %d%n",
                tookMs, asgA, revA, asgB, revB);
        assertThat(tookMs).isGreaterThan(2L * pollIntervalMs);
        assertThat(revA).as("A: revoked once, by B's join").isEqualTo(1);
        assertThat(asgA).as("A: assigned at start and after the join").isEqualTo(2);
        assertThat(asgB).as("B: assigned once, never again").isEqualTo(1);
        assertThat(revB).isZero();
        assertThat(members).hasSize(2);
        assertThat(aPaused).isTrue();
        assertThat(beforeRevoke).hasSize(15).allMatch(KafkaRecord::isStale);
        // A never acknowledged a record it still owned: no commit for its partition; B's is at the end
        assertThat(committed).doesNotContainKey(new TopicPartition(topic, 0));
        assertThat(committed).containsEntry(new TopicPartition(topic, 1), (long) perPartition);
    }

    @Test
    void cancelThenRestartResumesFromTheCommittedOffsetsWithNothingLostOrRepeated() throws Exception {
        String topic = "resume";
        int partitions = 3, perPartition = 2_000, total = partitions * perPartition, first = 2_500;
        broker.createTopic(topic, partitions);
        produce(topic, partitions, perPartition);

        Map<Integer, List<Integer>> firstKeys = new ConcurrentHashMap<>();
        KafkaSource<Integer, String> one = KafkaSource.of(broker.consumerConfig("resume-group"), List.of(topic), 256);
        Flux.from(one.receiver())
                .doOnNext(r -> {
                    firstKeys
                            .computeIfAbsent(r.partition(), p -> new ArrayList<>())
                            .add(r.key());
                    r.ack();
                })
                .take(first) // cancels: the channel's last receiver closes, the loop stops
                .blockLast(Duration.ofSeconds(60));
        one.done().toCompletableFuture().get(30, TimeUnit.SECONDS);

        Map<TopicPartition, Long> committed = broker.committed("resume-group", topic);
        assertThat(committed.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(first);
        firstKeys.forEach((p, keys) ->
                assertThat(committed.get(new TopicPartition(topic, p))).isEqualTo((long) keys.size()));

        Map<Integer, List<Integer>> secondKeys = new HashMap<>();
        KafkaSource<Integer, String> two = KafkaSource.of(broker.consumerConfig("resume-group"), List.of(topic), 256);
        Flux.from(two.receiver())
                .doOnNext(r -> {
                    secondKeys
                            .computeIfAbsent(r.partition(), p -> new ArrayList<>())
                            .add(r.key());
                    r.ack();
                })
                .take(total - first)
                .blockLast(Duration.ofSeconds(60));
        two.close();

        for (int p = 0; p < partitions; p++) {
            List<Integer> all = new ArrayList<>(firstKeys.getOrDefault(p, List.of()));
            all.addAll(secondKeys.getOrDefault(p, List.of()));
            List<Integer> expected = new ArrayList<>();
            for (int k = 0; k < perPartition; k++) {
                expected.add(k);
            }
            assertThat(all)
                    .as("partition %d: first run then second, nothing lost or repeated", p)
                    .isEqualTo(expected);
        }
        assertThat(broker.committed("resume-group", topic)).isEqualTo(broker.endOffsets(topic, partitions));
    }

    /** A value deserializer that refuses the value "poison". */
    static final class PoisonAwareDeserializer implements Deserializer<String> {
        @Override
        public String deserialize(String topic, byte[] data) {
            String s = new String(data, StandardCharsets.UTF_8);
            if ("poison".equals(s)) {
                throw new IllegalArgumentException("poison value");
            }
            return s;
        }
    }

    @Test
    void consumerErrorFailsTheChannelAfterTheRecordsBeforeIt() throws Exception {
        String topic = "poison";
        broker.createTopic(topic, 1);
        KafkaSink<Integer, String> sink = KafkaSink.of(broker.producerConfig(), 64);
        Flux.range(0, 151)
                .map(i -> new ProducerRecord<>(topic, 0, i, i == 100 ? "poison" : "v" + i))
                .subscribe(sink);
        sink.done().toCompletableFuture().join();

        KafkaSource<Integer, String> source = KafkaSource.<Integer, String>builder(
                        broker.consumerConfig("poison-group"))
                .topics(topic)
                .capacity(1024)
                .deserializers(new IntegerDeserializer(), new PoisonAwareDeserializer())
                .start();
        StepVerifier.create(Flux.from(source.receiver()).map(r -> r.key()))
                .expectNextSequence(
                        () -> java.util.stream.IntStream.range(0, 100).iterator())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RecordDeserializationException.class))
                .verify(Duration.ofSeconds(60));
        assertThat(source.done().toCompletableFuture())
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableThat()
                .havingRootCause()
                .withMessage("poison value");
    }

    @Test
    void userPauseHoldsAcrossBackpressureResumesUntilTheUserResumes() throws Exception {
        String topic = "pause";
        broker.createTopic(topic, 2);
        TopicPartition p0 = new TopicPartition(topic, 0), p1 = new TopicPartition(topic, 1);
        KafkaSink<Integer, String> first = KafkaSink.of(broker.producerConfig(), 64);
        Flux.range(0, 500)
                .map(i -> new ProducerRecord<>(topic, 1, i, "p1-" + i))
                .subscribe(first);
        first.done().toCompletableFuture().join();

        Map<String, Object> config = broker.consumerConfig("pause-group");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 8);
        KafkaSource<Integer, String> source = KafkaSource.<Integer, String>builder(config)
                .topics(topic)
                .capacity(16)
                .start();
        source.pause(List.of(p0)).toCompletableFuture().get(30, TimeUnit.SECONDS);
        // p0's records exist only after the user paused it: any of them received means a resume for
        // backpressure undid the user's pause
        KafkaSink<Integer, String> second = KafkaSink.of(broker.producerConfig(), 64);
        Flux.range(0, 500)
                .map(i -> new ProducerRecord<>(topic, 0, i, "p0-" + i))
                .subscribe(second);
        second.done().toCompletableFuture().join();

        List<KafkaRecord<Integer, String>> received = Flux.from(source.receiver())
                .delayElements(Duration.ofMillis(2)) // slower than the poll loop: backpressure pauses and resumes
                .doOnNext(KafkaRecord::ack)
                .take(500)
                .collectList()
                .block(Duration.ofSeconds(60));
        long pausesWhileUserPaused = source.backpressurePauses();
        assertThat(received).allMatch(r -> r.partition() == 1);
        assertThat(received).extracting(KafkaRecord::key).containsExactlyElementsOf(range(500));
        assertThat(pausesWhileUserPaused).isGreaterThan(5);
        source.close();

        // a new source of the same group: p1 committed to its end, p0 still untouched
        KafkaSource<Integer, String> again = KafkaSource.<Integer, String>builder(config)
                .topics(topic)
                .capacity(16)
                .start();
        List<Integer> p0Keys = Flux.from(again.receiver())
                .doOnNext(r -> assertThat(r.topicPartition()).isEqualTo(p0))
                .doOnNext(KafkaRecord::ack)
                .map(KafkaRecord::key)
                .take(500)
                .collectList()
                .block(Duration.ofSeconds(60));
        again.close();
        assertThat(p0Keys).containsExactlyElementsOf(range(500));
        assertThat(broker.committed("pause-group", topic))
                .containsEntry(p0, 500L)
                .containsEntry(p1, 500L);
    }

    private static List<Integer> range(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }
}
