package dev.sluice.benchmarks.report;

import java.util.Comparator;
import java.util.List;

/**
 * A {@link Target} evaluated on one JVM's results: its status, the figure to print, and what the
 * chart draws for it.
 *
 * @param jdk the JVM, or {@code null} when there were no results at all
 * @param readings one per matching case, worst first
 * @param measured the figure for the table: the one reading, or the worst of several with a count
 * @param chartValue the worst reading as a ratio to plot (times better than the anchor or the bar), or
 *     {@code NaN} when the target is not a ratio or was not measured
 * @param chartRequired the ratio the chart marks as required for this bar
 */
public record Outcome(
        Target target,
        Jdk jdk,
        Status status,
        List<Reading> readings,
        String measured,
        double chartValue,
        double chartRequired) {

    public enum Status {
        MET("met"),
        NOT_MET("**not met**"),
        NOT_MEASURED("not measured");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        /** How the targets table prints it. */
        public String text() {
            return text;
        }
    }

    /**
     * One case a target read.
     *
     * @param column the Sluice column the figure is of (the best one, for a best-of)
     * @param value larger is better; the worst reading is the one with the smallest value
     * @param text the figure as the table prints it
     */
    public record Reading(Case source, String column, double value, boolean passes, String text) {}

    static Outcome of(
            Target target,
            Jdk jdk,
            List<Reading> unsorted,
            boolean nameTheColumn,
            boolean alwaysCount,
            double chartRequired,
            String unmeasuredNote) {
        if (unsorted.isEmpty()) {
            String measured = unmeasuredNote == null ? "—" : "— (" + unmeasuredNote + ")";
            return new Outcome(target, jdk, Status.NOT_MEASURED, List.of(), measured, Double.NaN, chartRequired);
        }
        List<Reading> readings = unsorted.stream()
                .sorted(Comparator.comparingDouble(Reading::value))
                .toList();
        Reading worst = readings.get(0);
        long passing = readings.stream().filter(Reading::passes).count();
        String measured;
        if (readings.size() == 1 && !alwaysCount) {
            measured = worst.text() + (nameTheColumn ? " (`" + worst.column() + "`)" : "");
        } else {
            measured = "worst " + worst.text() + " (" + worst.source().describe() + ", `" + worst.column() + "`); "
                    + passing + " of " + readings.size() + " pass";
        }
        Status status = passing == readings.size() ? Status.MET : Status.NOT_MET;
        double chartValue = Double.isNaN(chartRequired) ? Double.NaN : worst.value();
        return new Outcome(target, jdk, status, readings, measured, chartValue, chartRequired);
    }
}
