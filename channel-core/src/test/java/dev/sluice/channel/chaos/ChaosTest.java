package dev.sluice.channel.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.channel.chaos.ChaosPlan.Ending;
import dev.sluice.channel.chaos.ChaosPlan.Variant;
import dev.sluice.channel.chaos.ChaosRound.Result;
import dev.sluice.channel.chaos.ChaosStats.Count;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * S1, S2, S4, S5, S6, S8, S9 and R1 to R4 at once, at random: rounds of many producers and
 * consumers over every flavor and overflow policy, through every way of sending and receiving, with
 * handles cloned and closed, the channel failed or abandoned part-way, threads interrupted, timeouts
 * and cancels; after each round every producer's elements are accounted for exactly (see {@link
 * ChaosLedger}).
 *
 * <p>A run has one seed, printed first; each round derives its own seed from it, and the plan of a
 * round (variant, ending, thread counts, quotas, every thread's choices) follows from the round seed
 * alone. Properties:
 *
 * <ul>
 *   <li>{@code -Dsluice.chaos.seed=<n>}: the run's seed (default: {@code System.nanoTime()});
 *   <li>{@code -Dsluice.chaos.elements=<n>}: run rounds until this many elements were received in
 *       all (default {@value #DEFAULT_ELEMENTS}; the {@code stress} profile sets 10^8);
 *   <li>{@code -Dsluice.chaos.round.elements=<n>}: send attempts per round (default: the total over
 *       60, between 2,000 and 1,000,000);
 *   <li>{@code -Dsluice.chaos.round=<seed>}: run only the round with that seed (a failure message
 *       gives the seed and the round size to use);
 *   <li>{@code -Dsluice.chaos.minutes=<m>}: start no round after m minutes (a cap for long runs);
 *   <li>{@code -Dsluice.chaos.stall.seconds=<s>}: how long without progress is a hang (default 30).
 * </ul>
 *
 * <p>A replay repeats every choice, not the interleaving: the threads run as the scheduler lets
 * them, so a replayed round meets the same situations with different timing.
 */
class ChaosTest {

    /** The default run: about 20 s on a shared 2-core machine. */
    static final long DEFAULT_ELEMENTS = 1_500_000;

    @Test
    void randomRoundsOverEveryFlavorAndApiLoseNothingAndDuplicateNothing() {
        Settings settings = Settings.fromSystemProperties();
        if (settings.replayRound != null) {
            replayOneRound(settings);
            return;
        }
        long seed = settings.seed;
        System.out.printf(
                "[chaos] seed %d (replay the run with -Dsluice.chaos.seed=%d), target %,d elements received,"
                        + " rounds of %,d send attempts%n",
                seed, seed, settings.elements, settings.roundElements);
        SplittableRandom master = new SplittableRandom(seed);
        // Every kind of round (variant, ending, single side subscribed) in a shuffled cycle, so a
        // short run still covers each one.
        List<Integer> cycle = ChaosPlan.allKinds();
        for (int i = cycle.size() - 1; i > 0; i--) {
            Collections.swap(cycle, i, master.nextInt(i + 1));
        }
        Map<Variant, Coverage> coverage = new LinkedHashMap<>();
        ChaosPlan.VARIANTS.forEach(v -> coverage.put(v, new Coverage()));
        long t0 = System.nanoTime();
        long deadline = settings.minutes > 0 ? t0 + (long) (settings.minutes * 60e9) : Long.MAX_VALUE;
        long moved = 0;
        long dropped = 0;
        long accepted = 0;
        long lost = 0;
        long duplicated = 0;
        int rounds = 0;
        while (moved < settings.elements && System.nanoTime() < deadline) {
            int wanted = cycle.get(rounds % cycle.size());
            long roundSeed;
            do {
                roundSeed = master.nextLong();
            } while (ChaosPlan.kindOf(roundSeed) != wanted);
            ChaosPlan plan = ChaosPlan.of(roundSeed, settings.roundElements);
            String context = "[chaos] round " + rounds + " FAILED: " + plan + "\n  round seed " + roundSeed
                    + " of run seed " + seed + ": replay the run with -Dsluice.chaos.seed=" + seed
                    + ", or this round alone with -Dsluice.chaos.round=" + roundSeed + " -Dsluice.chaos.round.elements="
                    + settings.roundElements + " (a replay repeats every choice, not the thread interleaving)";
            Result r = ChaosRound.run(plan, settings.stall, context);
            rounds++;
            moved += r.verdict().received();
            dropped += r.verdict().dropped();
            accepted += r.verdict().accepted();
            lost += r.verdict().lost();
            duplicated += r.verdict().duplicated();
            coverage.get(plan.variant()).add(r);
            System.out.printf(
                    Locale.ROOT,
                    "[chaos] round %d seed %d: %s -> received %,d, dropped %,d in %.2f s%n",
                    rounds - 1,
                    roundSeed,
                    plan,
                    r.verdict().received(),
                    r.verdict().dropped(),
                    r.nanos() / 1e9);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        printCoverage(coverage);
        System.out.printf(
                Locale.ROOT,
                "[chaos] %d rounds, elements moved (received) %,d, dropped %,d, accepted %,d, lost=%d, duplicated=%d,"
                        + " seed %d, elapsed %.1f s (%,.0f elements/s)%s%n",
                rounds,
                moved,
                dropped,
                accepted,
                lost,
                duplicated,
                seed,
                seconds,
                moved / seconds,
                moved < settings.elements ? "; STOPPED by -Dsluice.chaos.minutes before the target" : "");
        assertThat(lost + duplicated)
                .as("lost or duplicated (each round checks this)")
                .isZero();
        if (rounds >= cycle.size()) {
            assertThat(notExercised(coverage))
                    .as("flavor x API combinations no run of a full cycle used")
                    .isEmpty();
        }
    }

    private static void replayOneRound(Settings settings) {
        long roundSeed = settings.replayRound;
        ChaosPlan plan = ChaosPlan.of(roundSeed, settings.roundElements);
        System.out.printf("[chaos] replaying round seed %d alone: %s%n", roundSeed, plan);
        String context = "[chaos] round seed " + roundSeed + " FAILED: " + plan
                + "\n  (a replay repeats every choice, not the thread interleaving)";
        Result r = ChaosRound.run(plan, settings.stall, context);
        System.out.printf(
                Locale.ROOT,
                "[chaos] round seed %d: %s in %.2f s%n",
                roundSeed,
                r.verdict().summary(),
                r.nanos() / 1e9);
        System.out.println("[chaos] " + r.stats());
    }

    /** What the rounds of one variant exercised. */
    private static final class Coverage {
        final EnumMap<Ending, Integer> rounds = new EnumMap<>(Ending.class);
        final ChaosStats stats = new ChaosStats();
        long received;

        void add(Result r) {
            rounds.merge(r.plan().ending(), 1, Integer::sum);
            stats.addAll(r.stats());
            received += r.verdict().received();
        }
    }

    private static void printCoverage(Map<Variant, Coverage> coverage) {
        System.out.println("[chaos] coverage: elements through each API (and some outcomes), by variant");
        coverage.forEach((variant, c) -> System.out.printf(
                "[chaos]   %s: rounds %s, received %,d | %s%n", variant, c.rounds, c.received, c.stats));
    }

    /**
     * The (variant, API) pairs no run used, among those the variant allows. Runs, not elements: how
     * many elements a run moves depends on timing (a {@code tryRecv} run may find the channel empty
     * every time), which runs there are depends only on the seeds.
     */
    private static List<String> notExercised(Map<Variant, Coverage> coverage) {
        List<String> missing = new ArrayList<>();
        coverage.forEach((variant, c) -> {
            for (Count api : ChaosStats.APIS) {
                boolean allowed =
                        !(api == Count.PERMIT_SEND_OK && variant.flavor().isRendezvous());
                if (allowed && c.stats.runs(api) == 0) {
                    missing.add(variant + " x " + api.label);
                }
            }
        });
        return missing;
    }

    /** The run's settings, from system properties (a blank value counts as unset). */
    private static final class Settings {
        long seed;
        long elements;
        int roundElements;
        Long replayRound;
        double minutes;
        Duration stall;

        static Settings fromSystemProperties() {
            Settings s = new Settings();
            String seed = property("sluice.chaos.seed");
            s.seed = seed != null ? Long.parseLong(seed) : System.nanoTime();
            String elements = property("sluice.chaos.elements");
            s.elements = elements != null ? Long.parseLong(elements) : DEFAULT_ELEMENTS;
            String roundElements = property("sluice.chaos.round.elements");
            s.roundElements = roundElements != null
                    ? Integer.parseInt(roundElements)
                    : (int) Math.max(2_000, Math.min(1_000_000, s.elements / 60));
            String round = property("sluice.chaos.round");
            s.replayRound = round != null ? Long.valueOf(round) : null;
            String minutes = property("sluice.chaos.minutes");
            s.minutes = minutes != null ? Double.parseDouble(minutes) : 0;
            String stall = property("sluice.chaos.stall.seconds");
            s.stall = Duration.ofSeconds(stall != null ? Long.parseLong(stall) : 30);
            return s;
        }

        private static String property(String name) {
            String value = System.getProperty(name);
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
