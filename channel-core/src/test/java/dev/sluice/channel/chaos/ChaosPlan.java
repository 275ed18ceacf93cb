package dev.sluice.channel.chaos;

import dev.sluice.channel.Channel;
import dev.sluice.channel.Overflow;
import dev.sluice.channel.testing.Flavors;
import dev.sluice.channel.testing.Flavors.Flavor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one chaos round does, derived from nothing but its seed and its size: the channel variant,
 * how the round ends, how many producers and consumers, each one's quota, who fails the channel and
 * when, and a seed for every thread (each thread then draws its API mix, run lengths, timeouts,
 * cancels and delays from its own generator). Replaying a seed repeats every one of these choices;
 * only the interleaving of the threads differs.
 *
 * @param seed the round seed
 * @param variant the channel flavor and overflow policy
 * @param ending how the round ends
 * @param singleSideSubscribes whether a single producer ends by feeding the rest of its quota through
 *     an upstream it subscribes its one sender to, and a single consumer ends by subscribing to its
 *     one receiver (either takes the one handle for good, so it can only be the last run)
 * @param producers producer threads (1 for a single-producer flavor)
 * @param consumers consumer threads (1 for a single-consumer flavor); consumer 0 stays to the end
 * @param quota sequence numbers each producer may use (each send attempt uses one)
 * @param failer the producer that fails the channel ({@link Ending#FAIL})
 * @param failAt the failer's sequence number at which it fails the channel
 * @param leaveAt receives (over all consumers) after which every consumer leaves ({@link
 *     Ending#RECEIVERS_LEAVE})
 * @param interruptOneIn the monkey interrupts a worker on one tick in this many (0: never)
 * @param monkeySeed the interrupting monkey's seed
 * @param producerSeeds one seed per producer
 * @param consumerSeeds one seed per consumer
 */
record ChaosPlan(
        long seed,
        Variant variant,
        Ending ending,
        boolean singleSideSubscribes,
        int producers,
        int consumers,
        int quota,
        int failer,
        int failAt,
        long leaveAt,
        int interruptOneIn,
        long monkeySeed,
        long[] producerSeeds,
        long[] consumerSeeds) {

    /** How a round ends. */
    enum Ending {
        /** Every producer closes its sender; receivers drain and see a plain close. */
        CLOSE,
        /**
         * One producer calls {@code fail(cause)} (or its upstream signals {@code onError}) part-way;
         * the other sends fail from then on, receivers drain and then see the cause.
         */
        FAIL,
        /**
         * Every consumer closes its receiver part-way, so sends fail from then on. Only on a
         * rendezvous channel: a buffered channel discards what it holds when the last receiver
         * leaves, without telling which elements those were, so they could not be accounted for.
         */
        RECEIVERS_LEAVE
    }

    /** A channel flavor with an overflow policy. */
    record Variant(Flavor flavor, Overflow overflow) {

        boolean drops() {
            return overflow != Overflow.BLOCK;
        }

        /** A new channel; dropped elements go to {@code onDrop}. */
        Channel<Long> create(Consumer<Long> onDrop) {
            if (!drops()) {
                return flavor.create(); // the factories too, for the flavors that come from them
            }
            return flavor.<Long>builder()
                    .overflow(overflow)
                    .onUndeliveredElement(onDrop)
                    .build();
        }

        /** Whether one side of the channel is single, so {@link ChaosPlan#singleSideSubscribes} matters. */
        boolean hasSingleSide() {
            return flavor.singleProducer() || flavor.singleConsumer();
        }

        List<Ending> endings() {
            return flavor.isRendezvous()
                    ? List.of(Ending.CLOSE, Ending.FAIL, Ending.RECEIVERS_LEAVE)
                    : List.of(Ending.CLOSE, Ending.FAIL);
        }

        @Override
        public String toString() {
            return drops() ? flavor + ".overflow(" + overflow + ")" : flavor.toString();
        }
    }

    /** Every flavor of {@link Flavors} waiting when full, and every bounded one with each dropping policy. */
    static final List<Variant> VARIANTS = Stream.concat(
                    Flavors.all().map(f -> new Variant(f, Overflow.BLOCK)),
                    Flavors.bounded()
                            .flatMap(f -> Stream.of(
                                    new Variant(f, Overflow.DROP_NEWEST), new Variant(f, Overflow.DROP_OLDEST))))
            .collect(Collectors.toUnmodifiableList());

    /** A rendezvous hand-off costs about ten buffered sends, so its rounds move fewer elements. */
    private static final int RENDEZVOUS_DIVISOR = 4;

    /**
     * The plan of the round with this seed, for rounds of about {@code roundElements} send attempts.
     * The variant, the ending and {@link #singleSideSubscribes} are the first draws, so {@link
     * #kindOf} agrees.
     */
    static ChaosPlan of(long seed, int roundElements) {
        SplittableRandom rng = new SplittableRandom(seed);
        Variant variant = VARIANTS.get(rng.nextInt(VARIANTS.size()));
        Ending ending = variant.endings().get(rng.nextInt(variant.endings().size()));
        boolean singleSideSubscribes = rng.nextInt(variant.hasSingleSide() ? 2 : 1) == 1;
        Flavor flavor = variant.flavor();
        int producers = flavor.producers(1 + rng.nextInt(4));
        int consumers = flavor.consumers(1 + rng.nextInt(3));
        int attempts = flavor.isRendezvous() ? Math.max(1, roundElements / RENDEZVOUS_DIVISOR) : roundElements;
        int quota = Math.max(4, attempts / producers);
        int failer = rng.nextInt(producers);
        int failAt = quota / 4 + rng.nextInt(quota - quota / 4); // in [quota/4, quota)
        long leaveAt = (long) ((long) quota * producers * (0.1 + 0.5 * rng.nextDouble()));
        int[] interruptRates = {0, 4, 16, 64};
        int interruptOneIn = interruptRates[rng.nextInt(interruptRates.length)];
        long monkeySeed = rng.nextLong();
        long[] producerSeeds = rng.longs(producers).toArray();
        long[] consumerSeeds = rng.longs(consumers).toArray();
        return new ChaosPlan(
                seed,
                variant,
                ending,
                singleSideSubscribes,
                producers,
                consumers,
                quota,
                failer,
                failAt,
                leaveAt,
                interruptOneIn,
                monkeySeed,
                producerSeeds,
                consumerSeeds);
    }

    /**
     * The kind of the round with this seed: its variant, ending and {@link #singleSideSubscribes}
     * (the first draws of {@link #of}), as one number.
     */
    static int kindOf(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int v = rng.nextInt(VARIANTS.size());
        int e = rng.nextInt(VARIANTS.get(v).endings().size());
        int s = rng.nextInt(VARIANTS.get(v).hasSingleSide() ? 2 : 1);
        return kind(v, e, s);
    }

    private static int kind(int variant, int ending, int singleSideSubscribes) {
        return (variant * Ending.values().length + ending) * 2 + singleSideSubscribes;
    }

    /** Every kind of round there is, numbered as {@link #kindOf} numbers them. */
    static List<Integer> allKinds() {
        List<Integer> kinds = new ArrayList<>();
        for (int v = 0; v < VARIANTS.size(); v++) {
            for (int e = 0; e < VARIANTS.get(v).endings().size(); e++) {
                for (int s = 0; s < (VARIANTS.get(v).hasSingleSide() ? 2 : 1); s++) {
                    kinds.add(kind(v, e, s));
                }
            }
        }
        return kinds;
    }

    @Override
    public String toString() {
        return variant + " ending " + ending + ", " + producers + " producer(s) x " + quota + ", " + consumers
                + " consumer(s)"
                + (ending == Ending.FAIL ? ", producer " + failer + " fails at #" + failAt : "")
                + (ending == Ending.RECEIVERS_LEAVE ? ", receivers leave after " + leaveAt : "")
                + (singleSideSubscribes ? ", the single side ends subscribed" : "")
                + (interruptOneIn == 0 ? "" : ", interrupts 1/" + interruptOneIn + " ticks");
    }
}
