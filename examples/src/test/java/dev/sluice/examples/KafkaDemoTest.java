package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Kafka round trip, with its own in-process broker, as the README runs it but shorter. */
@Timeout(180)
class KafkaDemoTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        return KafkaDemo.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
    }

    @Test
    void everyRecordGoesThroughTheTopicAndBackInOrderWithTheOffsetsCommitted() throws Exception {
        int status = run("--records", "20000", "--capacity", "256", "--store-ms", "5");

        String out = this.out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out)
                .contains(
                        "KafkaSink(max 2048 in flight) -> topic 'telemetry' (4 partitions) -> KafkaSource(capacity 256)")
                .contains("kafka: 20000 of 20000 records through the topic and back")
                .contains("0 lost, 0 duplicated, 0 out of order")
                .contains("committed offsets at the end of every partition");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void badOptionsExitWithTwoAndTheUsage() throws Exception {
        assertThat(run("--capacity", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--capacity must be at least 1: 0")
                .contains("Usage: KafkaDemo");
    }
}
