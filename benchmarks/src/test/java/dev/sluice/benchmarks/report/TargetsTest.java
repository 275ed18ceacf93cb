package dev.sluice.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.benchmarks.report.Outcome.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private static final Target MPMC_VS_ABQ = target("`bounded(1024)` 1 producer 1 consumer vs `ArrayBlockingQueue`");
    private static final Target SPSC_VS_JCTOOLS = target("SPSC flavor vs JCTools `SpscArrayQueue` busy-spin");
    private static final Target FOUR_TO_ONE =
            target("`bounded(1024)` 4 producers → 1 consumer vs `ArrayBlockingQueue`");

    @Test
    void theListFollowsPerformanceMd() {
        assertThat(Targets.PERFORMANCE).hasSize(40);
        assertThat(MPMC_VS_ABQ.name()).contains("1 producer 1 consumer").contains("ArrayBlockingQueue");
        assertThat(MPMC_VS_ABQ.requirement()).isEqualTo("≥ 3×");
        assertThat(SPSC_VS_JCTOOLS.requirement()).isEqualTo("≥ 0.5×");
        assertThat(Targets.PERFORMANCE)
                .extracting(Target::requirement)
                .contains("≥ 26.7 msgs/µs (crossbeam-channel)", "≥ 3.5 msgs/µs (Go's 7.0 / 2)", "≤ 1 B/op", "≥ 1.3×");
    }

    @Test
    void aRatioTargetIsMetAtTheRequiredRatioAndNotBelow() {
        Outcome met = evaluate(MPMC_VS_ABQ, bounded("spsc", "1024", 39, 13));
        Outcome notMet = evaluate(MPMC_VS_ABQ, bounded("spsc", "1024", 38.9, 13));

        assertThat(met.status()).isEqualTo(Status.MET);
        assertThat(met.measured()).isEqualTo("3.00×");
        assertThat(met.chartValue()).isEqualTo(3.0);
        assertThat(met.chartRequired()).isEqualTo(3.0);
        assertThat(notMet.status()).isEqualTo(Status.NOT_MET);
        assertThat(notMet.measured()).isEqualTo("2.99×");
    }

    @Test
    void aTargetIsNotMeasuredWithoutItsCaseOrItsAnchor() {
        assertThat(evaluate(MPMC_VS_ABQ, bounded("mpmc", "1024", 39, 13)).status())
                .isEqualTo(Status.NOT_MEASURED);
        assertThat(evaluate(MPMC_VS_ABQ, bounded("spsc", "16", 39, 13)).status())
                .isEqualTo(Status.NOT_MEASURED);
        List<Measurement> noAnchor = JmhRows.on("21")
                .thrpt("BoundedBenchmark.sluice", 39, "capacity", "1024", "shape", "spsc")
                .measurements();
        Outcome outcome = evaluate(MPMC_VS_ABQ, noAnchor);
        assertThat(outcome.status()).isEqualTo(Status.NOT_MEASURED);
        assertThat(outcome.measured()).isEqualTo("—");
        assertThat(outcome.chartValue()).isNaN();
    }

    @Test
    void aTargetReadsOnlyTheSluiceMethodItNames() {
        // the SPSC flavor target is sluiceSpecialised's; plain sluice being fast does not count
        List<Measurement> results = JmhRows.on("21")
                .thrpt("BoundedBenchmark.jctoolsSpin", 100, "capacity", "1024", "shape", "spsc")
                .thrpt("BoundedBenchmark.sluice", 90, "capacity", "1024", "shape", "spsc")
                .thrpt("BoundedBenchmark.sluiceSpecialised", 40, "capacity", "1024", "shape", "spsc")
                .measurements();

        Outcome outcome = evaluate(SPSC_VS_JCTOOLS, results);

        assertThat(outcome.status()).isEqualTo(Status.NOT_MET);
        assertThat(outcome.measured()).isEqualTo("0.400×");
    }

    @Test
    void aBestOfTargetTakesTheBestSluiceMethodAndNamesIt() {
        List<Measurement> results = JmhRows.on("21")
                .thrpt("BoundedBenchmark.arrayBlockingQueue", 10, "capacity", "1024", "shape", "mpsc")
                .thrpt("BoundedBenchmark.sluice", 15, "capacity", "1024", "shape", "mpsc")
                .thrpt("BoundedBenchmark.sluiceSpecialised", 25, "capacity", "1024", "shape", "mpsc")
                .measurements();

        Outcome outcome = evaluate(FOUR_TO_ONE, results);

        assertThat(outcome.status()).isEqualTo(Status.MET);
        assertThat(outcome.measured()).isEqualTo("2.50× (`sluiceSpecialised`)");
    }

    @Test
    void anEveryCaseTargetReportsTheWorstCaseAndHowManyPass() {
        Target vsJox = target("vs jox channels, every case");
        List<Measurement> results = JmhRows.on("21")
                .thrpt("BoundedBenchmark.sluice", 30, "capacity", "16", "shape", "spsc")
                .thrpt("BoundedBenchmark.sluice", 50, "capacity", "1024", "shape", "spsc")
                .thrpt("BoundedBenchmark.sluiceSpecialised", 60, "capacity", "1024", "shape", "spsc")
                .thrpt("BoundedJdk21Benchmark.joxChannel", 40, "capacity", "16", "shape", "spsc")
                .thrpt("BoundedJdk21Benchmark.joxChannel", 50, "capacity", "1024", "shape", "spsc")
                .thrpt("RendezvousBenchmark.sluice", 2, "shape", "spsc")
                .thrpt("RendezvousBenchmark.sluiceVirtual", 5, "shape", "spsc")
                .thrpt("RendezvousJdk21Benchmark.joxChannel", 4, "shape", "spsc")
                .thrpt("UnboundedBenchmark.sluice", 4, "shape", "spsc") // no jox here: not a case
                .measurements();

        Outcome outcome = evaluate(vsJox, results);

        assertThat(outcome.status()).isEqualTo(Status.NOT_MET);
        assertThat(outcome.readings()).hasSize(3);
        assertThat(outcome.measured())
                .isEqualTo("worst 0.750× (Bounded capacity=16 shape=spsc, `sluice`); 2 of 3 pass");
        assertThat(outcome.chartValue()).isEqualTo(0.75);

        List<Measurement> allAhead = JmhRows.on("21")
                .thrpt("BoundedBenchmark.sluice", 40, "capacity", "16", "shape", "spsc")
                .thrpt("BoundedJdk21Benchmark.joxChannel", 40, "capacity", "16", "shape", "spsc")
                .measurements();
        assertThat(evaluate(vsJox, allAhead).status()).isEqualTo(Status.MET);
    }

    @Test
    void anAbsoluteTargetComparesMessagesPerMicrosecondWithTheBar() {
        Target crossbeamSpsc = target("crossbeam bounded(1024), spsc");
        Target virtual = target("capacity 0, virtual threads, within 2× of Go's unbuffered channel");

        Outcome fast = evaluate(
                crossbeamSpsc,
                JmhRows.on("21")
                        .thrpt("BoundedBenchmark.sluice", 20, "capacity", "1024", "shape", "spsc")
                        .thrpt("BoundedBenchmark.sluiceSpecialised", 26.7, "capacity", "1024", "shape", "spsc")
                        .measurements());
        Outcome slow = evaluate(
                virtual,
                JmhRows.on("21")
                        .thrpt("RendezvousBenchmark.sluice", 9, "shape", "spsc") // not the virtual-thread method
                        .thrpt("RendezvousBenchmark.sluiceVirtual", 3.4, "shape", "spsc")
                        .measurements());

        assertThat(fast.status()).isEqualTo(Status.MET);
        assertThat(fast.measured()).isEqualTo("26.7 msgs/µs (`sluiceSpecialised`)");
        assertThat(fast.chartValue()).isEqualTo(1.0);
        assertThat(fast.chartRequired()).isEqualTo(1.0);
        assertThat(slow.status()).isEqualTo(Status.NOT_MET);
        assertThat(slow.measured()).isEqualTo("3.40 msgs/µs");
    }

    @Test
    void theReactiveTargetsReadEachProducerCount() {
        List<Measurement> results = JmhRows.on("21")
                .thrpt("BlockingToReactiveBenchmark.sluiceFlux", 26, "producers", "1")
                .thrpt("BlockingToReactiveBenchmark.sluiceFlux", 12, "producers", "4")
                .thrpt("BlockingToReactiveBenchmark.submissionPublisher", 13, "producers", "1")
                .thrpt("BlockingToReactiveBenchmark.submissionPublisher", 9, "producers", "4")
                .thrpt("BlockingToReactiveBenchmark.rxjavaFlowableCreate", 23, "producers", "1")
                .thrpt("BlockingToReactiveBenchmark.rxjavaFlowableCreate", 16, "producers", "4")
                .measurements();

        assertThat(evaluate(
                                target("blocking → `Flux.from(rx).publishOn`, 1 producer, vs `SubmissionPublisher`"),
                                results)
                        .status())
                .isEqualTo(Status.MET);
        assertThat(evaluate(
                                target("blocking → `Flux.from(rx).publishOn`, 4 producers, vs `SubmissionPublisher`"),
                                results)
                        .status())
                .isEqualTo(Status.NOT_MET);
        assertThat(evaluate(
                                target(
                                        "blocking → `Flux.from(rx).publishOn`, 1 producer, vs RxJava `Flowable.create(BUFFER)`"),
                                results)
                        .status())
                .isEqualTo(Status.MET);
        assertThat(evaluate(
                                target(
                                        "blocking → `Flux.from(rx).publishOn`, 4 producers, vs RxJava `Flowable.create(BUFFER)`"),
                                results)
                        .status())
                .isEqualTo(Status.NOT_MET);
    }

    @Test
    void theFusedViewIsNotMeasuredWithoutItsRows() {
        Target fused = target(
                "blocking → fused `ChannelFlux.from(rx).publishOn`, 1 and 4 producers, vs `Flux.from(rx).publishOn` (unfused)");
        JmhRows rows = JmhRows.on("21").thrpt("BlockingToReactiveBenchmark.sluiceFlux", 20, "producers", "1");

        Outcome without = evaluate(fused, rows.measurements());
        Outcome with = evaluate(
                fused,
                rows.thrpt("BlockingToReactiveBenchmark.sluiceFused", 27, "producers", "1")
                        .measurements());

        assertThat(without.status()).isEqualTo(Status.NOT_MEASURED);
        assertThat(without.measured()).startsWith("—");
        assertThat(with.status()).isEqualTo(Status.MET);
        assertThat(with.measured()).isEqualTo("1.35×");
    }

    @Test
    void allocationCountsEverySluiceRowWithGcDataInBoundedAndAllocation() {
        Target allocation = target("steady-state allocation, bounded and reactive");
        JmhRows rows = JmhRows.on("21")
                .thrptWithAllocation("BoundedBenchmark.sluice", 40, 0.02, "capacity", "1024", "shape", "spsc")
                .thrptWithAllocation("BoundedBenchmark.sluiceSpecialised", 60, 0, "capacity", "1024", "shape", "spsc")
                .thrptWithAllocation("BoundedBenchmark.arrayBlockingQueue", 13, 50, "capacity", "1024", "shape", "spsc")
                .thrpt("BoundedBenchmark.sluice", 30, "capacity", "16", "shape", "spsc") // no gc data
                .thrptWithAllocation("UnboundedBenchmark.sluice", 30, 24, "shape", "spsc"); // another family

        Outcome met = evaluate(allocation, rows.measurements());
        Outcome notMet = evaluate(
                allocation,
                rows.thrptWithAllocation("AllocationBenchmark.channelSendRecv", 20, 1.5, "flavor", "spsc")
                        .measurements());

        assertThat(met.status()).isEqualTo(Status.MET);
        assertThat(met.measured()).startsWith("worst 0.0200 B/op").endsWith("2 of 2 pass");
        assertThat(met.chartValue()).isNaN(); // not a ratio: no bar
        assertThat(notMet.status()).isEqualTo(Status.NOT_MET);
        assertThat(notMet.measured())
                .isEqualTo("worst 1.50 B/op (Allocation flavor=spsc, `channelSendRecv`); 2 of 3 pass");
        Outcome noGc = evaluate(
                allocation,
                JmhRows.on("21").thrpt("BoundedBenchmark.sluice", 40).measurements());
        assertThat(noGc.status()).isEqualTo(Status.NOT_MEASURED);
    }

    @Test
    void eachJdkIsEvaluatedOnItsOwnResults() {
        List<Measurement> results = JmhResults.merge(java.util.stream.Stream.of(
                        bounded("spsc", "1024", 39, 13), // JDK 21: 3×
                        JmhRows.on("17")
                                .thrpt("BoundedBenchmark.arrayBlockingQueue", 20, "capacity", "1024", "shape", "spsc")
                                .measurements())
                .flatMap(List::stream)
                .toList());
        List<Jdk> jdks = results.stream().map(Measurement::jdk).distinct().toList();

        List<Outcome> outcomes =
                Targets.evaluate(List.of(MPMC_VS_ABQ), jdks, FamilyTable.allCases(FamilyTable.build(results)));

        assertThat(outcomes)
                .extracting(o -> o.jdk().label(), Outcome::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("21", Status.MET),
                        org.assertj.core.groups.Tuple.tuple("17", Status.NOT_MEASURED));
    }

    @Test
    void withoutAnyResultsEveryTargetIsNotMeasured() {
        List<Outcome> outcomes = Targets.evaluate(Targets.PERFORMANCE, List.of(), List.of());

        assertThat(outcomes).hasSize(Targets.PERFORMANCE.size()).allSatisfy(o -> assertThat(o.status())
                .isEqualTo(Status.NOT_MEASURED));
    }

    private static List<Measurement> bounded(String shape, String capacity, double sluice, double abq) {
        return JmhRows.on("21")
                .thrpt("BoundedBenchmark.arrayBlockingQueue", abq, "capacity", capacity, "shape", shape)
                .thrpt("BoundedBenchmark.sluice", sluice, "capacity", capacity, "shape", shape)
                .measurements();
    }

    private static Outcome evaluate(Target target, List<Measurement> results) {
        List<Case> cases = FamilyTable.allCases(FamilyTable.build(results));
        return target.evaluate(results.get(0).jdk(), cases);
    }

    private static Target target(String name) {
        return Targets.PERFORMANCE.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no target named " + name));
    }
}
