package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ProducersDemoTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws InterruptedException {
        return ProducersDemo.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyMessageOfEveryProducerArrives() throws InterruptedException {
        int status = run("--producers", "3", "--messages", "20000", "--capacity", "16");

        assertThat(status).as(err()).isZero();
        assertThat(out())
                .contains("3 producers -> Channel.bounded(16) -> 1 consumer")
                .contains("moved:      20000 of 20000 messages")
                .contains("throughput: ")
                .contains("producers waited ");
        assertThat(err()).isEmpty();
    }

    @Test
    void messagesThatDoNotDivideEvenlyAmongProducersAllArrive() throws InterruptedException {
        int status = run("--producers", "4", "--messages", "1003", "--capacity", "1");

        assertThat(status).as(err()).isZero();
        assertThat(out()).contains("moved:      1003 of 1003 messages");
    }

    @Test
    void defaultsAreFourProducersAndCapacity1024() {
        ProducersDemo.Options options = ProducersDemo.Options.parse(new String[0]);

        assertThat(options.producers).isEqualTo(4);
        assertThat(options.messages).isEqualTo(1_000_000);
        assertThat(options.capacity).isEqualTo(1024);
    }

    @Test
    void badArgumentsExitWithStatus2AndUsage() throws InterruptedException {
        int status = run("--producers", "0");

        assertThat(status).isEqualTo(2);
        assertThat(err()).contains("--producers must be between 1 and").contains("usage:");
        assertThat(out()).isEmpty();
    }
}
