package dev.sluice.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.channel.Channel;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;

/**
 * Bad input to the Kafka bridge gets a clear error and changes nothing; no broker is needed (the
 * clients connect lazily, and nothing here is ever sent).
 */
class KafkaBridgeBadInputTest {
    private static final String NOWHERE = "127.0.0.1:9";
    private Producer<String, String> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", NOWHERE), new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void closeProducer() {
        producer.close(Duration.ZERO);
    }

    private static Map<String, Object> consumerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put("bootstrap.servers", NOWHERE);
        c.put("group.id", "g");
        c.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        c.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        return c;
    }

    @Test
    void sourceRefusesBadArgumentsBeforeCreatingAConsumer() {
        assertThatThrownBy(() -> KafkaSource.builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KafkaSource.of(consumerConfig(), List.of("t"), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> KafkaSource.of(consumerConfig(), List.of("t"), -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> KafkaSource.of(consumerConfig(), List.of("t"), Channel.MAX_CAPACITY + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaSource.of(consumerConfig(), List.of(), 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topics");
        assertThatThrownBy(() -> KafkaSource.of(consumerConfig(), null, 16)).isInstanceOf(NullPointerException.class);
        Map<String, Object> noGroup = consumerConfig();
        noGroup.remove("group.id");
        assertThatThrownBy(() -> KafkaSource.of(noGroup, List.of("t"), 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("group.id");
        Map<String, Object> badPollRecords = consumerConfig();
        badPollRecords.put("max.poll.records", 0);
        assertThatThrownBy(() -> KafkaSource.of(badPollRecords, List.of("t"), 16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max.poll.records");
        KafkaSource.Builder<String, String> b = KafkaSource.builder(consumerConfig());
        assertThatThrownBy(() -> b.commitInterval(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.pollTimeout(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.commitInterval(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> b.onPartitionsAssigned(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(b::start)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic");
    }

    @Test
    void sourceCapsMaxPollRecordsAtTheCapacityAndStopsOnClose() {
        KafkaSource<String, String> source = KafkaSource.of(consumerConfig(), List.of("t"), 8);
        assertThat(source.pollRecords()).isEqualTo(8);
        source.close();
        assertThat(source.done().toCompletableFuture()).isCompleted();
        assertThat(source.receiver().isClosed()).isTrue();
        assertThat(source.pause(List.of()).toCompletableFuture()).isCompletedExceptionally();
        source.close(); // idempotent
    }

    @Test
    void sinkRefusesBadArguments() {
        assertThatThrownBy(() -> KafkaSink.of(producer, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxInFlight")
                .hasMessageContaining("0");
        assertThatThrownBy(() -> KafkaSink.of((Producer<String, String>) null, 4))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KafkaSink.of((Map<String, Object>) null, 4)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KafkaSink.of(Map.of("bootstrap.servers", NOWHERE), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sinkTakesOneUpstreamAndRefusesNulls() throws InterruptedException {
        KafkaSink<String, String> sink = KafkaSink.of(producer, 4);
        AtomicLong firstRequested = new AtomicLong();
        AtomicBoolean secondCancelled = new AtomicBoolean();
        sink.onSubscribe(subscription(firstRequested, new AtomicBoolean()));
        sink.onSubscribe(subscription(new AtomicLong(), secondCancelled));
        assertThat(firstRequested).hasValue(4); // the whole window
        assertThat(secondCancelled).isTrue(); // §2.5
        assertThatThrownBy(() -> sink.onNext(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sink.onError(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sink.onSubscribe(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sink.drain(
                        Channel.<ProducerRecord<String, String>>bounded(1).receiver()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already used");
        assertThat(sink.inFlight()).isZero();
        assertThat(sink.done().toCompletableFuture()).isNotDone();
    }

    private static Subscription subscription(AtomicLong requested, AtomicBoolean cancelled) {
        return new Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet(n);
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        };
    }
}
