package dev.sluice.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Hand-made JMH result rows, written as the JSON JMH writes, so that a test states exactly the
 * results it reads: {@code JmhRows.on("17.0.15").thrpt("BoundedBenchmark.sluice", 40, "shape",
 * "spsc").json()}.
 */
final class JmhRows {

    private final String jdkVersion;
    private final List<String> rows = new ArrayList<>();

    private JmhRows(String jdkVersion) {
        this.jdkVersion = jdkVersion;
    }

    static JmhRows on(String jdkVersion) {
        return new JmhRows(jdkVersion);
    }

    /** A throughput result in ops/us; {@code params} are name, value pairs. */
    JmhRows thrpt(String benchmark, double score, String... params) {
        return add(benchmark, "thrpt", metric(score, "ops/us"), Map.of(), params);
    }

    /** An average-time result in ns/op. */
    JmhRows avgt(String benchmark, double score, String... params) {
        return add(benchmark, "avgt", metric(score, "ns/op"), Map.of(), params);
    }

    /** A throughput result carrying {@code -prof gc}'s bytes per operation. */
    JmhRows thrptWithAllocation(String benchmark, double score, double bytesPerOp, String... params) {
        Map<String, String> secondary = new LinkedHashMap<>();
        secondary.put("gc.alloc.rate", metric(12.5, "MB/sec"));
        secondary.put(Measurement.ALLOCATION_METRIC, metric(bytesPerOp, "B/op"));
        secondary.put("gc.count", metric(0, "counts"));
        return add(benchmark, "thrpt", metric(score, "ops/us"), secondary, params);
    }

    /** A two-method JMH group: the primary score is the sum of the members, as JMH reports it. */
    JmhRows group(
            String benchmark, String first, double firstScore, String second, double secondScore, String... params) {
        Map<String, String> secondary = new LinkedHashMap<>();
        secondary.put(first, metric(firstScore, "ops/us"));
        secondary.put(second, metric(secondScore, "ops/us"));
        return add(benchmark, "thrpt", metric(firstScore + secondScore, "ops/us"), secondary, params);
    }

    String json() {
        return "[\n" + String.join(",\n", rows) + "\n]\n";
    }

    List<Measurement> measurements() {
        return JmhResults.parse(json(), "hand-made");
    }

    private JmhRows add(
            String benchmark, String mode, String primary, Map<String, String> secondary, String... params) {
        Map<String, String> paramMap = new LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            paramMap.put(params[i], params[i + 1]);
        }
        rows.add("{\"jmhVersion\": \"1.37\", \"benchmark\": \"dev.sluice.benchmarks." + benchmark + "\", "
                + "\"mode\": \"" + mode + "\", \"threads\": 1, \"forks\": 1, "
                + "\"jdkVersion\": \"" + jdkVersion + "\", \"vmName\": \"OpenJDK 64-Bit Server VM\", "
                + "\"vmVersion\": \"" + jdkVersion + "+1\", "
                + "\"warmupIterations\": 1, \"warmupTime\": \"200 ms\", "
                + "\"measurementIterations\": 1, \"measurementTime\": \"200 ms\", "
                + "\"params\": "
                + object(paramMap.entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, e -> "\"" + e.getValue() + "\"", (a, b) -> a, LinkedHashMap::new)))
                + ", \"primaryMetric\": " + primary
                + ", \"secondaryMetrics\": " + object(secondary) + "}");
        return this;
    }

    private static String metric(double score, String unit) {
        return String.format(
                Locale.ROOT,
                "{\"score\": %s, \"scoreError\": \"NaN\", \"scoreConfidence\": [\"NaN\", \"NaN\"], "
                        + "\"scoreUnit\": \"%s\", \"rawData\": [[%s]]}",
                score,
                unit,
                score);
    }

    private static String object(Map<String, String> members) {
        return members.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
