package dev.sluice.benchmarks.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's JSON result files ({@code -rf json}) into {@link Measurement}s, with Jackson, and
 * merges several files into one list.
 *
 * <p><b>Merging.</b> Files of different JVMs simply add up: each measurement keeps its {@link Jdk}
 * and the report never compares across JVMs. When two files of the same JVM measured the same
 * benchmark with the same parameters, which is what a separate {@code -prof gc} run of a few cases
 * does, the first file's scores are kept and only the secondary metrics it lacks (such as {@code
 * gc.alloc.rate.norm}) are taken from the later one. So the order of the files matters: give the
 * main run first.
 */
public final class JmhResults {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(source + ": a JMH result file is a JSON array");
        }
        List<Measurement> measurements = new ArrayList<>();
        for (JsonNode row : root) {
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

    private static Measurement measurement(JsonNode row) {
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
                row.path("jdkVersion").asText("unknown"),
                row.path("vmName").asText("unknown VM"),
                row.path("vmVersion").asText("unknown version"));

        Map<String, String> params = new LinkedHashMap<>();
        if (row.has("params")) {
            object(row.get("params"), "params")
                    .fields()
                    .forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        }

        Score primary = score(object(row.get("primaryMetric"), "primaryMetric"), higherIsBetter);
        Map<String, Score> secondary = new LinkedHashMap<>();
        if (row.has("secondaryMetrics")) {
            object(row.get("secondaryMetrics"), "secondaryMetrics")
                    .fields()
                    .forEachRemaining(
                            e -> secondary.put(e.getKey(), score(object(e.getValue(), e.getKey()), higherIsBetter)));
        }
        return new Measurement(
                jdk,
                benchmark,
                family,
                method,
                mode,
                row.has("threads") ? (int) number(row.get("threads")) : 1,
                Collections.unmodifiableMap(params),
                primary,
                Collections.unmodifiableMap(secondary),
                settings(row));
    }

    private static String settings(JsonNode row) {
        String forkCount = row.has("forks") ? String.valueOf(Math.round(number(row.get("forks")))) : "?";
        return "JMH " + row.path("jmhVersion").asText("?")
                + ", forks " + forkCount
                + ", warm-up " + iterations(row, "warmup")
                + ", measurement " + iterations(row, "measurement");
    }

    private static String iterations(JsonNode row, String phase) {
        JsonNode count = row.get(phase + "Iterations");
        String iterations = count == null ? "?" : String.valueOf(Math.round(number(count)));
        return iterations + " × " + row.path(phase + "Time").asText("?");
    }

    private static Score score(JsonNode metric, boolean higherIsBetter) {
        if (!metric.has("score")) {
            throw new IllegalArgumentException("a metric without a score");
        }
        return new Score(
                number(metric.get("score")),
                number(metric.get("scoreError")),
                metric.path("scoreUnit").asText(""),
                higherIsBetter);
    }

    /**
     * A JSON number, or a string holding one the way JMH writes what JSON cannot ({@code "NaN"},
     * {@code "Infinity"}); absent or null reads as NaN.
     */
    static double number(JsonNode value) {
        if (value == null || value.isNull()) {
            return Double.NaN;
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.textValue());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: \"" + value.textValue() + "\"", e);
            }
        }
        throw new IllegalArgumentException("not a number: " + value);
    }

    private static String string(JsonNode row, String name) {
        JsonNode value = row.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + name + "\" is missing or not a string");
        }
        return value.textValue();
    }

    private static JsonNode object(JsonNode value, String what) {
        if (value == null || !value.isObject()) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return value;
    }
}
