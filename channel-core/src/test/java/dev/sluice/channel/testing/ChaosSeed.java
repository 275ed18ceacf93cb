package dev.sluice.channel.testing;

/** The seed of a chaos run: {@code -Dsluice.chaos.seed} if given, else the clock; printed so a failure can be replayed. */
public final class ChaosSeed {
    private ChaosSeed() {}

    /** The run's seed, printed under {@code name}. */
    public static long of(String name) {
        long seed = Long.getLong("sluice.chaos.seed", System.nanoTime());
        System.out.println("[" + name + "] seed " + seed + " (replay with -Dsluice.chaos.seed=" + seed + ")");
        return seed;
    }
}
