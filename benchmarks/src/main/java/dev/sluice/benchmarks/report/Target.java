package dev.sluice.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A performance target of {@code PERFORMANCE.md}, written as a lookup in the results: which cases it
 * reads, what it computes from them and the figure it must reach. {@link Targets#PERFORMANCE} lists
 * them.
 *
 * <p>Each kind of target reads every case its lookup matches on one JVM, so a target written for one
 * case and a target written for "every case where X exists" are the same code: it is met when every
 * matching case passes, reports the worst case, and is not measured when no case matches.
 */
public sealed interface Target {

    /** What the target is about, as the targets table names it. */
    String name();

    /** The figure required, as the targets table shows it: {@code ≥ 3×}. */
    String requirement();

    /** This target evaluated on the cases of one JVM. */
    Outcome evaluate(Jdk jdk, List<Case> cases);

    /**
     * Sluice against an anchor: the best of {@code sluice} (every Sluice method when empty) divided by
     * {@code anchor}, in the cases of {@code family} (any family when {@code null}) whose parameters
     * include {@code params}, must be at least {@code required} times better.
     */
    record Ratio(
            String name,
            String family,
            Map<String, String> params,
            List<String> sluice,
            String anchor,
            double required,
            String unmeasuredNote)
            implements Target {

        @Override
        public String requirement() {
            return "≥ " + Format.plain(required) + "×";
        }

        @Override
        public Outcome evaluate(Jdk jdk, List<Case> cases) {
            List<Outcome.Reading> readings = new ArrayList<>();
            for (Case c : cases) {
                if ((family != null && !family.equals(c.family()))
                        || !c.matches(params)
                        || c.get(anchor).isEmpty()) {
                    continue;
                }
                c.best(sluice, anchor).ifPresent(best -> {
                    double ratio = c.ratio(best, anchor);
                    readings.add(new Outcome.Reading(c, best, ratio, ratio >= required, Format.ratio(ratio)));
                });
            }
            return Outcome.of(this, jdk, readings, sluice.size() != 1, false, required, unmeasuredNote);
        }
    }

    /**
     * Sluice against an absolute bar (another library's figure, measured elsewhere): the best of {@code
     * sluice} (every Sluice method when empty), in messages per µs, must reach {@code msgsPerMicro}.
     */
    record Rate(
            String name,
            String family,
            Map<String, String> params,
            List<String> sluice,
            double msgsPerMicro,
            String source)
            implements Target {

        @Override
        public String requirement() {
            return "≥ " + Format.plain(msgsPerMicro) + " msgs/µs (" + source + ")";
        }

        @Override
        public Outcome evaluate(Jdk jdk, List<Case> cases) {
            List<Outcome.Reading> readings = new ArrayList<>();
            for (Case c : cases) {
                if ((family != null && !family.equals(c.family())) || !c.matches(params)) {
                    continue;
                }
                c.best(sluice, null).ifPresent(best -> {
                    double rate = c.methods().get(best).messageRate().perMicrosecond();
                    if (!Double.isNaN(rate)) {
                        readings.add(new Outcome.Reading(
                                c, best, rate / msgsPerMicro, rate >= msgsPerMicro, Format.number(rate) + " msgs/µs"));
                    }
                });
            }
            return Outcome.of(this, jdk, readings, sluice.size() != 1, false, 1, null);
        }
    }

    /**
     * Steady-state allocation: every Sluice result of {@code families} that was measured with {@code
     * -prof gc} must allocate at most {@code maxBytesPerOp}.
     */
    record Allocation(String name, Set<String> families, double maxBytesPerOp) implements Target {

        @Override
        public String requirement() {
            return "≤ " + Format.plain(maxBytesPerOp) + " B/op";
        }

        @Override
        public Outcome evaluate(Jdk jdk, List<Case> cases) {
            List<Outcome.Reading> readings = new ArrayList<>();
            List<Measurement> seen = new ArrayList<>();
            for (Case c : cases) {
                if (!families.contains(c.family())) {
                    continue;
                }
                for (String column : c.sluiceColumns()) {
                    Measurement m = c.methods().get(column);
                    // a result without some of the rows' parameters fills several rows: count it once
                    if (seen.contains(m)) {
                        continue;
                    }
                    seen.add(m);
                    m.allocationPerOp()
                            .ifPresent(bytes -> readings.add(new Outcome.Reading(
                                    c, column, -bytes, bytes <= maxBytesPerOp, Format.number(bytes) + " B/op")));
                }
            }
            return Outcome.of(this, jdk, readings, true, true, Double.NaN, "needs a run with -prof gc");
        }
    }
}
