package dev.sluice.channel.testing;

import dev.sluice.channel.Channel;
import dev.sluice.channel.ChannelBuilder;
import java.util.stream.Stream;

/**
 * The channel flavors every test runs against, as JUnit parameter sources: use {@code
 * @MethodSource(Flavors.ALL)} (or a narrower source) on a {@code @ParameterizedTest} taking a
 * {@link Flavor}.
 */
public final class Flavors {

    /** Every flavor. */
    public static final String ALL = "dev.sluice.channel.testing.Flavors#all";
    /** Flavors with room for at least one element: bounded and unbounded (not rendezvous). */
    public static final String BUFFERED = "dev.sluice.channel.testing.Flavors#buffered";
    /** Flavors with a finite, positive capacity. */
    public static final String BOUNDED = "dev.sluice.channel.testing.Flavors#bounded";
    /** Flavors where a send can wait: bounded and rendezvous (not unbounded). */
    public static final String BLOCKING = "dev.sluice.channel.testing.Flavors#blocking";
    /** Flavors whose sender may be cloned. */
    public static final String MULTI_PRODUCER = "dev.sluice.channel.testing.Flavors#multiProducer";
    /** Flavors whose receiver may be cloned. */
    public static final String MULTI_CONSUMER = "dev.sluice.channel.testing.Flavors#multiConsumer";
    /** Flavors built with {@code singleProducer()}. */
    public static final String SINGLE_PRODUCER = "dev.sluice.channel.testing.Flavors#singleProducer";
    /** Flavors built with {@code singleConsumer()}. */
    public static final String SINGLE_CONSUMER = "dev.sluice.channel.testing.Flavors#singleConsumer";

    private Flavors() {}

    /**
     * One way to make a channel: a flavor of the shared catalogue ({@link ChannelFlavor}, which the
     * TCK module and the benchmarks use too) at a capacity. Single-producer (single-consumer) flavors
     * are only ever used by one producer (consumer) thread at a time.
     *
     * @param name how a user spells it (the tests' display name)
     * @param kind the flavor
     * @param requested the capacity asked for (ignored by rendezvous and unbounded)
     */
    public record Flavor(String name, ChannelFlavor kind, int requested) {

        public Flavor(ChannelFlavor kind, int requested) {
            this(kind.describe(requested), kind, requested);
        }

        /** A new channel of this flavor (from the factory where there is one). */
        public <T> Channel<T> create() {
            return kind.create(requested);
        }

        /** A builder configured for this flavor, to which a test may add more (an overflow policy). */
        public <T> ChannelBuilder<T> builder() {
            return kind.builder(requested);
        }

        /** 0 for rendezvous, {@link Channel#UNBOUNDED} for unbounded, else the bound. */
        public int capacity() {
            return kind.capacity(requested);
        }

        public boolean singleProducer() {
            return kind.singleProducer();
        }

        public boolean singleConsumer() {
            return kind.singleConsumer();
        }

        public boolean isRendezvous() {
            return capacity() == 0;
        }

        public boolean isUnbounded() {
            return capacity() == Channel.UNBOUNDED;
        }

        /** Finite and positive capacity. */
        public boolean isBounded() {
            return capacity() > 0 && capacity() != Channel.UNBOUNDED;
        }

        /** {@code wanted} producers, or one for a single-producer flavor. */
        public int producers(int wanted) {
            return singleProducer() ? 1 : wanted;
        }

        /** {@code wanted} consumers, or one for a single-consumer flavor. */
        public int consumers(int wanted) {
            return singleConsumer() ? 1 : wanted;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    public static Stream<Flavor> all() {
        return Stream.of(
                new Flavor(ChannelFlavor.BOUNDED, 1),
                new Flavor(ChannelFlavor.BOUNDED, 16),
                new Flavor(ChannelFlavor.BOUNDED, 1000),
                new Flavor(ChannelFlavor.RENDEZVOUS, 0),
                new Flavor(ChannelFlavor.UNBOUNDED, 0),
                new Flavor(ChannelFlavor.SINGLE_PRODUCER, 64),
                new Flavor(ChannelFlavor.SINGLE_CONSUMER, 64),
                new Flavor(ChannelFlavor.SPSC, 64));
    }

    public static Stream<Flavor> buffered() {
        return all().filter(f -> !f.isRendezvous());
    }

    public static Stream<Flavor> bounded() {
        return all().filter(Flavor::isBounded);
    }

    public static Stream<Flavor> blocking() {
        return all().filter(f -> !f.isUnbounded());
    }

    public static Stream<Flavor> multiProducer() {
        return all().filter(f -> !f.singleProducer());
    }

    public static Stream<Flavor> multiConsumer() {
        return all().filter(f -> !f.singleConsumer());
    }

    public static Stream<Flavor> singleProducer() {
        return all().filter(Flavor::singleProducer);
    }

    public static Stream<Flavor> singleConsumer() {
        return all().filter(Flavor::singleConsumer);
    }
}
