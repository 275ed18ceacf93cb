package dev.sluice.channel;

import java.util.stream.Stream;

/**
 * The channel flavors every test runs against, as JUnit parameter sources: use {@code
 * @MethodSource(Flavors.ALL)} (or a narrower source) on a {@code @ParameterizedTest} taking a
 * {@link Flavor}.
 */
final class Flavors {

    /** Every flavor. */
    static final String ALL = "dev.sluice.channel.Flavors#all";
    /** Flavors with room for at least one element: bounded and unbounded (not rendezvous). */
    static final String BUFFERED = "dev.sluice.channel.Flavors#buffered";
    /** Flavors with a finite, positive capacity. */
    static final String BOUNDED = "dev.sluice.channel.Flavors#bounded";
    /** Flavors where a send can wait: bounded and rendezvous (not unbounded). */
    static final String BLOCKING = "dev.sluice.channel.Flavors#blocking";
    /** Flavors whose sender may be cloned. */
    static final String MULTI_PRODUCER = "dev.sluice.channel.Flavors#multiProducer";
    /** Flavors whose receiver may be cloned. */
    static final String MULTI_CONSUMER = "dev.sluice.channel.Flavors#multiConsumer";
    /** Flavors built with {@code singleProducer()}. */
    static final String SINGLE_PRODUCER = "dev.sluice.channel.Flavors#singleProducer";
    /** Flavors built with {@code singleConsumer()}. */
    static final String SINGLE_CONSUMER = "dev.sluice.channel.Flavors#singleConsumer";

    private Flavors() {}

    /**
     * One way to make a channel. {@code viaFactory} flavors come from {@link Channel#bounded},
     * {@link Channel#rendezvous} or {@link Channel#unbounded}; the others from the builder.
     * Single-producer (single-consumer) flavors are only ever used by one producer (consumer)
     * thread at a time.
     */
    record Flavor(String name, int capacity, boolean singleProducer, boolean singleConsumer, boolean viaFactory) {

        /** A new channel of this flavor. */
        <T> Channel<T> create() {
            if (viaFactory) {
                if (capacity == 0) {
                    return Channel.rendezvous();
                }
                if (capacity == Channel.UNBOUNDED) {
                    return Channel.unbounded();
                }
                return Channel.bounded(capacity);
            }
            return this.<T>builder().build();
        }

        /** A builder configured for this flavor, to which a test may add more (an overflow policy). */
        <T> ChannelBuilder<T> builder() {
            ChannelBuilder<T> builder = Channel.builder();
            builder = capacity == Channel.UNBOUNDED ? builder.unbounded() : builder.capacity(capacity);
            if (singleProducer) {
                builder = builder.singleProducer();
            }
            if (singleConsumer) {
                builder = builder.singleConsumer();
            }
            return builder;
        }

        boolean isRendezvous() {
            return capacity == 0;
        }

        boolean isUnbounded() {
            return capacity == Channel.UNBOUNDED;
        }

        /** Finite and positive capacity. */
        boolean isBounded() {
            return capacity > 0 && capacity != Channel.UNBOUNDED;
        }

        /** {@code wanted} producers, or one for a single-producer flavor. */
        int producers(int wanted) {
            return singleProducer ? 1 : wanted;
        }

        /** {@code wanted} consumers, or one for a single-consumer flavor. */
        int consumers(int wanted) {
            return singleConsumer ? 1 : wanted;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Flavor> all() {
        return Stream.of(
                new Flavor("bounded(1)", 1, false, false, true),
                new Flavor("bounded(16)", 16, false, false, true),
                new Flavor("bounded(1000)", 1000, false, false, true),
                new Flavor("rendezvous()", 0, false, false, true),
                new Flavor("unbounded()", Channel.UNBOUNDED, false, false, true),
                new Flavor("capacity(64).singleProducer()", 64, true, false, false),
                new Flavor("capacity(64).singleConsumer()", 64, false, true, false),
                new Flavor("capacity(64).singleProducer().singleConsumer()", 64, true, true, false));
    }

    static Stream<Flavor> buffered() {
        return all().filter(f -> !f.isRendezvous());
    }

    static Stream<Flavor> bounded() {
        return all().filter(Flavor::isBounded);
    }

    static Stream<Flavor> blocking() {
        return all().filter(f -> !f.isUnbounded());
    }

    static Stream<Flavor> multiProducer() {
        return all().filter(f -> !f.singleProducer());
    }

    static Stream<Flavor> multiConsumer() {
        return all().filter(f -> !f.singleConsumer());
    }

    static Stream<Flavor> singleProducer() {
        return all().filter(Flavor::singleProducer);
    }

    static Stream<Flavor> singleConsumer() {
        return all().filter(Flavor::singleConsumer);
    }
}
