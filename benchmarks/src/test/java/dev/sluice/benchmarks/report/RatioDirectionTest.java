package dev.sluice.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A ratio always says how many times better Sluice is, whichever way the unit points. */
class RatioDirectionTest {

    @Test
    void throughputRatioIsSluiceOverAnchor() {
        Score sluice = new Score(39, 1, "ops/us", true);
        Score anchor = new Score(13, 1, "ops/us", true);

        assertThat(sluice.timesBetterThan(anchor)).isEqualTo(3.0);
        assertThat(anchor.timesBetterThan(sluice)).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void timeRatioIsAnchorOverSluice() {
        Score sluice = new Score(450, 10, "ns/op", false);
        Score anchor = new Score(1350, 10, "ns/op", false);

        assertThat(sluice.timesBetterThan(anchor)).isEqualTo(3.0);
        assertThat(anchor.timesBetterThan(sluice)).isCloseTo(1 / 3.0, within(1e-12));
    }

    @Test
    void differentUnitsAreComparedAsRates() {
        assertThat(new Score(26, 0, "ops/us", true).timesBetterThan(new Score(13_000, 0, "ops/ms", true)))
                .isCloseTo(2.0, within(1e-12));
        // 20 ns per message is 50 messages per µs
        assertThat(new Score(100, 0, "ops/us", true).timesBetterThan(new Score(20, 0, "ns/op", false)))
                .isCloseTo(2.0, within(1e-12));
        assertThat(new Score(1, 0, "us/op", false).perMicrosecond()).isEqualTo(1.0);
        assertThat(new Score(3, 0, "B/op", false).perMicrosecond()).isNaN();
    }

    @Test
    void pingPongCasesReadTimeTheRightWayRound() {
        List<Case> cases = FamilyTable.allCases(FamilyTable.build(JmhRows.on("17")
                .avgt("PingPongBenchmark.exchanger", 900)
                .avgt("PingPongBenchmark.sluice", 450)
                .avgt("PingPongBenchmark.synchronousQueue", 1800)
                .measurements()));

        assertThat(cases).hasSize(1);
        assertThat(cases.get(0).ratio("sluice", "exchanger")).isEqualTo(2.0);
        assertThat(cases.get(0).ratio("sluice", "synchronousQueue")).isEqualTo(4.0);
    }

    @Test
    void throughputCasesReadTheRightWayRound() {
        List<Case> cases = FamilyTable.allCases(FamilyTable.build(JmhRows.on("17")
                .thrpt("BoundedBenchmark.arrayBlockingQueue", 10, "shape", "spsc")
                .thrpt("BoundedBenchmark.sluice", 25, "shape", "spsc")
                .measurements()));

        assertThat(cases.get(0).ratio("sluice", "arrayBlockingQueue")).isEqualTo(2.5);
        assertThat(cases.get(0).ratio("sluice", "missing")).isNaN();
    }
}
