package dev.sluice.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads JMH's JSON result files ({@code -rf json}) into {@link Measurement}s and merges several files
 * into one list.
 *
 * <p><b>Merging.</b> Files of different JVMs simply add up: each measurement keeps its {@link Jdk}
 * and the report never compares across JVMs. When two files of the same JVM measured the same
 * benchmark with the same parameters, which is what a separate {@code -prof gc} run of a few cases
 * does, the first file's scores are kept and only the secondary metrics it lacks (such as {@code
 * gc.alloc.rate.norm}) are taken from the later one. So the order of the files matters: give the
 * main run first.
 */
public final class JmhResults {

    private JmhResults() {}

    /** Reads and merges the files, in order (see the class comment). */
    public static List<Measurement> read(List<Path> files) throws IOException {
        List<Measurement> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
        }
        return merge(all);
    }

    /** The measurements in one file's text; {@code source} names it in error messages. */
    public static List<Measurement> parse(String json, String source) {
        Object root;
        try {
            root = JsonReader.parse(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        if (!(root instanceof List<?> rows)) {
            throw new IllegalArgumentException(source + ": a JMH result file is a JSON array");
        }
        List<Measurement> measurements = new ArrayList<>();
        for (Object row : rows) {
            try {
                measurements.add(measurement(object(row, "a result")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        source + ", result " + measurements.size() + ": " + e.getMessage(), e);
            }
        }
        return measurements;
    }

    /** First-wins merge of measurements of the same JVM, benchmark and parameters (see the class comment). */
    public static List<Measurement> merge(List<Measurement> measurements) {
        Map<List<Object>, Measurement> merged = new LinkedHashMap<>();
        for (Measurement m : measurements) {
            List<Object> key = List.of(m.jdk(), m.benchmark(), m.params());
            Measurement earlier = merged.get(key);
            if (earlier == null) {
                merged.put(key, m);
                continue;
            }
            Map<String, Score> secondary = new LinkedHashMap<>(earlier.secondary());
            m.secondary().forEach(secondary::putIfAbsent);
            merged.put(
                    key,
                    new Measurement(
                            earlier.jdk(),
                            earlier.benchmark(),
                            earlier.family(),
                            earlier.method(),
                            earlier.mode(),
                            earlier.threads(),
                            earlier.params(),
                            earlier.primary(),
                            Collections.unmodifiableMap(secondary),
                            earlier.settings()));
        }
        return List.copyOf(merged.values());
    }

    private static Measurement measurement(Map<String, Object> row) {
        String benchmark = string(row, "benchmark");
        int lastDot = benchmark.lastIndexOf('.');
        if (lastDot <= 0) {
            throw new IllegalArgumentException("benchmark name without a class: " + benchmark);
        }
        String method = benchmark.substring(lastDot + 1);
        String qualifiedClass = benchmark.substring(0, lastDot);
        String family = Measurement.familyOf(qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1));
        String mode = string(row, "mode");
        boolean higherIsBetter = mode.equals("thrpt");
        Jdk jdk = new Jdk(
                Objects.toString(row.get("jdkVersion"), "unknown"),
                Objects.toString(row.get("vmName"), "unknown VM"),
                Objects.toString(row.get("vmVersion"), "unknown version"));

        Map<String, String> params = new LinkedHashMap<>();
        Object rawParams = row.get("params");
        if (rawParams != null) {
            object(rawParams, "params").forEach((k, v) -> params.put(k, String.valueOf(v)));
        }

        Score primary = score(object(row.get("primaryMetric"), "primaryMetric"), higherIsBetter);
        Map<String, Score> secondary = new LinkedHashMap<>();
        Object rawSecondary = row.get("secondaryMetrics");
        if (rawSecondary != null) {
            object(rawSecondary, "secondaryMetrics")
                    .forEach((name, metric) -> secondary.put(name, score(object(metric, name), higherIsBetter)));
        }
        Object threads = row.get("threads");
        return new Measurement(
                jdk,
                benchmark,
                family,
                method,
                mode,
                threads == null ? 1 : (int) JsonReader.number(threads),
                Collections.unmodifiableMap(params),
                primary,
                Collections.unmodifiableMap(secondary),
                settings(row));
    }

    private static String settings(Map<String, Object> row) {
        Object forks = row.get("forks");
        String forkCount = forks == null ? "?" : String.valueOf(Math.round(JsonReader.number(forks)));
        return "JMH " + Objects.toString(row.get("jmhVersion"), "?")
                + ", forks " + forkCount
                + ", warm-up " + iterations(row, "warmup")
                + ", measurement " + iterations(row, "measurement");
    }

    private static String iterations(Map<String, Object> row, String phase) {
        Object count = row.get(phase + "Iterations");
        String iterations = count == null ? "?" : String.valueOf(Math.round(JsonReader.number(count)));
        return iterations + " × " + Objects.toString(row.get(phase + "Time"), "?");
    }

    private static Score score(Map<String, Object> metric, boolean higherIsBetter) {
        if (!metric.containsKey("score")) {
            throw new IllegalArgumentException("a metric without a score");
        }
        return new Score(
                JsonReader.number(metric.get("score")),
                JsonReader.number(metric.get("scoreError")),
                Objects.toString(metric.get("scoreUnit"), ""),
                higherIsBetter);
    }

    private static String string(Map<String, Object> row, String name) {
        if (!(row.get(name) instanceof String value)) {
            throw new IllegalArgumentException("\"" + name + "\" is missing or not a string");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return (Map<String, Object>) map;
    }
}
