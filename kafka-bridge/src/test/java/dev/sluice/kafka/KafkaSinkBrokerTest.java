package dev.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelClosedException;
import dev.sluice.channel.Sender;
import dev.sluice.kafka.testing.Broker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;

/**
 * {@link KafkaSink} against a real in-process KRaft broker (K4, K5): the in-flight bound as the
 * producer itself counts it, demand equal to the free slots, a send error that fails the stream with
 * its cause, and the blocking drain from many producer threads with exact per-producer order.
 */
class KafkaSinkBrokerTest {
    private static Broker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    /** Counts sends the producer accepted and has not acknowledged, as the producer sees them. */
    public static final class InFlightInterceptor implements ProducerInterceptor<Integer, String> {
        static final AtomicInteger OUTSTANDING = new AtomicInteger();
        static final AtomicInteger MAX = new AtomicInteger();

        @Override
        public ProducerRecord<Integer, String> onSend(ProducerRecord<Integer, String> record) {
            MAX.accumulateAndGet(OUTSTANDING.incrementAndGet(), Math::max);
            return record;
        }

        @Override
        public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
            OUTSTANDING.decrementAndGet();
        }

        @Override
        public void close() {}

        @Override
        public void configure(Map<String, ?> configs) {}
    }

    /** Reads {@code n} records of {@code topic} back through a source (and acknowledges them). */
    private static List<KafkaRecord<Integer, String>> readBack(String topic, String group, int n) {
        KafkaSource<Integer, String> source = KafkaSource.of(broker.consumerConfig(group), List.of(topic), 1024);
        try {
            return Flux.from(source.receiver())
                    .doOnNext(KafkaRecord::ack)
                    .take(n)
                    .collectList()
                    .block(Duration.ofSeconds(60));
        } finally {
            source.close();
        }
    }

    @Test
    void neverMoreThanMaxInFlightUnacknowledgedAndDemandIsTheFreeSlots() throws Exception {
        String topic = "window";
        int records = 20_000, maxInFlight = 8;
        broker.createTopic(topic, 2);
        Map<String, Object> config = broker.producerConfig();
        config.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, InFlightInterceptor.class.getName());
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0); // a window of 8 cannot fill a batch: send at once
        KafkaSink<Integer, String> sink = KafkaSink.of(config, maxInFlight);
        AtomicLong requested = new AtomicLong();
        AtomicInteger overAsked = new AtomicInteger();
        Flux.range(0, records)
                .doOnRequest(n -> {
                    // K4: what the sink asked for never exceeds the acknowledged sends plus the window
                    if (requested.addAndGet(n) > sink.acknowledged() + maxInFlight) {
                        overAsked.incrementAndGet();
                    }
                })
                .map(i -> new ProducerRecord<>(topic, i % 2, i, "v" + i))
                .subscribe(sink);
        sink.done().toCompletableFuture().get(60, TimeUnit.SECONDS);

        System.out.printf(
                "sink window: %d records, max %d unacknowledged (bound %d)%n",
                sink.acknowledged(), InFlightInterceptor.MAX.get(), maxInFlight);
        assertThat(sink.acknowledged()).isEqualTo(records);
        assertThat(sink.inFlight()).isZero();
        assertThat(InFlightInterceptor.MAX.get()).isBetween(2, maxInFlight);
        assertThat(overAsked).hasValue(0);
        List<KafkaRecord<Integer, String>> back = readBack(topic, "window-check", records);
        assertThat(back).hasSize(records);
        assertThat(back.stream().map(KafkaRecord::key).distinct().count()).isEqualTo(records);
    }

    @Test
    void aFailedSendFailsTheStreamWithItsCauseAndCancelsTheUpstream() {
        String topic = "too-large";
        Map<String, Object> config = broker.producerConfig();
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000);
        KafkaSink<Integer, String> sink = KafkaSink.of(config, 4);
        AtomicBoolean cancelled = new AtomicBoolean();
        Flux.range(0, 100)
                .map(i -> new ProducerRecord<>(topic, i, i == 50 ? "x".repeat(10_000) : "v" + i))
                .doOnCancel(() -> cancelled.set(true))
                .subscribe(sink);

        assertThat(sink.done().toCompletableFuture())
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(RecordTooLargeException.class);
        assertThat(cancelled).isTrue();
        assertThat(sink.acknowledged()).isLessThanOrEqualTo(50);
    }

    @Test
    void anUpstreamErrorFailsDone() {
        KafkaSink<Integer, String> sink = KafkaSink.of(broker.producerConfig(), 4);
        IllegalStateException boom = new IllegalStateException("upstream failed");
        Flux.range(0, 10)
                .map(i -> new ProducerRecord<>("upstream-error", i, "v" + i))
                .concatWith(Flux.error(boom))
                .subscribe(sink);
        assertThat(sink.done().toCompletableFuture())
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableThat()
                .havingCause()
                .isSameAs(boom);
    }

    @Test
    void blockingDrainFromManyProducerThreadsKeepsEachProducersOrder() throws Exception {
        String topic = "drain";
        int producers = 4, each = 5_000;
        broker.createTopic(topic, 1);
        Channel<ProducerRecord<Integer, String>> ch = Channel.bounded(256);
        List<Thread> threads = new ArrayList<>();
        Sender<ProducerRecord<Integer, String>> tx = ch.sender();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Sender<ProducerRecord<Integer, String>> mine = tx.clone();
            Thread t = new Thread(() -> {
                try (mine) {
                    for (int i = 0; i < each; i++) {
                        mine.send(new ProducerRecord<>(topic, id, Integer.toString(i)));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            threads.add(t);
            t.start();
        }
        tx.close();
        long sent = KafkaSink.<Integer, String>of(broker.producerConfig(), 64).drain(ch.receiver());
        for (Thread t : threads) {
            t.join();
        }
        assertThat(sent).isEqualTo((long) producers * each);

        int[] next = new int[producers];
        for (KafkaRecord<Integer, String> r : readBack(topic, "drain-check", producers * each)) {
            assertThat(Integer.parseInt(r.value())).isEqualTo(next[r.key()]++);
        }
        assertThat(next).containsOnly(each);
    }

    @Test
    void blockingDrainSurfacesASendErrorAndClosesTheReceiverSoProducersLearn() throws Exception {
        String topic = "drain-too-large";
        Map<String, Object> config = broker.producerConfig();
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2_000);
        Channel<ProducerRecord<Integer, String>> ch = Channel.bounded(16);
        Sender<ProducerRecord<Integer, String>> tx = ch.sender();
        AtomicInteger accepted = new AtomicInteger();
        AtomicBoolean producerSawTheEnd = new AtomicBoolean();
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; ; i++) {
                    tx.send(new ProducerRecord<>(topic, i, i == 10 ? "x".repeat(10_000) : "v" + i));
                    accepted.incrementAndGet();
                }
            } catch (ChannelClosedException receiverGone) {
                producerSawTheEnd.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        KafkaSink<Integer, String> sink = KafkaSink.of(config, 4);
        assertThatThrownBy(() -> sink.drain(ch.receiver()))
                .isInstanceOf(KafkaException.class)
                .hasCauseInstanceOf(RecordTooLargeException.class);
        producer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(producerSawTheEnd).isTrue();
        assertThat(sink.done().toCompletableFuture()).isCompletedExceptionally();
        assertThat(sink.acknowledged()).isLessThan(accepted.get());
    }

    @Test
    void aSluiceReceiverSubscribesTheSinkDirectly() throws Exception {
        String topic = "direct";
        broker.createTopic(topic, 1);
        Channel<ProducerRecord<Integer, String>> ch = Channel.bounded(64);
        KafkaSink<Integer, String> sink = KafkaSink.of(broker.producerConfig(), 16);
        ch.receiver().subscribe(sink);
        Thread producer = new Thread(() -> {
            try (Sender<ProducerRecord<Integer, String>> tx = ch.sender()) {
                for (int i = 0; i < 3_000; i++) {
                    tx.send(new ProducerRecord<>(topic, i, "v" + i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        sink.done().toCompletableFuture().get(60, TimeUnit.SECONDS);
        producer.join();
        assertThat(sink.acknowledged()).isEqualTo(3_000);
        assertThat(readBack(topic, "direct-check", 3_000))
                .extracting(KafkaRecord::key)
                .containsExactlyElementsOf(Flux.range(0, 3_000).collectList().block());
    }

    @Test
    void anUpstreamThatSendsMoreThanItWasAskedForFailsTheSink() {
        KafkaSink<Integer, String> sink = KafkaSink.of(broker.producerConfig(), 1);
        AtomicBoolean cancelled = new AtomicBoolean();
        sink.onSubscribe(subscription(cancelled));
        sink.onNext(new ProducerRecord<>("over-asked", 1, "1")); // asked for
        sink.onNext(new ProducerRecord<>("over-asked", 2, "2")); // not asked for
        assertThat(cancelled).isTrue();
        assertThat(sink.done().toCompletableFuture())
                .failsWithin(Duration.ofSeconds(10))
                .withThrowableThat()
                .havingCause()
                .isInstanceOf(IllegalStateException.class)
                .withMessageContaining("more records than");
    }

    private static Subscription subscription(AtomicBoolean cancelled) {
        return new Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        };
    }
}
