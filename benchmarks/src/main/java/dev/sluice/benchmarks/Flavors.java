package dev.sluice.benchmarks;

import dev.sluice.channel.Channel;

/** The channel flavors a benchmark can take as a {@code flavor} parameter. */
final class Flavors {

    private Flavors() {}

    /**
     * {@code bounded}: {@code Channel.bounded(capacity)}, the multi-producer multi-consumer flavor;
     * {@code spsc}: the builder's single-producer single-consumer flavor.
     */
    static <T> Channel<T> build(String flavor, int capacity) {
        return switch (flavor) {
            case "bounded" -> Channel.bounded(capacity);
            case "spsc" -> Channel.<T>builder()
                    .capacity(capacity)
                    .singleProducer()
                    .singleConsumer()
                    .build();
            default -> throw new IllegalArgumentException("unknown flavor: " + flavor + " (bounded or spsc)");
        };
    }
}
