package dev.sluice.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The targets of {@code PERFORMANCE.md} ("Targets"), each as a lookup in the results. The benchmark
 * names they use are the conventions of the {@code benchmarks} module: families {@code Bounded}
 * ({@code shape} × {@code capacity}), {@code Rendezvous} ({@code shape}), {@code BlockingToReactive}
 * ({@code producers}); Sluice methods {@code sluice}, {@code sluiceSpecialised}, {@code
 * sluiceVirtual}, {@code sluiceFlux}, {@code sluiceFused}; anchors named after what they measure.
 */
public final class Targets {

    private Targets() {}

    private static final Map<String, String> SPSC_1024 = Map.of("shape", "spsc", "capacity", "1024");
    private static final Map<String, String> MPSC_1024 = Map.of("shape", "mpsc", "capacity", "1024");
    private static final Map<String, String> MPMC_1024 = Map.of("shape", "mpmc", "capacity", "1024");
    private static final String CROSSBEAM = "crossbeam-channel";

    /**
     * The targets of issue 10 (the core's second design) first, then the rest of {@code PERFORMANCE.md}'s
     * list. Every figure is a ratio within one run.
     */
    public static final List<Target> PERFORMANCE = List.of(
            reactive("`Receiver` direct, 1 producer", "1", "sluice", "submissionPublisher", "`SubmissionPublisher`", 2),
            reactive(
                    "`Receiver` direct, 4 producers", "4", "sluice", "submissionPublisher", "`SubmissionPublisher`", 2),
            reactive(
                    "`Flux.from(rx).publishOn`, 1 producer",
                    "1",
                    "sluiceFlux",
                    "submissionPublisher",
                    "`SubmissionPublisher`",
                    1.5),
            reactive(
                    "`Flux.from(rx).publishOn`, 4 producers",
                    "4",
                    "sluiceFlux",
                    "submissionPublisher",
                    "`SubmissionPublisher`",
                    1.5),
            reactive(
                    "`Receiver` direct, 1 producer",
                    "1",
                    "sluice",
                    "rxjavaFlowableCreate",
                    "RxJava `Flowable.create(BUFFER)`",
                    1),
            reactive(
                    "`Receiver` direct, 4 producers",
                    "4",
                    "sluice",
                    "rxjavaFlowableCreate",
                    "RxJava `Flowable.create(BUFFER)`",
                    1),
            reactive(
                    "`Flux.from(rx).publishOn`, 1 producer",
                    "1",
                    "sluiceFlux",
                    "rxjavaFlowableCreate",
                    "RxJava `Flowable.create(BUFFER)`",
                    1),
            reactive(
                    "`Flux.from(rx).publishOn`, 4 producers",
                    "4",
                    "sluiceFlux",
                    "rxjavaFlowableCreate",
                    "RxJava `Flowable.create(BUFFER)`",
                    1),
            reactive(
                    "`Receiver` direct, 1 and 4 producers",
                    null,
                    "sluice",
                    "reactorSink",
                    "the Reactor sink with a retrying handler",
                    1),
            reactive(
                    "`Flux.from(rx).publishOn`, 1 and 4 producers",
                    null,
                    "sluiceFlux",
                    "reactorSink",
                    "the Reactor sink with a retrying handler",
                    1),
            new Target.Ratio(
                    "`bounded(1024)` 1 producer 1 consumer vs `ArrayBlockingQueue`",
                    "Bounded",
                    SPSC_1024,
                    List.of("sluice"),
                    "arrayBlockingQueue",
                    3,
                    null),
            new Target.Ratio(
                    "`bounded(1024)` 4 producers → 1 consumer vs `ArrayBlockingQueue`",
                    "Bounded",
                    MPSC_1024,
                    List.of("sluice", "sluiceSpecialised"),
                    "arrayBlockingQueue",
                    2,
                    null),
            kotlin("spsc", "1"),
            kotlin("spsc", "16"),
            kotlin("mpmc", "1"),
            kotlin("mpmc", "16"),
            new Target.Ratio(
                    "rendezvous vs `SynchronousQueue`, every shape",
                    "Rendezvous",
                    Map.of(),
                    List.of("sluice"),
                    "synchronousQueue",
                    2,
                    null),
            new Target.Ratio(
                    "virtual threads, jox's harness, 1 pair (capacities 0 / 16 / 100), vs jox",
                    "VirtualThread",
                    Map.of(),
                    List.of("sluice"),
                    "joxChannel",
                    2,
                    null),
            new Target.Ratio(
                    "virtual threads, 10,000 parallel pairs, capacity 16, vs jox",
                    "VirtualThread",
                    Map.of(),
                    List.of("sluiceParallel"),
                    "joxParallel",
                    2,
                    null),
            new Target.Allocation(
                    "steady-state allocation, bounded and reactive",
                    Set.of("Bounded", "Allocation", "BlockingToReactive", "ReactiveToBlocking"),
                    1),
            // the rest of PERFORMANCE.md
            new Target.Ratio(
                    "SPSC flavor vs JCTools `SpscArrayQueue` busy-spin",
                    "Bounded",
                    SPSC_1024,
                    List.of("sluiceSpecialised"),
                    "jctoolsSpin",
                    0.5,
                    null),
            new Target.Ratio(
                    "MPMC 4×4 vs `ArrayBlockingQueue`",
                    "Bounded",
                    MPMC_1024,
                    List.of("sluice"),
                    "arrayBlockingQueue",
                    2,
                    null),
            new Target.Ratio(
                    "capacity 1 vs `ArrayBlockingQueue(1)`",
                    "Bounded",
                    Map.of("shape", "spsc", "capacity", "1"),
                    List.of("sluice"),
                    "arrayBlockingQueue",
                    2,
                    null),
            new Target.Rate(
                    "capacity 0, virtual threads, within 2× of Go's unbuffered channel",
                    "Rendezvous",
                    Map.of("shape", "spsc"),
                    List.of("sluiceVirtual"),
                    3.5,
                    "Go's 7.0 / 2"),
            new Target.Rate("crossbeam bounded(1024), spsc", "Bounded", SPSC_1024, List.of(), 26.7, CROSSBEAM),
            new Target.Rate("crossbeam bounded(1024), mpsc", "Bounded", MPSC_1024, List.of(), 41.7, CROSSBEAM),
            new Target.Rate("crossbeam bounded(1024), mpmc", "Bounded", MPMC_1024, List.of(), 33, CROSSBEAM),
            new Target.Ratio("vs jox channels, every case", null, Map.of(), List.of(), "joxChannel", 1, null),
            new Target.Ratio(
                    "vs Kotlin coroutine channels, every case", null, Map.of(), List.of(), "kotlinChannel", 1, null),
            // issue 11, the Reactor bridge
            reactive(
                    "fused `ChannelFlux.from(rx).publishOn`, 1 and 4 producers",
                    null,
                    "sluiceFused",
                    "sluiceFlux",
                    "`Flux.from(rx).publishOn` (unfused)",
                    1.3),
            reactive(
                    "fused `ChannelFlux.from(rx).publishOn`, 1 and 4 producers",
                    null,
                    "sluiceFused",
                    "submissionPublisher",
                    "`SubmissionPublisher`",
                    2),
            reactive(
                    "fused `ChannelFlux.from(rx).publishOn`, 1 and 4 producers",
                    null,
                    "sluiceFused",
                    "reactorSink",
                    "the Reactor sink with a retrying handler",
                    2),
            reactive(
                    "fused `ChannelFlux.from(rx).publishOn`, 1 and 4 producers",
                    null,
                    "sluiceFused",
                    "rxjavaFlowableCreate",
                    "RxJava `Flowable.create(BUFFER)`",
                    1),
            // issue 12, the RxJava bridge
            reactive(
                    "fused `ChannelFlowable.from(rx).observeOn`, 1 and 4 producers",
                    null,
                    "sluiceFlowableFused",
                    "sluiceFlowable",
                    "`Flowable.fromPublisher(rx).observeOn` (unfused)",
                    1.3),
            reactive(
                    "fused `ChannelFlowable.from(rx).observeOn`, 1 and 4 producers",
                    null,
                    "sluiceFlowableFused",
                    "rxjavaFlowableCreate",
                    "RxJava `Flowable.create(BUFFER)`",
                    1.5),
            // issue 13, select
            new Target.Ratio(
                    "select over 1 and 2 rendezvous receive clauses, virtual threads, vs jox's `select`",
                    "Select",
                    Map.of(),
                    List.of("sluiceSelect"),
                    "joxSelect",
                    2,
                    null),
            new Target.Ratio(
                    "select over 1 and 2 rendezvous receive clauses vs Kotlin's `select`",
                    "Select",
                    Map.of(),
                    List.of("sluiceSelect"),
                    "kotlinSelect",
                    1,
                    null),
            new Target.Ratio(
                    "`ChannelFlux.produce` on a virtual thread vs on a platform thread (within 10 %), 1 and 4 producers",
                    "Produce", Map.of(), List.of("virtualThread"), "platformThread", 0.9, null),
            // issue 14, the Kafka bridge
            new Target.Ratio(
                    "Kafka topic → `KafkaSource` → `Flux`, records/s, vs a plain poll loop (within 10 %)",
                    "Kafka", Map.of(), List.of("sourceToFlux"), "plainPollLoop", 0.9, null),
            new Target.Ratio(
                    "`Flux` → `KafkaSink` → topic, records/s, vs a plain `send` loop (within 10 %)",
                    "Kafka", Map.of(), List.of("sinkFromFlux"), "plainSendLoop", 0.9, null));

    private static Target kotlin(String shape, String capacity) {
        return new Target.Ratio(
                "capacity " + capacity + ", " + shape + ", vs Kotlin `Channel(" + capacity + ")`",
                "Bounded",
                Map.of("shape", shape, "capacity", capacity),
                List.of(),
                "kotlinChannel",
                1,
                null);
    }

    private static Target reactive(
            String what, String producers, String sluice, String anchor, String anchorName, double required) {
        return new Target.Ratio(
                "blocking → " + what + ", vs " + anchorName,
                "BlockingToReactive",
                producers == null ? Map.of() : Map.of("producers", producers),
                List.of(sluice),
                anchor,
                required,
                null);
    }

    /**
     * Every target on every JVM's cases: target by target, and for each target the JVMs in the order
     * given. With no JVM at all, every target is "not measured".
     */
    public static List<Outcome> evaluate(List<Target> targets, List<Jdk> jdks, List<Case> cases) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Target target : targets) {
            if (jdks.isEmpty()) {
                outcomes.add(target.evaluate(null, List.of()));
            }
            for (Jdk jdk : jdks) {
                outcomes.add(target.evaluate(
                        jdk, cases.stream().filter(c -> c.jdk().equals(jdk)).toList()));
            }
        }
        return List.copyOf(outcomes);
    }
}
