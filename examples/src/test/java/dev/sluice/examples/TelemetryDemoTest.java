package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The main job, as the README runs it but shorter: every reading stored or (drop-oldest) counted. */
@Timeout(120)
class TelemetryDemoTest {
    private static final Pattern SUMMARY = Pattern.compile(
            "telemetry: (\\d+) readings from (\\d+) uplinks in .*; stored (\\d+) in (\\d+) batches; "
                    + "0 lost, 0 duplicated, 0 out of order; uplinks waited ([0-9.]+) s in total for room; (\\d+) dropped");
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return TelemetryDemo.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
    }

    private Matcher summary() {
        Matcher m = SUMMARY.matcher(out.toString(StandardCharsets.UTF_8));
        assertThat(m.find()).as(out.toString(StandardCharsets.UTF_8)).isTrue();
        return m;
    }

    @Test
    void aStoreSlowerThanTheUplinksMakesThemWaitAndEveryReadingIsStored() {
        // 3 uplinks at 20,000/s against a store of at most 200 readings per 5 ms (40,000/s)
        int status =
                run("--producers", "3", "--rate", "20000", "--duration", "1.5", "--batch", "200", "--store-ms", "5");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Matcher m = summary();
        assertThat(m.group(1)).isEqualTo(m.group(3)); // sent == stored
        assertThat(m.group(2)).isEqualTo("3");
        assertThat(Double.parseDouble(m.group(5))).isGreaterThan(0.0); // backpressure was felt
        assertThat(m.group(6)).isEqualTo("0");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("| channel ").contains("| uplinks waited ");
    }

    @Test
    void dropOldestNeverMakesTheUplinksWaitAndCountsEveryDrop() {
        int status =
                run("--producers", "2", "--rate", "40000", "--duration", "1.5", "--capacity", "64", "--drop-oldest");

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Matcher m = summary();
        long sent = Long.parseLong(m.group(1)),
                stored = Long.parseLong(m.group(3)),
                dropped = Long.parseLong(m.group(6));
        assertThat(dropped).isPositive();
        assertThat(stored + dropped).isEqualTo(sent);
        assertThat(m.group(5)).isEqualTo("0.0");
    }

    @Test
    void badOptionsExitWithTwoAndTheUsage() {
        assertThat(run("--producers", "0")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--producers must be at least 1")
                .contains("Usage: TelemetryDemo");
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--drop-oldest");
    }
}
