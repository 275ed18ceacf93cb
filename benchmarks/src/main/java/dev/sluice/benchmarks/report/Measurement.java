package dev.sluice.benchmarks.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One row of JMH's JSON output: a benchmark method, measured with one set of parameters on one JVM.
 *
 * <p><b>Naming.</b> A benchmark {@code dev.sluice.benchmarks.BoundedBenchmark.sluice} belongs to the
 * family {@code Bounded}; a class {@code BoundedJdk21Benchmark} (benchmarks that need a newer JDK)
 * belongs to the same family. A method whose name starts with {@code sluice} measures Sluice, and so
 * does one starting with {@code channel} (the names of the first benchmarks, {@code
 * SpscThroughputBenchmark} and {@code AllocationBenchmark}); every other method is an anchor.
 *
 * <p><b>Groups.</b> For a JMH {@code @Group} the primary score is the sum over the group's methods;
 * for a producer/consumer pair that is twice the message rate. JMH lists each method's own score among
 * the secondary metrics, under the method's name. {@link #messageRate} therefore takes, for a group,
 * the slowest of those per-method scores: the rate at which messages actually went through.
 *
 * @param settings how JMH ran it, for the report's header: {@code JMH 1.37, 3 forks, warm-up 5 × 2 s,
 *     measurement 5 × 2 s}
 */
public record Measurement(
        Jdk jdk,
        String benchmark,
        String family,
        String method,
        String mode,
        int threads,
        Map<String, String> params,
        Score primary,
        Map<String, Score> secondary,
        String settings) {

    /** The secondary metric JMH's {@code -prof gc} gives: bytes allocated per operation. */
    public static final String ALLOCATION_METRIC = "gc.alloc.rate.norm";

    private static final Pattern METHOD_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Pattern VERSIONED_CLASS = Pattern.compile("Jdk[0-9]+$");

    /** The family of a benchmark class's simple name: {@code BoundedJdk21Benchmark} → {@code Bounded}. */
    public static String familyOf(String simpleClassName) {
        String name = simpleClassName;
        if (name.endsWith("Benchmark") && name.length() > "Benchmark".length()) {
            name = name.substring(0, name.length() - "Benchmark".length());
        }
        String family = VERSIONED_CLASS.matcher(name).replaceFirst("");
        return family.isEmpty() ? name : family;
    }

    /** Whether a benchmark method measures Sluice (as opposed to an anchor). */
    public static boolean isSluiceMethod(String method) {
        return method.startsWith("sluice") || method.startsWith("channel");
    }

    public boolean isSluice() {
        return isSluiceMethod(method);
    }

    /** The benchmark class's simple name: {@code BoundedJdk21Benchmark}. */
    public String className() {
        String qualifiedClass = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
    }

    /** Whether this is a JMH group (see the class comment). */
    public boolean isGroup() {
        return groupMembers().size() >= 2;
    }

    /**
     * The figure to compare: the primary score, or for a group the slowest member's score (lowest
     * throughput, or highest time per operation).
     */
    public Score messageRate() {
        List<Score> members = groupMembers();
        if (members.size() < 2) {
            return primary;
        }
        Comparator<Score> better = Comparator.comparingDouble(Score::value);
        if (!primary.higherIsBetter()) {
            better = better.reversed();
        }
        return members.stream().min(better).orElseThrow();
    }

    /** The name of the group member {@link #messageRate} uses, if this is a group. */
    public Optional<String> slowestMember() {
        if (!isGroup()) {
            return Optional.empty();
        }
        Score slowest = messageRate();
        return secondary.entrySet().stream()
                .filter(e -> e.getValue() == slowest)
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** Bytes allocated per operation, when the run used {@code -prof gc}. */
    public Optional<Double> allocationPerOp() {
        Score score = secondary.get(ALLOCATION_METRIC);
        if (score == null) {
            // JMH before 1.35 prefixed profiler metrics with a middle dot
            score = secondary.get("·" + ALLOCATION_METRIC);
        }
        return Optional.ofNullable(score).map(Score::value);
    }

    /**
     * The secondary metrics that are a group's methods: named like a Java method (profiler metrics
     * have dots, dashes or a leading '·') and in the primary score's unit.
     */
    private List<Score> groupMembers() {
        return secondary.entrySet().stream()
                .filter(e -> METHOD_NAME.matcher(e.getKey()).matches())
                .filter(e -> e.getValue().unit().equals(primary.unit()))
                .map(Map.Entry::getValue)
                .toList();
    }
}
