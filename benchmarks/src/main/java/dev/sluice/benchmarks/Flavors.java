package dev.sluice.benchmarks;

import dev.sluice.channel.Channel;
import dev.sluice.channel.testing.ChannelFlavor;

/**
 * The channel flavors a benchmark can take as a {@code flavor} parameter, from the list channel-core's
 * tests and the TCK use too ({@link ChannelFlavor}).
 */
final class Flavors {

    private Flavors() {}

    /**
     * {@code bounded}: {@code Channel.bounded(capacity)}, the multi-producer multi-consumer flavor;
     * {@code spsc}: the builder's single-producer single-consumer flavor.
     */
    static <T> Channel<T> build(String flavor, int capacity) {
        return switch (flavor) {
            case "bounded" -> ChannelFlavor.BOUNDED.create(capacity);
            case "spsc" -> ChannelFlavor.SPSC.create(capacity);
            default -> throw new IllegalArgumentException("unknown flavor: " + flavor + " (bounded or spsc)");
        };
    }
}
