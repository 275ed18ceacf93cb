package dev.sluice.benchmarks.report;

import java.util.Locale;

/**
 * One JMH figure: mean, error (half the 99.9% confidence interval; {@code NaN} when JMH had too few
 * iterations to give one) and unit, plus which direction is better.
 *
 * <p>Throughput ({@code ops/us} and the like) is better higher, times per operation ({@code ns/op}
 * and the like) better lower. {@link #timesBetterThan} turns both into the one question the report
 * asks: how many times better is this figure than that one.
 */
public record Score(double value, double error, String unit, boolean higherIsBetter) {

    /** This figure as operations per microsecond, or {@code NaN} when the unit is not a rate or time. */
    public double perMicrosecond() {
        int slash = unit.indexOf('/');
        if (slash < 0) {
            return Double.NaN;
        }
        String top = unit.substring(0, slash);
        String bottom = unit.substring(slash + 1);
        if (top.equals("ops")) {
            double micros = microseconds(bottom);
            return value / micros;
        }
        if (bottom.equals("op")) {
            double micros = microseconds(top);
            return 1 / (value * micros);
        }
        return Double.NaN;
    }

    /**
     * How many times better this figure is than {@code other}: {@code this / other} for throughput,
     * {@code other / this} for time per operation; {@code NaN} when the two cannot be compared.
     */
    public double timesBetterThan(Score other) {
        if (unit.equals(other.unit) && higherIsBetter == other.higherIsBetter) {
            return higherIsBetter ? value / other.value : other.value / value;
        }
        return perMicrosecond() / other.perMicrosecond();
    }

    /** The mean and, when JMH computed one, the error: {@code 12.3 ± 0.4}. */
    public String format() {
        String mean = Format.number(value);
        if (Double.isNaN(error) || Double.isInfinite(error)) {
            return mean;
        }
        return mean + " ± " + Format.sameDecimals(error, mean);
    }

    private static double microseconds(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns" -> 1e-3;
            case "us", "µs" -> 1;
            case "ms" -> 1e3;
            case "s" -> 1e6;
            case "min" -> 60e6;
            case "hr" -> 3600e6;
            default -> Double.NaN;
        };
    }
}
