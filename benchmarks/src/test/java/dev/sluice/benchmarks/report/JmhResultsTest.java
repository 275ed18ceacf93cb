package dev.sluice.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhResultsTest {

    @Test
    void readsRealJmhOutput() throws IOException {
        List<Measurement> results = JmhResults.read(List.of(Resources.path(Resources.REAL_GC)));

        assertThat(results)
                .extracting(Measurement::family, Measurement::method, Measurement::mode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("SpscThroughput", "channelBlocking", "thrpt"),
                        org.assertj.core.groups.Tuple.tuple("Allocation", "abqPutTake", "avgt"),
                        org.assertj.core.groups.Tuple.tuple("Allocation", "channelSendRecv", "avgt"));
        Measurement group = results.get(0);
        assertThat(group.jdk()).isEqualTo(new Jdk("17.0.15", "OpenJDK 64-Bit Server VM", "17.0.15+6-Debian-1deb12u1"));
        assertThat(group.params()).containsExactly(Map.entry("capacity", "1024"), Map.entry("flavor", "bounded"));
        assertThat(group.threads()).isEqualTo(2);
        assertThat(group.primary().value()).isEqualTo(5.531593558827341);
        assertThat(group.primary().error()).isNaN(); // JMH writes "NaN" for a single iteration
        assertThat(group.primary().unit()).isEqualTo("ops/us");
        assertThat(group.primary().higherIsBetter()).isTrue();
        assertThat(group.settings()).isEqualTo("JMH 1.37, forks 1, warm-up 0 × 200 ms, measurement 1 × 200 ms");

        Measurement anchor = results.get(1);
        assertThat(anchor.params()).containsExactly(Map.entry("capacity", "1024"));
        assertThat(anchor.isSluice()).isFalse();
        assertThat(anchor.primary().unit()).isEqualTo("ns/op");
        assertThat(anchor.primary().higherIsBetter()).isFalse();
        assertThat(anchor.allocationPerOp()).hasValue(0.036017231873756266);
        assertThat(results.get(2).isSluice()).isTrue();
    }

    @Test
    void aGroupIsMeasuredByItsSlowestMethodNotBySum() throws IOException {
        Measurement group =
                JmhResults.read(List.of(Resources.path(Resources.REAL_GC))).get(0);

        // real output: primary 5.53 = recv 2.747 + send 2.785; gc.* metrics are not members
        assertThat(group.isGroup()).isTrue();
        assertThat(group.messageRate().value()).isEqualTo(2.7469147344938554);
        assertThat(group.slowestMember()).hasValue("recv");
        assertThat(group.allocationPerOp()).hasValue(0.9012972003304156);
    }

    @Test
    void theSlowerSideOfAGroupIsTakenWhicheverItIs() {
        List<Measurement> results = JmhRows.on("17")
                .group("SpscThroughputBenchmark.abqBlocking", "timedOffer", 9.0, "timedPoll", 12.0)
                .group("SpscThroughputBenchmark.channelBlocking", "recv", 30.0, "send", 31.0)
                .thrpt("SpscThroughputBenchmark.channelSendRecv", 25.0)
                .measurements();

        assertThat(results.get(0).messageRate().value()).isEqualTo(9.0);
        assertThat(results.get(0).slowestMember()).hasValue("timedOffer");
        assertThat(results.get(1).messageRate().value()).isEqualTo(30.0);
        assertThat(results.get(2).isGroup()).isFalse();
        assertThat(results.get(2).messageRate().value()).isEqualTo(25.0);
        assertThat(results.get(2).slowestMember()).isEmpty();
    }

    @Test
    void profilerMetricsAloneDoNotMakeAGroup() {
        Measurement m = JmhRows.on("17")
                .thrptWithAllocation("BoundedBenchmark.sluice", 40, 0.5)
                .measurements()
                .get(0);

        assertThat(m.isGroup()).isFalse();
        assertThat(m.messageRate().value()).isEqualTo(40);
    }

    @Test
    void familiesComeFromClassNamesAndVersionedClassesJoinTheirFamily() {
        assertThat(Measurement.familyOf("BoundedBenchmark")).isEqualTo("Bounded");
        assertThat(Measurement.familyOf("BoundedJdk21Benchmark")).isEqualTo("Bounded");
        assertThat(Measurement.familyOf("PingPongBenchmark")).isEqualTo("PingPong");
        assertThat(Measurement.familyOf("Jdk21Benchmark")).isEqualTo("Jdk21");
        assertThat(Measurement.familyOf("Odd")).isEqualTo("Odd");
        assertThat(Measurement.isSluiceMethod("sluiceSpecialised")).isTrue();
        assertThat(Measurement.isSluiceMethod("channelSpin")).isTrue();
        assertThat(Measurement.isSluiceMethod("kotlinChannel")).isFalse();
        assertThat(Measurement.isSluiceMethod("arrayBlockingQueue")).isFalse();
    }

    @Test
    void aLaterFileOfTheSameJdkOnlyAddsTheMetricsTheFirstLacks() {
        List<Measurement> main = JmhRows.on("21")
                .thrpt("BoundedBenchmark.sluice", 40, "shape", "spsc")
                .thrpt("BoundedBenchmark.sluice", 30, "shape", "mpsc")
                .measurements();
        List<Measurement> gc = JmhRows.on("21")
                .thrptWithAllocation("BoundedBenchmark.sluice", 35, 0.25, "shape", "spsc")
                .thrptWithAllocation("BoundedBenchmark.sluice", 5, 16, "shape", "seq")
                .measurements();
        List<Measurement> otherJdk = JmhRows.on("25")
                .thrpt("BoundedBenchmark.sluice", 45, "shape", "spsc")
                .measurements();

        List<Measurement> merged = JmhResults.merge(concat(main, gc, otherJdk));

        assertThat(merged)
                .extracting(m -> m.jdk().label(), m -> m.params().get("shape"), m -> m.primary()
                        .value())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("21", "spsc", 40.0),
                        org.assertj.core.groups.Tuple.tuple("21", "mpsc", 30.0),
                        org.assertj.core.groups.Tuple.tuple("21", "seq", 5.0),
                        org.assertj.core.groups.Tuple.tuple("25", "spsc", 45.0));
        assertThat(merged.get(0).allocationPerOp()).hasValue(0.25);
        assertThat(merged.get(1).allocationPerOp()).isEmpty();
        assertThat(merged.get(3).allocationPerOp()).isEmpty();
    }

    @Test
    void namesTheFileAndResultOfBadInput() {
        assertThatThrownBy(() -> JmhResults.parse("{}", "x.json"))
                .hasMessageContaining("x.json")
                .hasMessageContaining("array");
        assertThatThrownBy(() -> JmhResults.parse("[{\"mode\": \"thrpt\"}]", "y.json"))
                .hasMessageContaining("y.json, result 0")
                .hasMessageContaining("benchmark");
        assertThatThrownBy(() -> JmhResults.parse("[1,", "z.json")).hasMessageContaining("z.json");
    }

    @Test
    void scoreErrorsAndUnitsAreKept() {
        Score score = new Score(12.34, 0.456, "ops/us", true);
        assertThat(score.format()).isEqualTo("12.3 ± 0.5");
        assertThat(new Score(0.052, Double.NaN, "ops/us", true).format()).isEqualTo("0.0520");
        assertThat(new Score(1400, 70.4, "ns/op", false).format()).isEqualTo("1400 ± 70");
        assertThat(new Score(165.2, 1, "ops/ms", true).perMicrosecond()).isCloseTo(0.1652, within(1e-12));
    }

    @SafeVarargs
    private static List<Measurement> concat(List<Measurement>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }

    @Test
    void readsTheNumbersJmhWritesAsStrings() {
        String json = "[{\"benchmark\": \"dev.sluice.benchmarks.XBenchmark.sluice\", \"mode\": \"thrpt\", "
                + "\"threads\": 2, \"forks\": 3, \"primaryMetric\": {\"score\": 1.5, \"scoreError\": \"NaN\", "
                + "\"scoreUnit\": \"ops/us\"}, \"secondaryMetrics\": {\"x\": {\"score\": \"Infinity\", "
                + "\"scoreError\": null, \"scoreUnit\": \"B/op\"}}}]";
        Measurement m = JmhResults.parse(json, "n.json").get(0);
        assertThat(m.primary().value()).isEqualTo(1.5);
        assertThat(m.primary().error()).isNaN();
        assertThat(m.secondary().get("x").value()).isInfinite();
        assertThat(m.secondary().get("x").error()).isNaN();
        assertThat(m.threads()).isEqualTo(2);
        assertThat(m.settings()).contains("forks 3");
        assertThatThrownBy(() -> JmhResults.parse(json.replace("1.5", "\"fast\""), "s.json"))
                .hasMessageContaining("s.json, result 0")
                .hasMessageContaining("not a number: \"fast\"");
    }
}
