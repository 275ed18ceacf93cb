package dev.sluice.benchmarks.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One row of a family's table: a family measured with one set of parameters on one JVM, holding each
 * method's measurement by column name (normally the method's name; see {@link FamilyTable}).
 */
public record Case(Jdk jdk, String family, Map<String, String> params, Map<String, Measurement> methods) {

    public Optional<Measurement> get(String column) {
        return Optional.ofNullable(methods.get(column));
    }

    /** Whether every parameter of {@code filter} has that value here. */
    public boolean matches(Map<String, String> filter) {
        return filter.entrySet().stream().allMatch(e -> e.getValue().equals(params.get(e.getKey())));
    }

    /** The columns that measure Sluice, in table order. */
    public List<String> sluiceColumns() {
        return methods.entrySet().stream()
                .filter(e -> e.getValue().isSluice())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The columns that measure an anchor, in table order. */
    public List<String> anchorColumns() {
        return methods.entrySet().stream()
                .filter(e -> !e.getValue().isSluice())
                .map(Map.Entry::getKey)
                .toList();
    }

    /** How many times better {@code column} is than {@code anchor}, or {@code NaN} when either is missing. */
    public double ratio(String column, String anchor) {
        Measurement m = methods.get(column);
        Measurement a = methods.get(anchor);
        if (m == null || a == null) {
            return Double.NaN;
        }
        return m.messageRate().timesBetterThan(a.messageRate());
    }

    /**
     * Of {@code candidates} (all Sluice columns when empty), the one present here that does best
     * against {@code reference}: for a ratio, the anchor; for an absolute bar, {@code null}.
     */
    public Optional<String> best(List<String> candidates, String reference) {
        List<String> pool = candidates.isEmpty() ? sluiceColumns() : candidates;
        Comparator<String> byScore = reference == null
                ? Comparator.comparingDouble(c -> methods.get(c).messageRate().perMicrosecond())
                : Comparator.comparingDouble(c -> ratio(c, reference));
        return pool.stream()
                .filter(methods::containsKey)
                .filter(c -> !c.equals(reference))
                .max(byScore);
    }

    /** {@code Bounded shape=spsc capacity=1024}, for messages. */
    public String describe() {
        if (params.isEmpty()) {
            return family;
        }
        return family + " "
                + params.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(" "));
    }
}
