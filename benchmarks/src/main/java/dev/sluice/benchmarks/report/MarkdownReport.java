package dev.sluice.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/benchmarks.md}: where the figures come from (date, JVM, the exact command,
 * machine), the targets, the chart, one section per benchmark family, and how to reproduce it.
 *
 * <p>Each family gets two tables. The first has every method's score, mean ± error, with the bytes
 * allocated per operation in square brackets when the run used {@code -prof gc}. The second, when the family
 * has both Sluice methods and anchors, has a row per Sluice method and case, with how many times
 * better it is than each anchor. Rows carry a JDK column when the results come from more than one
 * JVM.
 */
public final class MarkdownReport {

    /**
     * What the report says about the run that the JSON does not.
     *
     * @param date when the run happened
     * @param commands the commands that produced the JSON, exactly
     * @param machine a note on the machine (processors, OS)
     * @param chartLink the chart's path relative to the markdown file, or {@code null} for no chart
     * @param reportCommand the command that made this report
     */
    public record Header(String date, List<String> commands, String machine, String chartLink, String reportCommand) {}

    private MarkdownReport() {}

    public static String render(
            Header header, List<Measurement> measurements, List<FamilyTable> tables, List<Outcome> outcomes) {
        List<Jdk> jdks = measurements.stream().map(Measurement::jdk).distinct().toList();
        boolean manyJdks = jdks.size() > 1;
        StringBuilder md = new StringBuilder();

        md.append("# Sluice benchmarks\n\n");
        md.append("Made by `dev.sluice.benchmarks.report.BenchmarkReport` from JMH's JSON output. ")
                .append("The machines we run on are shared and small, so absolute numbers move from run to run; ")
                .append("the ratios between rows of one run (one JVM) are what to quote.\n\n");
        md.append("- **Date:** ").append(header.date()).append('\n');
        md.append("- **JDK:** ")
                .append(
                        jdks.isEmpty()
                                ? "no results"
                                : jdks.stream().map(Jdk::describe).collect(Collectors.joining("; ")))
                .append('\n');
        md.append("- **Command:**\n\n");
        md.append("  ```sh\n");
        if (header.commands().isEmpty()) {
            md.append("  # not recorded (pass --command to BenchmarkReport)\n");
        }
        header.commands().forEach(c -> md.append("  ").append(c).append('\n'));
        md.append("  ```\n\n");
        md.append("- **Machine:** ").append(header.machine()).append('\n');
        Set<String> settings = new LinkedHashSet<>();
        measurements.forEach(m -> settings.add(m.settings()));
        if (!settings.isEmpty()) {
            md.append("- **Settings:** ").append(String.join("; ", settings)).append('\n');
        }
        md.append('\n');

        targets(md, outcomes, manyJdks);

        if (header.chartLink() != null) {
            md.append("## Chart\n\n");
            md.append("![How many times better Sluice is than each target's anchor](")
                    .append(header.chartLink())
                    .append(")\n\n");
        }

        md.append("## Results by family\n\n");
        md.append("Scores are mean ± error (JMH's 99.9% confidence interval; no error when there were too ")
                .append("few iterations to compute one). With `-prof gc`, the bytes allocated per operation ")
                .append(
                        "(`gc.alloc.rate.norm`) follow in square brackets. Ratios say how many times better Sluice is: ")
                .append("Sluice ÷ anchor for throughput, anchor ÷ Sluice for time per operation.\n\n");
        if (tables.isEmpty()) {
            md.append("No results.\n\n");
        }
        for (FamilyTable table : tables) {
            family(md, table, manyJdks);
        }

        md.append("## How to reproduce\n\n");
        md.append("From the repository root (JAVA_HOME selects the JDK):\n\n");
        md.append("```sh\nbenchmarks/run-suite.sh\n```\n\n");
        md.append("It builds `benchmarks/target/benchmarks.jar`, runs the suite with `-rf json`, ")
                .append("runs the allocation cases again with `-prof gc`, and writes this file and the chart. ")
                .append("By hand, the same steps are:\n\n");
        md.append("```sh\nmvn -B -q -pl benchmarks -am package -DskipTests\n");
        header.commands().forEach(c -> md.append(c).append('\n'));
        md.append(header.reportCommand()).append('\n');
        md.append("```\n");
        return md.toString();
    }

    private static void targets(StringBuilder md, List<Outcome> outcomes, boolean manyJdks) {
        md.append("## Targets\n\n");
        md.append("The targets of `PERFORMANCE.md`, each looked up in the results (same run, bounded(1024) ")
                .append("unless named).\n\n");
        List<String> head = new ArrayList<>(List.of("target"));
        if (manyJdks) {
            head.add("JDK");
        }
        head.addAll(List.of("measured", "required", "status"));
        row(md, head);
        separator(md, head.size());
        for (Outcome outcome : outcomes) {
            List<String> cells = new ArrayList<>(List.of(outcome.target().name()));
            if (manyJdks) {
                cells.add(outcome.jdk() == null ? "—" : outcome.jdk().label());
            }
            cells.addAll(List.of(
                    outcome.measured(),
                    outcome.target().requirement(),
                    outcome.status().text()));
            row(md, cells);
        }
        long met =
                outcomes.stream().filter(o -> o.status() == Outcome.Status.MET).count();
        long measured = outcomes.stream()
                .filter(o -> o.status() != Outcome.Status.NOT_MEASURED)
                .count();
        md.append("\n")
                .append(met)
                .append(" of ")
                .append(measured)
                .append(" measured targets met")
                .append(manyJdks ? " (counting each JDK)" : "")
                .append(".\n\n");
    }

    private static void family(StringBuilder md, FamilyTable table, boolean manyJdks) {
        md.append("### ").append(table.family()).append("\n\n");
        Set<String> units = new LinkedHashSet<>();
        Set<String> groups = new LinkedHashSet<>();
        for (Case c : table.cases()) {
            c.methods().forEach((column, m) -> {
                units.add(unitSentence(m.messageRate()));
                m.slowestMember().ifPresent(member -> groups.add(column));
            });
        }
        boolean oneUnit = units.size() == 1;
        if (oneUnit) {
            md.append(units.iterator().next()).append('\n');
        }
        if (!groups.isEmpty()) {
            md.append(oneUnit ? "\n" : "")
                    .append("JMH groups (")
                    .append(groups.stream().map(g -> "`" + g + "`").collect(Collectors.joining(", ")))
                    .append(") show the rate of their slowest method (the one named in parentheses), which is ")
                    .append("the rate messages went through; JMH's own score for a group is the sum of its methods.\n");
        }
        md.append('\n');

        List<String> head = new ArrayList<>();
        if (manyJdks) {
            head.add("JDK");
        }
        head.addAll(table.paramKeys());
        table.columns().forEach(column -> head.add("`" + column + "`"));
        row(md, head);
        separator(md, head.size());
        for (Case c : table.cases()) {
            List<String> cells = caseCells(table, c, manyJdks);
            for (String column : table.columns()) {
                cells.add(c.get(column).map(m -> scoreCell(m, !oneUnit)).orElse("—"));
            }
            row(md, cells);
        }
        md.append('\n');

        if (!table.hasRatios()) {
            return;
        }
        md.append("Sluice vs each anchor, times better:\n\n");
        List<String> ratioHead = new ArrayList<>();
        if (manyJdks) {
            ratioHead.add("JDK");
        }
        ratioHead.addAll(table.paramKeys());
        ratioHead.add("Sluice");
        table.anchorColumns().forEach(anchor -> ratioHead.add("vs `" + anchor + "`"));
        row(md, ratioHead);
        separator(md, ratioHead.size());
        for (Case c : table.cases()) {
            if (c.anchorColumns().isEmpty()) {
                continue;
            }
            for (String sluice : c.sluiceColumns()) {
                List<String> cells = caseCells(table, c, manyJdks);
                cells.add("`" + sluice + "`");
                for (String anchor : table.anchorColumns()) {
                    double ratio = c.ratio(sluice, anchor);
                    cells.add(Double.isNaN(ratio) ? "—" : Format.ratio(ratio));
                }
                row(md, cells);
            }
        }
        md.append('\n');
    }

    private static List<String> caseCells(FamilyTable table, Case c, boolean manyJdks) {
        List<String> cells = new ArrayList<>();
        if (manyJdks) {
            cells.add(c.jdk().label());
        }
        table.paramKeys().forEach(key -> cells.add(c.params().getOrDefault(key, "—")));
        return cells;
    }

    private static String scoreCell(Measurement m, boolean withUnit) {
        Score rate = m.messageRate();
        StringBuilder cell = new StringBuilder(rate.format());
        if (withUnit) {
            cell.append(' ').append(rate.unit());
        }
        m.slowestMember().ifPresent(member -> cell.append(" (").append(member).append(')'));
        m.allocationPerOp()
                .ifPresent(
                        bytes -> cell.append(" [").append(Format.number(bytes)).append(" B/op]"));
        return cell.toString();
    }

    private static String unitSentence(Score score) {
        if (score.higherIsBetter()) {
            String perMicro = score.unit().equals("ops/us") ? " (messages per µs)" : "";
            return "Throughput in " + score.unit() + perMicro + ": higher is better.";
        }
        return "Time per operation in " + score.unit() + ": lower is better.";
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append("| ")
                .append(cells.stream().map(MarkdownReport::escape).collect(Collectors.joining(" | ")))
                .append(" |\n");
    }

    private static void separator(StringBuilder md, int columns) {
        md.append("|").append("---|".repeat(columns)).append('\n');
    }

    private static String escape(String cell) {
        return cell.replace("|", "\\|").replace("\n", " ");
    }
}
