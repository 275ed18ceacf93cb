package dev.sluice.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The measurements of one benchmark family arranged as a table: one row ({@link Case}) per parameter
 * combination and JVM, one column per benchmark method. Nothing here knows the families: the shape
 * comes from the results themselves.
 *
 * <p><b>Rows.</b> The rows are the parameter combinations the results contain, in the order JMH ran
 * them, each JVM's row next to the other JVMs' row for the same parameters. A method that does not
 * use some parameter (an anchor without the Sluice-only {@code flavor}, say) has results with fewer
 * parameters; such a result fills every row whose parameters agree with it, and a combination that
 * only such a result has does not make a row of its own.
 *
 * <p><b>Columns.</b> Sluice methods first, then the anchors, each in the order JMH ran them. A column
 * is named after its method; if two classes of one family (say {@code BoundedBenchmark} and {@code
 * BoundedJdk21Benchmark}) both have a method of that name, the later class's column is named {@code
 * method [BoundedJdk21]}.
 */
public record FamilyTable(String family, List<String> paramKeys, List<String> columns, List<Case> cases) {

    /** One table per family, families in alphabetical order. */
    public static List<FamilyTable> build(List<Measurement> measurements) {
        Map<String, List<Measurement>> byFamily = new TreeMap<>();
        for (Measurement m : measurements) {
            byFamily.computeIfAbsent(m.family(), f -> new ArrayList<>()).add(m);
        }
        List<FamilyTable> tables = new ArrayList<>();
        byFamily.forEach((family, members) -> tables.add(buildFamily(family, members)));
        return List.copyOf(tables);
    }

    /** Every case of every table, for looking targets up. */
    public static List<Case> allCases(List<FamilyTable> tables) {
        return tables.stream().flatMap(t -> t.cases().stream()).toList();
    }

    /** Whether any column measures Sluice and any other column an anchor. */
    public boolean hasRatios() {
        return cases.stream()
                .anyMatch(
                        c -> !c.sluiceColumns().isEmpty() && !c.anchorColumns().isEmpty());
    }

    public List<String> sluiceColumns() {
        return columns.stream().filter(this::isSluiceColumn).toList();
    }

    public List<String> anchorColumns() {
        return columns.stream().filter(c -> !isSluiceColumn(c)).toList();
    }

    private boolean isSluiceColumn(String column) {
        return cases.stream()
                .map(c -> c.methods().get(column))
                .filter(m -> m != null)
                .findFirst()
                .map(Measurement::isSluice)
                .orElse(false);
    }

    private static FamilyTable buildFamily(String family, List<Measurement> members) {
        // columns: a name per (class, method); the first class to use a method name keeps it
        Map<String, String> firstClassOfMethod = new HashMap<>();
        Map<Measurement, String> columnOf = new HashMap<>();
        Set<String> sluiceColumns = new LinkedHashSet<>();
        Set<String> anchorColumns = new LinkedHashSet<>();
        for (Measurement m : members) {
            String firstClass = firstClassOfMethod.putIfAbsent(m.method(), m.className());
            String column = firstClass == null || firstClass.equals(m.className())
                    ? m.method()
                    : m.method() + " [" + m.className().replaceFirst("Benchmark$", "") + "]";
            columnOf.put(m, column);
            (m.isSluice() ? sluiceColumns : anchorColumns).add(column);
        }
        List<String> columns = new ArrayList<>(sluiceColumns);
        columns.addAll(anchorColumns);

        Set<String> paramKeys = new LinkedHashSet<>();
        Map<Map<String, String>, Integer> paramOrder = new LinkedHashMap<>();
        List<Jdk> jdks = new ArrayList<>();
        for (Measurement m : members) {
            paramKeys.addAll(m.params().keySet());
            paramOrder.putIfAbsent(m.params(), paramOrder.size());
            if (!jdks.contains(m.jdk())) {
                jdks.add(m.jdk());
            }
        }

        List<Case> cases = new ArrayList<>();
        for (Jdk jdk : jdks) {
            List<Measurement> ofJdk =
                    members.stream().filter(m -> m.jdk().equals(jdk)).toList();
            Map<String, Set<String>> keysOfColumn = new HashMap<>();
            for (Measurement m : ofJdk) {
                keysOfColumn
                        .computeIfAbsent(columnOf.get(m), c -> new LinkedHashSet<>())
                        .addAll(m.params().keySet());
            }
            for (Map<String, String> row : rows(ofJdk)) {
                Map<String, Measurement> cells = new LinkedHashMap<>();
                for (String column : columns) {
                    Set<String> keys = keysOfColumn.get(column);
                    if (keys == null) {
                        continue;
                    }
                    Map<String, String> wanted = new LinkedHashMap<>(row);
                    wanted.keySet().retainAll(keys);
                    ofJdk.stream()
                            .filter(m ->
                                    columnOf.get(m).equals(column) && m.params().equals(wanted))
                            .findFirst()
                            .ifPresent(m -> cells.put(column, m));
                }
                cases.add(new Case(jdk, family, row, cells));
            }
        }
        cases.sort(Comparator.<Case>comparingInt(c -> paramOrder.get(c.params()))
                .thenComparingInt(c -> jdks.indexOf(c.jdk())));
        return new FamilyTable(family, List.copyOf(paramKeys), List.copyOf(columns), List.copyOf(cases));
    }

    /** The parameter combinations of one JVM's results that no other combination extends. */
    private static List<Map<String, String>> rows(List<Measurement> measurements) {
        List<Map<String, String>> distinct =
                measurements.stream().map(Measurement::params).distinct().toList();
        return distinct.stream()
                .filter(p -> distinct.stream().noneMatch(q -> extendsStrictly(q, p)))
                .toList();
    }

    private static boolean extendsStrictly(Map<String, String> larger, Map<String, String> smaller) {
        return larger.size() > smaller.size() && larger.entrySet().containsAll(smaller.entrySet());
    }
}
