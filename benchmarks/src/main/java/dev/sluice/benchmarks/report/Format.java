package dev.sluice.benchmarks.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Number formatting shared by the tables, the targets and the chart, so they always agree. */
final class Format {

    private Format() {}

    /** About three significant figures, never in exponent form: {@code 165}, {@code 13.0}, {@code 0.052}. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        return String.format(Locale.ROOT, "%." + decimals(value) + "f", value);
    }

    /** {@code value} with as many decimals as {@code shown} has, so that {@code 12.3 ± 0.4} lines up. */
    static String sameDecimals(double value, String shown) {
        int dot = shown.indexOf('.');
        int decimals = dot < 0 ? 0 : shown.length() - dot - 1;
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A figure as written by hand, no trailing zeros: {@code 3}, {@code 0.5}, {@code 26.7}. */
    static String plain(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A ratio: {@code 3.12×}. */
    static String ratio(double ratio) {
        return number(ratio) + "×";
    }

    private static int decimals(double value) {
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return 0;
        }
        // three significant figures: 2 decimals for 1..10, 0 from 100 up, at most 6 below 1
        int exponent = (int) Math.floor(Math.log10(magnitude));
        return Math.max(0, Math.min(6, 2 - exponent));
    }
}
